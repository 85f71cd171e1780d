#!/usr/bin/python3
"""Makes the CJK font the host ships (web pages and certificate PDFs) from Debian's fonts-lxgw-wenkai.

LXGW WenKai is under the SIL Open Font License 1.1 (api/OneWindow.Api/Assets/Fonts/OFL.txt) with the Reserved Font
Names "霞鹜" and "LXGW": a subset is a Modified Version, so it is renamed "OneWindow Kai". The subset keeps
ASCII, Latin-1, general and CJK punctuation, full-width forms, every GB 2312 character, and every other character
that appears in the repository's source and data files (names and addresses in the demo region), so pages and
certificates never show boxes for text the platform itself produces.

Run from the repository root, as root: apt-get install -y fonts-lxgw-wenkai python3-fonttools python3-brotli,
then /usr/bin/python3 infra/fonts/make-subset.py
"""
import pathlib
import subprocess

source = "/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf"
out = pathlib.Path("api/OneWindow.Api/Assets/Fonts")
out.mkdir(parents=True, exist_ok=True)

chars = set(chr(c) for c in range(0x20, 0x7F))
chars |= set(chr(c) for c in range(0xA0, 0x100))
chars |= set(chr(c) for c in range(0x2000, 0x2070))  # general punctuation
chars |= set(chr(c) for c in range(0x3000, 0x3040))  # CJK symbols and punctuation
chars |= set(chr(c) for c in range(0xFF00, 0xFFF0))  # full-width forms
for high in range(0xA1, 0xF8):
    for low in range(0xA1, 0xFF):
        try:
            chars.add(bytes([high, low]).decode("gb2312"))
        except UnicodeDecodeError:
            pass
for path in pathlib.Path(".").rglob("*"):
    if path.suffix in {".cs", ".json", ".md", ".csv", ".txt", ".graphql", ".html", ".js"} and "bin" not in path.parts \
            and "obj" not in path.parts and "node_modules" not in path.parts and path.is_file():
        chars |= {c for c in path.read_text(encoding="utf-8", errors="ignore") if ord(c) >= 0x2E80}

text = out / "subset-characters.txt"
text.write_text("".join(sorted(chars)), encoding="utf-8")
family = "OneWindow Kai"
for flavor, name in ((None, "OneWindowKai.ttf"), ("woff2", "OneWindowKai.woff2")):
    args = ["/usr/bin/python3", "-m", "fontTools.subset", source, f"--text-file={text}", f"--output-file={out / name}",
            "--layout-features=*", "--no-hinting", "--desubroutinize"]
    if flavor:
        args.append(f"--flavor={flavor}")
    subprocess.run(args, check=True)
    rename = f"""
from fontTools.ttLib import TTFont
font = TTFont({str(out / name)!r})
names = {{1: {family!r}, 2: "Regular", 3: {family!r} + " Regular (subset of LXGW WenKai)", 4: {family!r} + " Regular",
         6: {family.replace(" ", "")!r} + "-Regular", 16: {family!r}, 17: "Regular"}}
font["name"].names = [record for record in font["name"].names if record.nameID not in names]
for name_id, value in names.items():
    font["name"].setName(value, name_id, 3, 1, 0x409)
font.save({str(out / name)!r})
"""
    subprocess.run(["/usr/bin/python3", "-c", rename], check=True)
text.unlink()
print("wrote", *(p.name + f" ({p.stat().st_size // 1024} KB)" for p in sorted(out.glob("OneWindowKai*"))))
