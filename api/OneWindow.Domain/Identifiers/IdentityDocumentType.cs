namespace OneWindow.Domain.Identifiers;

/// <summary>
/// The identity documents a party of the register is known by (身份证明类型). A person: the resident ID card, a
/// passport, the mainland travel permits of Hong Kong, Macao and Taiwan residents, or their residence permits; an
/// organisation: the unified social credit code, or — only where the register already records one for an organisation
/// without a credit code — the older organisation code (组织机构代码). Stored by value: new members go at the end.
/// </summary>
public enum IdentityDocumentType
{
    /// <summary>居民身份证 (GB 11643): <see cref="ResidentIdNumber"/>.</summary>
    ResidentId,

    /// <summary>统一社会信用代码 (GB 32100): <see cref="UnifiedSocialCreditCode"/>.</summary>
    CreditCode,

    /// <summary>护照: <see cref="PassportNumber"/>.</summary>
    Passport,

    /// <summary>Any other document (legacy rows only; never accepted from a request).</summary>
    Other,

    /// <summary>港澳居民来往内地通行证 (回乡证): <see cref="TravelPermitNumber"/>, H or M and 8 digits.</summary>
    HongKongMacaoTravelPermit,

    /// <summary>台湾居民来往大陆通行证 (台胞证): <see cref="TravelPermitNumber"/>, 8 digits.</summary>
    TaiwanTravelPermit,

    /// <summary>港澳居民居住证: <see cref="ResidencePermitNumber"/>, 18 digits starting 810000 or 820000.</summary>
    HongKongMacaoResidencePermit,

    /// <summary>台湾居民居住证: <see cref="ResidencePermitNumber"/>, 18 digits starting 830000.</summary>
    TaiwanResidencePermit,

    /// <summary>组织机构代码 (GB 11714): <see cref="OrganisationCode"/>, 8 characters and a check character.</summary>
    OrganisationCode,
}
