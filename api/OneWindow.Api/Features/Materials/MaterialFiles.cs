using System.Globalization;
using System.Text;
using Microsoft.Net.Http.Headers;

namespace OneWindow.Api.Features.Materials;

/// <summary>The rules about an uploaded file itself: its declared type, its signature, its display name.</summary>
public static class MaterialFiles
{
    public const string Pdf = "application/pdf";
    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";
    public const string Ofd = "application/ofd";

    /// <summary>The longest display name kept (the column's length).</summary>
    public const int MaxFileNameLength = 260;

    /// <summary>How many leading bytes the longest signature needs.</summary>
    public const int SignatureLength = 8;

    /// <summary>The first bytes of each type we know (its magic number). OFD is a ZIP package (GB/T 33190).</summary>
    private static readonly Dictionary<string, byte[]> Signatures = new(StringComparer.Ordinal)
    {
        [Pdf] = "%PDF-"u8.ToArray(),
        [Jpeg] = [0xFF, 0xD8, 0xFF],
        [Png] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A],
        [Ofd] = [0x50, 0x4B, 0x03, 0x04],
    };

    /// <summary>The declared media type without parameters, lower case; <c>application/octet-stream</c> when none or unreadable.</summary>
    public static string MediaType(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed) && parsed.MediaType.HasValue
            ? parsed.MediaType.Value!.ToLowerInvariant()
            : "application/octet-stream";

    /// <summary>
    /// Whether the file's first bytes are those of its declared type. A type without a known signature (one an
    /// operator allowed in configuration) passes.
    /// </summary>
    public static bool MatchesSignature(string mediaType, ReadOnlySpan<byte> head) =>
        !Signatures.TryGetValue(mediaType, out var signature) || head.StartsWith(signature);

    /// <summary>
    /// The name to show and to offer on download: the last segment of whatever path the client sent, without control
    /// or bidirectional-override characters (a name must not pretend to end in .pdf), trimmed, at most 260
    /// characters with its extension kept. Never empty.
    /// </summary>
    public static string DisplayName(string? fileName)
    {
        var name = fileName ?? "";
        var slash = name.LastIndexOfAny(['/', '\\']);
        if (slash >= 0)
        {
            name = name[(slash + 1)..];
        }
        var kept = new StringBuilder(name.Length);
        foreach (var rune in name.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                continue;
            }
            kept.Append(rune.ToString());
        }
        name = kept.ToString().Trim().Trim('.').Trim();
        if (name.Length == 0)
        {
            return "material";
        }
        if (name.Length <= MaxFileNameLength)
        {
            return name;
        }
        var dot = name.LastIndexOf('.');
        var extension = dot > 0 && name.Length - dot <= 16 ? name[dot..] : "";
        return Cut(name[..(name.Length - extension.Length)], MaxFileNameLength - extension.Length) + extension;
    }

    /// <summary>The first <paramref name="length"/> characters, never splitting a surrogate pair.</summary>
    private static string Cut(string text, int length)
    {
        if (text.Length <= length)
        {
            return text;
        }
        return char.IsHighSurrogate(text[length - 1]) ? text[..(length - 1)] : text[..length];
    }
}
