using System.Diagnostics.CodeAnalysis;

namespace OneWindow.Domain.Identifiers;

/// <summary>
/// An organisation code (组织机构代码, GB 11714-1997): 8 body characters (digits and capital letters) and a check
/// character, commonly written with a hyphen before it, e.g. <c>D2143569-X</c>. Replaced by the unified social credit
/// code (whose characters 9–17 it became) and accepted only where the register already records an organisation by it.
/// </summary>
/// <remarks>
/// Check: the body characters valued 0–9 for digits and 10–35 for A–Z, weighted 3 7 9 10 5 8 4 2; check value
/// 11 − (sum mod 11), written as a digit, X for 10 and 0 for 11. Surrounding whitespace and the hyphen are dropped,
/// lower-case letters upper-cased; the canonical form is the 9 characters without hyphen.
/// </remarks>
public sealed record OrganisationCode
{
    public const int Length = 9;

    private OrganisationCode(string value) => Value = value;

    public string Value { get; }

    public static bool TryParse(
        [NotNullWhen(true)] string? s,
        [NotNullWhen(true)] out OrganisationCode? value,
        [NotNullWhen(false)] out IdentifierError? error)
    {
        value = null;
        var trimmed = IdentifierText.Trim(s);
        if (trimmed is null)
        {
            error = Error(IdentifierErrorReasons.Empty, "An organisation code is required.");
            return false;
        }

        var code = IdentifierText.ToAsciiUpper(trimmed.Length == Length + 1 && trimmed[8] == '-' ? string.Concat(trimmed.AsSpan(0, 8), trimmed.AsSpan(9)) : trimmed);
        if (code.Length != Length)
        {
            error = Error(IdentifierErrorReasons.Length, $"An organisation code has {Length} characters (8 and a check character), not {code.Length}.");
            return false;
        }

        if (!code.AsSpan(0, 8).ToArray().All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c)) || !(char.IsAsciiDigit(code[8]) || code[8] == 'X'))
        {
            error = Error(IdentifierErrorReasons.Characters, "An organisation code is 8 digits or capital letters and a digit or X.");
            return false;
        }

        if (CheckCharacters.OrganisationCode(code.AsSpan(0, 8)) != code[8])
        {
            error = Error(IdentifierErrorReasons.CheckCharacter, "The check character does not match the first 8 characters.");
            return false;
        }

        error = null;
        value = new OrganisationCode(code);
        return true;
    }

    public static OrganisationCode Parse(string s) => TryParse(s, out var value, out var error) ? value : throw new IdentifierFormatException(error);

    /// <summary>Builds an organisation code from its 8 body characters, computing the check character.</summary>
    public static OrganisationCode Create(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var upper = IdentifierText.ToAsciiUpper(body);
        if (upper.Length != 8 || !upper.All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c)))
        {
            throw new IdentifierFormatException(Error(IdentifierErrorReasons.Characters, "The body is 8 digits or capital letters."));
        }

        return Parse(upper + CheckCharacters.OrganisationCode(upper));
    }

    public override string ToString() => Value;

    private static IdentifierError Error(string reason, string message) => new(IdentifierErrorCodes.InvalidOrganisationCode, reason, message);
}
