using System.Diagnostics.CodeAnalysis;

namespace OneWindow.Domain.Identifiers;

/// <summary>
/// A passport number (护照号码) of any country, as ICAO Doc 9303 prints it in the machine-readable zone: capital
/// letters A–Z and digits only, at least one digit. Chinese passports have 9 characters (E12345678, EA1234567,
/// G12345678); other countries use 6 to 9, and a few longer numbers continue into the optional data field, so up to
/// 17 characters are accepted (at least 5). Spaces and hyphens some people type between groups are dropped; lower-case
/// letters are upper-cased. There is no check character outside the machine-readable zone.
/// </summary>
public sealed record PassportNumber
{
    public const int MinLength = 5;
    public const int MaxLength = 17;

    private PassportNumber(string value) => Value = value;

    public string Value { get; }

    public static bool TryParse(
        [NotNullWhen(true)] string? s,
        [NotNullWhen(true)] out PassportNumber? value,
        [NotNullWhen(false)] out IdentifierError? error)
    {
        value = null;
        var trimmed = IdentifierText.Trim(s);
        if (trimmed is null)
        {
            error = Error(IdentifierErrorReasons.Empty, "A passport number is required.");
            return false;
        }

        var number = IdentifierText.ToAsciiUpper(trimmed.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal));
        if (number.Length is < MinLength or > MaxLength)
        {
            error = Error(IdentifierErrorReasons.Length, $"A passport number has {MinLength} to {MaxLength} characters, not {number.Length}.");
            return false;
        }

        if (!number.All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c)) || !number.Any(char.IsAsciiDigit))
        {
            error = Error(IdentifierErrorReasons.Characters, "A passport number is capital letters A-Z and digits, with at least one digit.");
            return false;
        }

        error = null;
        value = new PassportNumber(number);
        return true;
    }

    public static PassportNumber Parse(string s) => TryParse(s, out var value, out var error) ? value : throw new IdentifierFormatException(error);

    public override string ToString() => Value;

    private static IdentifierError Error(string reason, string message) => new(IdentifierErrorCodes.InvalidPassportNumber, reason, message);
}
