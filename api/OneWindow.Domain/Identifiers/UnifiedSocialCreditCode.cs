using System.Diagnostics.CodeAnalysis;

namespace OneWindow.Domain.Identifiers;

/// <summary>
/// A unified social credit code (统一社会信用代码, GB 32100-2015), the identifier of companies, banks and other
/// organisations: 18 characters from the alphabet <c>0123456789ABCDEFGHJKLMNPQRTUWXY</c>, e.g.
/// <c>91350100M000100Y43</c>.
/// </summary>
/// <remarks>
/// <list type="table">
/// <item><term>1</term><description>registration authority (登记管理部门代码), one of <see cref="RegistrationAuthorities"/></description></item>
/// <item><term>2</term><description>organisation type (机构类别代码): any character of the alphabet; see below</description></item>
/// <item><term>3–8</term><description>administrative division of the registering office: six digits, either 100000 (registered at
/// national level) or a code whose province is known (<see cref="AdministrativeDivisions.IsKnownProvince"/>). Not
/// checked against today's counties: a code keeps the division it was issued in for life.</description></item>
/// <item><term>9–17</term><description>subject identifier (主体标识码, the GB 11714 organisation code); its own check character is not verified</description></item>
/// <item><term>18</term><description>check character: the first 17 valued 0..30 by their place in the alphabet, weighted
/// 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28; check value 31 − (sum mod 31), 31 becoming 0</description></item>
/// </list>
/// <para>
/// Registration authorities — source: GB 32100-2015 table 1 (1 机构编制, 5 民政, 9 工商, Y 其他) with the codes
/// allocated since by the standardisation administration and published with the organisation-type table: 2 外交,
/// 3 司法行政, 4 文化, 6 旅游, 7 宗教, 8 工会, A 中央军委改革和编制办公室, N 农业; and G 公安 (overseas NGO
/// representative offices), J 住房城乡建设 (owners' assemblies), Q 侨联, which appear in the newest public tables but
/// whose allocation documents were not available to check. They are accepted so that a real organisation is never
/// refused; a code that does not exist fails its check character in all likelihood anyway.
/// </para>
/// <para>
/// The organisation type is checked only against the alphabet: its table per authority keeps growing (村民委员会 54,
/// 商事调解组织 36, 非法人工会 82, …) and no published version could be established as complete.
/// </para>
/// Surrounding whitespace is trimmed and lower-case letters are accepted and upper-cased.
/// </remarks>
public sealed record UnifiedSocialCreditCode
{
    /// <summary>The number of characters of a credit code.</summary>
    public const int Length = 18;

    /// <summary>The registration authority codes accepted in the first position (see the remarks for the source).</summary>
    public const string RegistrationAuthorities = "123456789AGJNQY";

    /// <summary>The division code of organisations registered at national level.</summary>
    private const string NationalDivision = "100000";

    private UnifiedSocialCreditCode(string value) => Value = value;

    /// <summary>The canonical 18-character form.</summary>
    public string Value { get; }

    /// <summary>The registration authority (character 1), e.g. 9 for market regulation (companies).</summary>
    public char RegistrationAuthority => Value[0];

    /// <summary>The organisation type within the authority (character 2), e.g. 1 for an enterprise under authority 9.</summary>
    public char OrganisationType => Value[1];

    /// <summary>The administrative division of the registering office (characters 3–8), 100000 for national level.</summary>
    public string Division => Value[2..8];

    /// <summary>The subject identifier (主体标识码, characters 9–17), the GB 11714 organisation code.</summary>
    public string OrganisationCode => Value[8..17];

    /// <summary>The code for display and logs: first 4 and last 4 characters, 10 stars between, e.g. 9135**********0Y43.</summary>
    public string Masked => string.Concat(Value.AsSpan(0, 4), new string('*', 10), Value.AsSpan(14));

    /// <summary>Parses a credit code; throws <see cref="IdentifierFormatException"/> with the error when it is invalid.</summary>
    public static UnifiedSocialCreditCode Parse(string s) =>
        TryParse(s, out var value, out var error) ? value : throw new IdentifierFormatException(error);

    /// <summary>Parses a credit code; on failure returns false and says why in <paramref name="error"/>.</summary>
    public static bool TryParse(
        [NotNullWhen(true)] string? s,
        [NotNullWhen(true)] out UnifiedSocialCreditCode? value,
        [NotNullWhen(false)] out IdentifierError? error)
    {
        value = null;
        var trimmed = IdentifierText.Trim(s);
        if (trimmed is null)
        {
            error = Error(IdentifierErrorReasons.Empty, "A unified social credit code is required.");
            return false;
        }

        if (trimmed.Length != Length)
        {
            error = Error(IdentifierErrorReasons.Length, $"A unified social credit code has {Length} characters, not {trimmed.Length}.");
            return false;
        }

        var code = IdentifierText.ToAsciiUpper(trimmed);
        error = ValidateFirst17(code.AsSpan(0, 17)) ?? ValidateCharacter(code[17]);
        if (error is not null)
        {
            return false;
        }

        if (CheckCharacters.CreditCode(code.AsSpan(0, 17)) != code[17])
        {
            error = Error(IdentifierErrorReasons.CheckCharacter, "The check character does not match the first 17 characters.");
            return false;
        }

        value = new UnifiedSocialCreditCode(code);
        return true;
    }

    /// <summary>
    /// Builds a credit code from its first 17 characters (authority, type, division, subject identifier), computing
    /// the check character.
    /// </summary>
    /// <exception cref="IdentifierFormatException">The characters break a rule (length, alphabet, authority, division).</exception>
    public static UnifiedSocialCreditCode Create(string first17)
    {
        ArgumentNullException.ThrowIfNull(first17);
        var prefix = IdentifierText.ToAsciiUpper(first17);
        var error = prefix.Length == Length - 1
            ? ValidateFirst17(prefix)
            : Error(IdentifierErrorReasons.Length, $"The first {Length - 1} characters are needed, not {prefix.Length}.");
        if (error is not null)
        {
            throw new IdentifierFormatException(error);
        }

        return Parse(prefix + CheckCharacters.CreditCode(prefix));
    }

    /// <summary>The canonical 18-character form.</summary>
    public override string ToString() => Value;

    private static IdentifierError? ValidateFirst17(ReadOnlySpan<char> first17)
    {
        foreach (var c in first17)
        {
            if (ValidateCharacter(c) is { } characterError)
            {
                return characterError;
            }
        }

        if (!RegistrationAuthorities.Contains(first17[0], StringComparison.Ordinal))
        {
            return Error(IdentifierErrorReasons.RegistrationAuthority, "Character 1 is not a registration authority code of GB 32100.");
        }

        var division = first17[2..8];
        if (!IdentifierText.IsDigits(division)
            || !(division.SequenceEqual(NationalDivision) || AdministrativeDivisions.IsKnownProvince(division[..2].ToString())))
        {
            return Error(IdentifierErrorReasons.Division, "Characters 3-8 must be an administrative division: 100000 or a code of a known province.");
        }

        return null;
    }

    private static IdentifierError? ValidateCharacter(char c) =>
        CheckCharacters.CreditCodeAlphabet.Contains(c, StringComparison.Ordinal)
            ? null
            : Error(IdentifierErrorReasons.Characters, "A unified social credit code uses only the digits 0-9 and the capital letters A-Y except I, O, S and V.");

    private static IdentifierError Error(string reason, string message) =>
        new(IdentifierErrorCodes.InvalidCreditCode, reason, message);
}
