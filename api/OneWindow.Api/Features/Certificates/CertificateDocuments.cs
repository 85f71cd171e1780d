using System.Globalization;
using System.Net;
using System.Text;
using OneWindow.Api.Data.Entities;
using OneWindow.Domain.Identifiers;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;
using QRCoder;

namespace OneWindow.Api.Features.Certificates;

/// <summary>
/// The certificate rendered: its QR code (PNG for screens, SVG for web pages, carrying the ES256 token), a PDF with
/// the CJK font embedded and the QR code on it, and a printable HTML page. Text comes from the register (unmasked:
/// only entitled callers get here); what the QR code carries is the signed, masked payload.
/// </summary>
public static class CertificateDocuments
{
    private const int QrPixelsPerModule = 4;

    public static byte[] QrPng(string token)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(token, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(QrPixelsPerModule);
    }

    public static string QrSvg(string token)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(token, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(QrPixelsPerModule);
    }

    /// <summary>The lines of the certificate's face, label and value, in the paper certificate's order.</summary>
    public static IReadOnlyList<(string Label, string Value)> Lines(Certificate certificate, CertificateContent content)
    {
        var lines = new List<(string, string)>
        {
            ("证号", certificate.Number),
            (content.Kind == CertificateKind.Title ? "权利人" : "权利人（抵押权人等）", string.Join("、", content.Holders.Select(Party))),
        };
        if (content.Obligors.Count > 0)
        {
            lines.Add(("义务人", string.Join("、", content.Obligors.Select(Party))));
        }
        if (content.CoOwnership is { } co)
        {
            lines.Add(("共有情况", co switch { "SOLE" => "单独所有", "JOINT" => "共同共有", _ => "按份共有" }));
        }
        lines.Add(("坐落", string.Join("；", content.Units.Take(5).Select(u => u.Location)) + (content.Units.Count > 5 ? $" 等{content.Units.Count}个单元" : "")));
        lines.Add(("不动产单元号", string.Join("；", content.Units.Take(5).Select(u => u.UnitCode))));
        lines.Add((content.Kind == CertificateKind.Title ? "权利类型" : "证明权利或事项", content.Matter));
        if (content.RightNature is { } nature)
        {
            lines.Add(("权利性质", nature));
        }
        if (content.Units.Count == 1)
        {
            lines.Add(("用途", content.Units[0].Use));
            lines.Add(("面积", content.Units[0].Area.ToString("0.00", CultureInfo.InvariantCulture) + " m²"));
        }
        if (content.SecuredAmountFen is { } amount)
        {
            lines.Add(("被担保债权数额", (amount / 100m).ToString("#,0.00", CultureInfo.InvariantCulture) + " 元"));
        }
        if (content.TermStart is not null || content.TermEnd is not null)
        {
            lines.Add(("使用期限/债务履行期限", $"{Date(content.TermStart)} 至 {Date(content.TermEnd)}"));
        }
        if (!string.IsNullOrWhiteSpace(content.Notes))
        {
            lines.Add(("附记", content.Notes!));
        }
        lines.Add(("登记机构", content.Registry + "不动产登记机构"));
        lines.Add(("日期", certificate.IssuedOn.ToString("yyyy年M月d日", CultureInfo.InvariantCulture)));
        lines.Add(("验证码", certificate.VerificationCode));
        return lines;
    }

    /// <summary>The certificate as a one-page A4 PDF, the font subset embedded, the QR code at the bottom right.</summary>
    public static byte[] Pdf(Certificate certificate, CertificateContent content)
    {
        KaiFontResolver.Install();
        using var document = new PdfDocument();
        document.Info.Title = certificate.Number;
        document.Info.Creator = "OneWindow";
        var page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        using (var graphics = XGraphics.FromPdfPage(page))
        {
            var title = new XFont(KaiFontResolver.Family, 20);
            var label = new XFont(KaiFontResolver.Family, 11);
            var text = new XFont(KaiFontResolver.Family, 11);
            graphics.DrawString(certificate.Kind == CertificateKind.Title ? "不动产权证书（电子证照）" : "不动产登记证明（电子证照）",
                title, XBrushes.Black, new XRect(0, 50, page.Width.Point, 30), XStringFormats.TopCenter);
            var y = 110.0;
            foreach (var (name, value) in Lines(certificate, content))
            {
                graphics.DrawString(name, label, XBrushes.DimGray, new XPoint(60, y));
                foreach (var line in Wrap(value, 34))
                {
                    graphics.DrawString(line, text, XBrushes.Black, new XPoint(190, y));
                    y += 18;
                }
                y += 6;
            }
            using var qr = new QRCodeGenerator();
            using var data = qr.CreateQrCode(certificate.Token!, QRCodeGenerator.ECCLevel.M);
            using var bitmap = new MemoryStream(new BitmapByteQRCode(data).GetGraphic(QrPixelsPerModule));
            var image = XImage.FromStream(bitmap);
            var size = 170.0;
            graphics.DrawImage(image, page.Width.Point - 60 - size, page.Height.Point - 70 - size, size, size);
            graphics.DrawString("扫描二维码或以证号及验证码核验：POST /api/v1/certificates/verifications", new XFont(KaiFontResolver.Family, 8),
                XBrushes.DimGray, new XPoint(60, page.Height.Point - 60));
        }
        using var output = new MemoryStream();
        document.Save(output, false);
        return output.ToArray();
    }

    /// <summary>A printable HTML page: the same lines, the QR code as inline SVG, the web font for Chinese text.</summary>
    public static string Html(Certificate certificate, CertificateContent content)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>")
            .Append(WebUtility.HtmlEncode(certificate.Number))
            .Append("</title><style>body{font-family:'OneWindow Kai',serif;max-width:720px;margin:2em auto}th{text-align:left;color:#555;padding-right:1em;vertical-align:top}")
            .Append("td{padding:.2em 0}@media print{.no-print{display:none}}</style></head><body><h1>")
            .Append(certificate.Kind == CertificateKind.Title ? "不动产权证书（电子证照）" : "不动产登记证明（电子证照）")
            .Append("</h1><table>");
        foreach (var (name, value) in Lines(certificate, content))
        {
            html.Append("<tr><th>").Append(WebUtility.HtmlEncode(name)).Append("</th><td>").Append(WebUtility.HtmlEncode(value)).Append("</td></tr>");
        }
        html.Append("</table><figure>").Append(QrSvg(certificate.Token!)).Append("<figcaption>")
            .Append(WebUtility.HtmlEncode(Status(certificate.Status)))
            .Append("</figcaption></figure><p class=\"no-print\"><button onclick=\"print()\">打印</button></p></body></html>");
        return html.ToString();
    }

    public static string Status(CertificateStatus status) => status switch
    {
        CertificateStatus.Valid => "有效",
        CertificateStatus.Cancelled => "已注销",
        _ => "已换发",
    };

    private static string Party(CertificateParty party) =>
        party.SharePercent is { } share ? $"{party.Name}（{party.IdNumber}，{share:0.##}%）" : $"{party.Name}（{party.IdNumber}）";

    private static string Date(DateOnly? date) => date?.ToString("yyyy年M月d日", CultureInfo.InvariantCulture) ?? "—";

    private static IEnumerable<string> Wrap(string value, int width)
    {
        for (var i = 0; i < value.Length; i += width)
        {
            yield return value.Substring(i, Math.Min(width, value.Length - i));
        }
    }
}

/// <summary>
/// PDFsharp's fonts: the repository's OneWindow Kai (a GB 2312 subset of LXGW WenKai, Assets/Fonts), read from beside
/// the assembly so the working directory does not matter. PDFsharp takes one resolver per process.
/// </summary>
public sealed class KaiFontResolver : IFontResolver
{
    public const string Family = "OneWindow Kai";
    private const string Face = "OneWindowKai";
    private static readonly Lock Gate = new();
    private static readonly Lazy<byte[]> Bytes = new(() => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Assets", "Fonts", "OneWindowKai.ttf")));

    public static void Install()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is not KaiFontResolver)
            {
                GlobalFontSettings.FontResolver = new KaiFontResolver();
            }
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) => new(Face);

    public byte[]? GetFont(string faceName) => Bytes.Value;
}
