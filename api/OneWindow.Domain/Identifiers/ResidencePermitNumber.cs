using System.Diagnostics.CodeAnalysis;

namespace OneWindow.Domain.Identifiers;

/// <summary>
/// The number of a residence permit for Hong Kong, Macao and Taiwan residents (港澳台居民居住证, 2018): the resident ID
/// number's format (GB 11643: birth date, sequence, MOD 11-2 check character) with the address code 810000 (Hong
/// Kong), 820000 (Macao) or 830000 (Taiwan) instead of a mainland division.
/// </summary>
public sealed record ResidencePermitNumber
{
    private ResidencePermitNumber(IdentityDocumentType type, ResidentIdNumber number)
    {
        Type = type;
        Number = number;
    }

    /// <summary><see cref="IdentityDocumentType.HongKongMacaoResidencePermit"/> or <see cref="IdentityDocumentType.TaiwanResidencePermit"/>.</summary>
    public IdentityDocumentType Type { get; }

    /// <summary>The number read as an ID number (birth date, sex, check character).</summary>
    public ResidentIdNumber Number { get; }

    public string Value => Number.Value;

    /// <summary>The address codes of the permits of each kind.</summary>
    public static IReadOnlyList<string> AddressCodes(IdentityDocumentType type) => type switch
    {
        IdentityDocumentType.HongKongMacaoResidencePermit => ["810000", "820000"],
        IdentityDocumentType.TaiwanResidencePermit => ["830000"],
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not a residence permit."),
    };

    public static bool TryParse(
        IdentityDocumentType type,
        [NotNullWhen(true)] string? s,
        [NotNullWhen(true)] out ResidencePermitNumber? value,
        [NotNullWhen(false)] out IdentifierError? error,
        DateOnly? today = null)
    {
        var codes = AddressCodes(type);
        value = null;
        if (!ResidentIdNumber.TryParse(s, out var number, out var idError, today))
        {
            error = new IdentifierError(IdentifierErrorCodes.InvalidResidencePermitNumber, idError.Reason, idError.Message.Replace("An ID number", "A residence permit number", StringComparison.Ordinal));
            return false;
        }

        if (!codes.Contains(number.AddressCode))
        {
            error = new IdentifierError(IdentifierErrorCodes.InvalidResidencePermitNumber, IdentifierErrorReasons.Province,
                $"A residence permit number of this kind starts with {string.Join(" or ", codes)}.");
            return false;
        }

        error = null;
        value = new ResidencePermitNumber(type, number);
        return true;
    }

    public static ResidencePermitNumber Parse(IdentityDocumentType type, string s, DateOnly? today = null) =>
        TryParse(type, s, out var value, out var error, today) ? value : throw new IdentifierFormatException(error);

    public override string ToString() => Value;
}
