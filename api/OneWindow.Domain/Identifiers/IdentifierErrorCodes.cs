namespace OneWindow.Domain.Identifiers;

/// <summary>
/// The stable public error codes of <see cref="IdentifierError.Code"/>: one per identifier. Clients branch on them, so
/// they never change once published.
/// </summary>
public static class IdentifierErrorCodes
{
    /// <summary>The real estate unit code (不动产单元代码, GB/T 37346) is invalid: see <see cref="UnitCode"/>.</summary>
    public const string InvalidUnitCode = "INVALID_UNIT_CODE";

    /// <summary>The resident identity card number (居民身份证号码, GB 11643) is invalid: see <see cref="ResidentIdNumber"/>.</summary>
    public const string InvalidIdNumber = "INVALID_ID_NUMBER";

    /// <summary>The unified social credit code (统一社会信用代码, GB 32100) is invalid: see <see cref="UnifiedSocialCreditCode"/>.</summary>
    public const string InvalidCreditCode = "INVALID_CREDIT_CODE";

    /// <summary>The certificate number (不动产权证书号 or 不动产登记证明号) is invalid: see <see cref="CertificateNumber"/>.</summary>
    public const string InvalidCertificateNumber = "INVALID_CERTIFICATE_NUMBER";

    /// <summary>The registry's business number (业务号) is invalid: see <see cref="BusinessNumber"/>.</summary>
    public const string InvalidBusinessNumber = "INVALID_BUSINESS_NUMBER";

    /// <summary>The passport number (护照号码) is invalid: see <see cref="PassportNumber"/>.</summary>
    public const string InvalidPassportNumber = "INVALID_PASSPORT_NUMBER";

    /// <summary>The number of a mainland travel permit of Hong Kong, Macao or Taiwan residents is invalid: see <see cref="TravelPermitNumber"/>.</summary>
    public const string InvalidTravelPermitNumber = "INVALID_TRAVEL_PERMIT_NUMBER";

    /// <summary>The number of a residence permit of Hong Kong, Macao or Taiwan residents is invalid: see <see cref="ResidencePermitNumber"/>.</summary>
    public const string InvalidResidencePermitNumber = "INVALID_RESIDENCE_PERMIT_NUMBER";

    /// <summary>The organisation code (组织机构代码, GB 11714) is invalid: see <see cref="OrganisationCode"/>.</summary>
    public const string InvalidOrganisationCode = "INVALID_ORGANISATION_CODE";

    /// <summary>A passport's nationality (the issuing state) is not an ISO 3166-1 alpha-3 code: see <see cref="Nationality"/>.</summary>
    public const string InvalidNationality = "INVALID_NATIONALITY";
}
