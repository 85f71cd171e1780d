namespace OneWindow.Domain.Identifiers;

/// <summary>Input handling shared by the identifiers.</summary>
internal static class IdentifierText
{
    /// <summary>
    /// The input without surrounding whitespace (including the full-width space U+3000 that Chinese input methods type),
    /// or null when nothing is left.
    /// </summary>
    public static string? Trim(string? s)
    {
        var trimmed = s?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }

    /// <summary>
    /// ASCII a–z in upper case, every other character unchanged. Culture-aware upper-casing is avoided on purpose: it
    /// would turn the dotless ı into I and the long ſ into S.
    /// </summary>
    public static string ToAsciiUpper(string s) =>
        string.Create(s.Length, s, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = char.IsAsciiLetterLower(c) ? (char)(c - ('a' - 'A')) : c;
            }
        });

    /// <summary>Whether every character is an ASCII digit 0–9 (full-width and other Unicode digits are not).</summary>
    public static bool IsDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The value of a span of ASCII digits (already checked with <see cref="IsDigits"/>).</summary>
    public static int ToInt32(ReadOnlySpan<char> digits)
    {
        var value = 0;
        foreach (var c in digits)
        {
            value = (value * 10) + (c - '0');
        }

        return value;
    }
}
