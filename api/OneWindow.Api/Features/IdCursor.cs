using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace OneWindow.Api.Features;

/// <summary>
/// Opaque cursors of the lists paged by id (partners oldest first, applications newest first): the base64url of a
/// prefix and the last id of a page. Anything else is not a cursor.
/// </summary>
public sealed class IdCursor(string prefix)
{
    public static IdCursor Partners { get; } = new("partner:");

    public static IdCursor Applications { get; } = new("application:");

    public string Encode(long id) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(prefix + id.ToString(CultureInfo.InvariantCulture)));

    public bool TryDecode(string? cursor, out long id)
    {
        id = 0;
        if (string.IsNullOrEmpty(cursor) || cursor.Length > 64)
        {
            return false;
        }
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            return text.StartsWith(prefix, StringComparison.Ordinal)
                && long.TryParse(text.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out id)
                && id > 0;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
