using System.Diagnostics.CodeAnalysis;

namespace OneWindow.Domain.Identifiers;

/// <summary>Each identity document type's own format check, in one place.</summary>
public static class IdentityDocuments
{
    /// <summary>The documents a person may be identified by.</summary>
    public static IReadOnlyList<IdentityDocumentType> ForPersons { get; } =
    [
        IdentityDocumentType.ResidentId, IdentityDocumentType.Passport, IdentityDocumentType.HongKongMacaoTravelPermit,
        IdentityDocumentType.TaiwanTravelPermit, IdentityDocumentType.HongKongMacaoResidencePermit, IdentityDocumentType.TaiwanResidencePermit,
    ];

    /// <summary>The documents an organisation may be identified by.</summary>
    public static IReadOnlyList<IdentityDocumentType> ForOrganisations { get; } = [IdentityDocumentType.CreditCode, IdentityDocumentType.OrganisationCode];

    /// <summary>
    /// Checks <paramref name="s"/> as a number of <paramref name="type"/>; on success <paramref name="canonical"/> is its
    /// canonical form (the one stored and compared). <see cref="IdentityDocumentType.Other"/> is never valid.
    /// </summary>
    public static bool TryParse(
        IdentityDocumentType type,
        [NotNullWhen(true)] string? s,
        [NotNullWhen(true)] out string? canonical,
        [NotNullWhen(false)] out IdentifierError? error,
        DateOnly? today = null)
    {
        bool ok;
        (ok, canonical, error) = type switch
        {
            IdentityDocumentType.ResidentId => ResidentIdNumber.TryParse(s, out var id, out var e, today) ? (true, id.Value, null) : (false, null, e),
            IdentityDocumentType.CreditCode => UnifiedSocialCreditCode.TryParse(s, out var code, out var e) ? (true, code.Value, null) : (false, null, e),
            IdentityDocumentType.Passport => PassportNumber.TryParse(s, out var passport, out var e) ? (true, passport.Value, null) : (false, null, e),
            IdentityDocumentType.HongKongMacaoTravelPermit or IdentityDocumentType.TaiwanTravelPermit =>
                TravelPermitNumber.TryParse(type, s, out var permit, out var e) ? (true, permit.Value, null) : (false, null, e),
            IdentityDocumentType.HongKongMacaoResidencePermit or IdentityDocumentType.TaiwanResidencePermit =>
                ResidencePermitNumber.TryParse(type, s, out var residence, out var e, today) ? (true, residence.Value, null) : (false, null, e),
            IdentityDocumentType.OrganisationCode => OrganisationCode.TryParse(s, out var organisation, out var e) ? (true, organisation.Value, null) : (false, (string?)null, (IdentifierError?)e),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not a document a number can be checked for."),
        };
        return ok;
    }
}
