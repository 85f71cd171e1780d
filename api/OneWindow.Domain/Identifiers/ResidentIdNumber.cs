using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace OneWindow.Domain.Identifiers;

/// <summary>
/// A resident identity card number (居民身份证号码, GB 11643): 18 characters, e.g. <c>11010519491231002X</c>.
/// </summary>
/// <remarks>
/// <list type="table">
/// <item><term>1–6</term><description>address code (GB/T 2260) of the place of first registration; its first two digits must be a
/// known province (<see cref="AdministrativeDivisions.IsKnownProvince"/>), or the whole code 830000, which the
/// residence permits of Taiwan residents (台湾居民居住证, 2018) use in the same format. The rest of the address
/// code is not checked against today's divisions: a number keeps the code of the county where it was issued,
/// even after that county was merged or renamed.</description></item>
/// <item><term>7–14</term><description>birth date yyyyMMdd: a real date, not before 1900-01-01, not after today in China</description></item>
/// <item><term>15–17</term><description>sequence; odd for men, even for women</description></item>
/// <item><term>18</term><description>check character, ISO 7064 MOD 11-2: the first 17 digits weighted 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2,
/// the sum mod 11 mapped 0..10 to 1 0 X 9 8 7 6 5 4 3 2</description></item>
/// </list>
/// Surrounding whitespace is trimmed and a lower-case check character x is accepted and upper-cased. The 15-digit
/// numbers of the first-generation cards (no longer valid since 2013) are rejected with LENGTH.
/// The number is personal data: <see cref="ToString"/> gives it in full, <see cref="Masked"/> for display and logs.
/// </remarks>
public sealed record ResidentIdNumber
{
    /// <summary>The number of characters of an ID number.</summary>
    public const int Length = 18;

    /// <summary>The address code of the residence permits of Taiwan residents; not a GB/T 2260 province.</summary>
    private const string TaiwanResidencePermitAddressCode = "830000";

    private static readonly DateOnly EarliestBirthDate = new(1900, 1, 1);

    private ResidentIdNumber(string value, DateOnly birthDate)
    {
        Value = value;
        BirthDate = birthDate;
    }

    /// <summary>The canonical 18-character form (check character X in upper case).</summary>
    public string Value { get; }

    /// <summary>The address code (characters 1–6).</summary>
    public string AddressCode => Value[..6];

    /// <summary>The birth date (characters 7–14).</summary>
    public DateOnly BirthDate { get; }

    /// <summary>The sequence (characters 15–17), 0–999.</summary>
    public int Sequence => IdentifierText.ToInt32(Value.AsSpan(14, 3));

    /// <summary>The sex: the sequence is odd for men, even for women.</summary>
    public Sex Sex => Sequence % 2 == 1 ? Sex.Male : Sex.Female;

    /// <summary>The number for display and logs: first 4 and last 4 characters, 10 stars between, e.g. 4412**********1234.</summary>
    public string Masked => string.Concat(Value.AsSpan(0, 4), new string('*', 10), Value.AsSpan(14));

    /// <summary>Parses an ID number; throws <see cref="IdentifierFormatException"/> with the error when it is invalid.</summary>
    /// <param name="s">The text.</param>
    /// <param name="today">The date that birth dates may not be after; default today in China (UTC+8).</param>
    public static ResidentIdNumber Parse(string s, DateOnly? today = null) =>
        TryParse(s, out var value, out var error, today) ? value : throw new IdentifierFormatException(error);

    /// <summary>Parses an ID number; on failure returns false and says why in <paramref name="error"/>.</summary>
    /// <param name="s">The text.</param>
    /// <param name="value">The ID number when valid.</param>
    /// <param name="error">Why it is not valid.</param>
    /// <param name="today">The date that birth dates may not be after; default today in China (UTC+8).</param>
    public static bool TryParse(
        [NotNullWhen(true)] string? s,
        [NotNullWhen(true)] out ResidentIdNumber? value,
        [NotNullWhen(false)] out IdentifierError? error,
        DateOnly? today = null)
    {
        value = null;
        var trimmed = IdentifierText.Trim(s);
        if (trimmed is null)
        {
            error = Error(IdentifierErrorReasons.Empty, "An ID number is required.");
            return false;
        }

        if (trimmed.Length != Length)
        {
            error = Error(IdentifierErrorReasons.Length, $"An ID number has {Length} characters, not {trimmed.Length}.");
            return false;
        }

        var number = trimmed[^1] == 'x' ? string.Concat(trimmed.AsSpan(0, 17), "X") : trimmed;
        if (!IdentifierText.IsDigits(number.AsSpan(0, 17)) || !(char.IsAsciiDigit(number[17]) || number[17] == 'X'))
        {
            error = Error(IdentifierErrorReasons.Characters, "An ID number is 17 digits followed by a digit or X.");
            return false;
        }

        if (!AdministrativeDivisions.IsKnownProvince(number[..2]) && number[..6] != TaiwanResidencePermitAddressCode)
        {
            error = Error(IdentifierErrorReasons.Province, "The first two digits of the address code are not a known province.");
            return false;
        }

        if (!DateOnly.TryParseExact(number.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birthDate))
        {
            error = Error(IdentifierErrorReasons.BirthDate, "Characters 7-14 are not a real date (yyyyMMdd).");
            return false;
        }

        if (birthDate < EarliestBirthDate || birthDate > (today ?? ChinaClock.Today))
        {
            error = Error(IdentifierErrorReasons.BirthDate, "The birth date must be between 1900-01-01 and today.");
            return false;
        }

        if (CheckCharacters.Mod11_2(number.AsSpan(0, 17)) != number[17])
        {
            error = Error(IdentifierErrorReasons.CheckCharacter, "The check character does not match the first 17 digits.");
            return false;
        }

        error = null;
        value = new ResidentIdNumber(number, birthDate);
        return true;
    }

    /// <summary>Builds an ID number from its parts, computing the check character.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sequence"/> is not 0–999.</exception>
    /// <exception cref="IdentifierFormatException">The parts break a rule (unknown province, birth date in the future, …).</exception>
    public static ResidentIdNumber Create(string addressCode, DateOnly birthDate, int sequence)
    {
        ArgumentNullException.ThrowIfNull(addressCode);
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sequence, 999);
        if (addressCode.Length != 6 || !IdentifierText.IsDigits(addressCode))
        {
            throw new IdentifierFormatException(Error(IdentifierErrorReasons.Characters, "The address code must be six digits."));
        }

        var first17 = string.Concat(
            addressCode,
            birthDate.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
            sequence.ToString("D3", CultureInfo.InvariantCulture));
        return Parse(first17 + CheckCharacters.Mod11_2(first17));
    }

    /// <summary>The full canonical number. Personal data: show <see cref="Masked"/> instead wherever the full number is not needed.</summary>
    public override string ToString() => Value;

    private static IdentifierError Error(string reason, string message) =>
        new(IdentifierErrorCodes.InvalidIdNumber, reason, message);
}
