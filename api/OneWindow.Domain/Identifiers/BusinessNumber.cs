using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace OneWindow.Domain.Identifiers;

/// <summary>
/// The registry's business number (业务号) of an application, OneWindow's own format: 21 characters, e.g.
/// <c>441202202503150001236</c>. Applicants quote it with their ID number to follow an application.
/// </summary>
/// <remarks>
/// <list type="table">
/// <item><term>1–6</term><description>the registry's administrative division (GB/T 2260), a known one at any level
/// (<see cref="AdministrativeDivisions.Name"/>): county registries use their county, city registries their city</description></item>
/// <item><term>7–14</term><description>the acceptance date, yyyyMMdd, a real date</description></item>
/// <item><term>15–20</term><description>the sequence within the registry and day, 000001–999999</description></item>
/// <item><term>21</term><description>check character, ISO 7064 MOD 11-2 over the first 20 digits, exactly like the resident ID number's:
/// the digits weighted, from the left, 1 6 3 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2 (2^(21−i) mod 11 for i = 1..20, so the
/// last 17 weights are the ID number's), check value (12 − sum mod 11) mod 11, written 0–9 or X for 10. Any
/// ISO 7064 MOD 11-2 implementation verifies it.</description></item>
/// </list>
/// Surrounding whitespace is trimmed and a lower-case check character x is accepted and upper-cased.
/// </remarks>
public sealed record BusinessNumber
{
    /// <summary>The number of characters of a business number.</summary>
    public const int Length = 21;

    private BusinessNumber(string value, DateOnly date)
    {
        Value = value;
        Date = date;
    }

    /// <summary>The canonical 21-character form.</summary>
    public string Value { get; }

    /// <summary>The registry's administrative division (characters 1–6).</summary>
    public string Division => Value[..6];

    /// <summary>The acceptance date (characters 7–14).</summary>
    public DateOnly Date { get; }

    /// <summary>The sequence within the registry and day (characters 15–20), 1–999999.</summary>
    public int Sequence => IdentifierText.ToInt32(Value.AsSpan(14, 6));

    /// <summary>Parses a business number; throws <see cref="IdentifierFormatException"/> with the error when it is invalid.</summary>
    public static BusinessNumber Parse(string s) =>
        TryParse(s, out var value, out var error) ? value : throw new IdentifierFormatException(error);

    /// <summary>Parses a business number; on failure returns false and says why in <paramref name="error"/>.</summary>
    public static bool TryParse(
        [NotNullWhen(true)] string? s,
        [NotNullWhen(true)] out BusinessNumber? value,
        [NotNullWhen(false)] out IdentifierError? error)
    {
        value = null;
        var trimmed = IdentifierText.Trim(s);
        if (trimmed is null)
        {
            error = Error(IdentifierErrorReasons.Empty, "A business number is required.");
            return false;
        }

        if (trimmed.Length != Length)
        {
            error = Error(IdentifierErrorReasons.Length, $"A business number has {Length} characters, not {trimmed.Length}.");
            return false;
        }

        var number = trimmed[^1] == 'x' ? string.Concat(trimmed.AsSpan(0, Length - 1), "X") : trimmed;
        if (!IdentifierText.IsDigits(number.AsSpan(0, Length - 1)) || !(char.IsAsciiDigit(number[^1]) || number[^1] == 'X'))
        {
            error = Error(IdentifierErrorReasons.Characters, "A business number is 20 digits followed by a digit or X.");
            return false;
        }

        if (AdministrativeDivisions.Name(number[..6]) is null)
        {
            error = Error(IdentifierErrorReasons.Division, $"Characters 1-6 ({number[..6]}) are not a known administrative division (GB/T 2260).");
            return false;
        }

        if (!DateOnly.TryParseExact(number.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            error = Error(IdentifierErrorReasons.Date, "Characters 7-14 (the acceptance date) are not a real date (yyyyMMdd).");
            return false;
        }

        if (IdentifierText.ToInt32(number.AsSpan(14, 6)) == 0)
        {
            error = Error(IdentifierErrorReasons.Sequence, "Characters 15-20 (the daily sequence) must be 000001 to 999999.");
            return false;
        }

        if (CheckCharacters.Mod11_2(number.AsSpan(0, Length - 1)) != number[^1])
        {
            error = Error(IdentifierErrorReasons.CheckCharacter, "The check character does not match the first 20 digits.");
            return false;
        }

        error = null;
        value = new BusinessNumber(number, date);
        return true;
    }

    /// <summary>Builds a business number from its parts, computing the check character.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sequence"/> is not 1–999999.</exception>
    /// <exception cref="IdentifierFormatException">The division is not six digits or not known.</exception>
    public static BusinessNumber Create(string division, DateOnly date, int sequence)
    {
        ArgumentNullException.ThrowIfNull(division);
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sequence, 999_999);
        if (division.Length != 6 || !IdentifierText.IsDigits(division))
        {
            throw new IdentifierFormatException(Error(IdentifierErrorReasons.Division, "The division must be six digits."));
        }

        var first20 = string.Concat(
            division,
            date.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
            sequence.ToString("D6", CultureInfo.InvariantCulture));
        return Parse(first20 + CheckCharacters.Mod11_2(first20));
    }

    /// <summary>The canonical 21-character form.</summary>
    public override string ToString() => Value;

    private static IdentifierError Error(string reason, string message) =>
        new(IdentifierErrorCodes.InvalidBusinessNumber, reason, message);
}
