using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace OneWindow.Api.GraphQL.Schema;

/// <summary>
/// Global object ids (Relay): the type name and the object's key, base64url-encoded — "Property:441202…" for a unit.
/// Opaque to partners; stable across instances and releases.
/// </summary>
public static class GlobalId
{
    public const string Property = "Property";
    public const string Right = "Right";
    public const string Restriction = "Restriction";

    public static string Encode(string type, string key) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{type}:{key}"));

    public static string Encode(string type, long key) => Encode(type, key.ToString(CultureInfo.InvariantCulture));

    public static bool TryDecode(string? id, out string type, out string key)
    {
        type = key = "";
        if (string.IsNullOrEmpty(id) || id.Length > 200)
        {
            return false;
        }
        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(id);
        }
        catch (FormatException)
        {
            return false;
        }
        var text = Encoding.UTF8.GetString(bytes);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == text.Length - 1)
        {
            return false;
        }
        type = text[..colon];
        key = text[(colon + 1)..];
        return true;
    }
}
