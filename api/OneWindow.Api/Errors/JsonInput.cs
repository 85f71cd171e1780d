using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;

namespace OneWindow.Api.Errors;

/// <summary>
/// Checks that a request's JSON text is one the platform can take in whole, before anything binds or stores it:
/// well-formed JSON (RFC 8259) in valid UTF-8, no deeper than <see cref="MaxDepth"/>, every string and property name
/// valid Unicode (no lone UTF-16 surrogate escapes such as <c>"\ud800"</c>, which I-JSON, RFC 7493, forbids and
/// PostgreSQL cannot store), and every number finite (<c>1e400</c> is not). One pass with <see cref="Utf8JsonReader"/>,
/// allocating only for strings with escapes (and strings split across buffer segments).
/// </summary>
public static class JsonInput
{
    /// <summary>The deepest nesting of arrays and objects a request body may have.</summary>
    public const int MaxDepth = 64;

    /// <summary>Why the text is refused (<c>reason</c> of <c>BAD_REQUEST</c>), or null when it is acceptable.</summary>
    public static class Reasons
    {
        /// <summary>Not JSON: bad syntax, truncated, invalid UTF-8, a lone surrogate, a number out of range.</summary>
        public const string InvalidJson = "INVALID_JSON";

        /// <summary>Nested deeper than <see cref="MaxDepth"/>.</summary>
        public const string TooDeep = "JSON_TOO_DEEP";

        /// <summary>Well-formed JSON, but a value does not fit its field (a string for a number, an array for an object, …).</summary>
        public const string WrongType = "WRONG_TYPE";
    }

    public static string? Problem(ReadOnlySequence<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = MaxDepth });
        return Check(ref reader);
    }

    public static string? Problem(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = MaxDepth });
        return Check(ref reader);
    }

    private static string? Check(ref Utf8JsonReader reader)
    {
        var deepest = 0;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartArray or JsonTokenType.StartObject:
                        deepest = Math.Max(deepest, reader.CurrentDepth + 1);
                        break;
                    case JsonTokenType.String or JsonTokenType.PropertyName when !ValidText(ref reader):
                        return Reasons.InvalidJson;
                    case JsonTokenType.Number when !reader.TryGetDouble(out var number) || !double.IsFinite(number):
                        return Reasons.InvalidJson;
                }
            }
            return null;
        }
        catch (JsonException)
        {
            return deepest >= MaxDepth ? Reasons.TooDeep : Reasons.InvalidJson;
        }
    }

    /// <summary>The reader checks UTF-8 and escapes' syntax as it goes; not what an escape decodes to, nor UTF-8 inside unescaped strings.</summary>
    private static bool ValidText(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            return reader.HasValueSequence ? Utf8.IsValid(reader.ValueSequence.ToArray()) : Utf8.IsValid(reader.ValueSpan);
        }
        try
        {
            // Unescaping throws on a lone surrogate (and on invalid UTF-8).
            reader.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
