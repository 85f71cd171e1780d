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
}
