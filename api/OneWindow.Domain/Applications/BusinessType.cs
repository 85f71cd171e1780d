namespace OneWindow.Domain.Applications;

/// <summary>
/// The registration types (登记类型) the gateway accepts. The GraphQL enum is generated from these names
/// and the database stores the name, so a member is never renamed; the numbers are fixed as well.
/// </summary>
/// <remarks>
/// The three mortgage variants are separate values because their materials differ and a materials
/// checklist is a function of (business type, circumstances) only; <see cref="MortgageKind"/> and
/// <see cref="BusinessTypes.MortgageRegistration(MortgageKind)"/> map between the two views.
/// </remarks>
public enum BusinessType
{
    /// <summary>抵押权首次登记（一般抵押）.</summary>
    MortgageRegistrationGeneral = 1,

    /// <summary>抵押权首次登记（最高额抵押）: secures debts arising continuously within a period, up to a ceiling.</summary>
    MortgageRegistrationMaximumAmount = 2,

    /// <summary>抵押权首次登记（在建建筑物抵押）.</summary>
    MortgageRegistrationUnderConstruction = 3,

    /// <summary>抵押权注销登记.</summary>
    MortgageCancellation = 4,

    /// <summary>国有建设用地使用权及房屋所有权首次登记: a developer's new building.</summary>
    FirstRegistration = 5,

    /// <summary>国有建设用地使用权及房屋所有权转移登记.</summary>
    Transfer = 6,

    /// <summary>查封登记, on a court's notice.</summary>
    Seizure = 7,

    /// <summary>注销查封登记（解封）, on a court's notice.</summary>
    SeizureRelease = 8,

    /// <summary>异议登记.</summary>
    Objection = 9,

    /// <summary>预告登记, e.g. a pre-sale purchase.</summary>
    AdvanceNotice = 10,

    /// <summary>续封: the court that seized extends its seizure before it ends.</summary>
    SeizureExtension = 11,

    /// <summary>
    /// 预购商品房抵押预告登记: a bank's advance notice of the mortgage on a home its buyer purchased before completion,
    /// next to the buyer's purchase notice; it becomes a mortgage when the home is registered to the buyer (预告转本).
    /// </summary>
    MortgageAdvanceNotice = 12,

    /// <summary>
    /// 带押过户: the transfer of a mortgaged home, the cancellation of its mortgage and the buyers' new mortgage, filed as
    /// one application and entered in one transaction, so the seller need not repay the loan first.
    /// </summary>
    MortgagedTransfer = 13,

    /// <summary>预告登记注销: the holder of an advance notice gives it up (or the claim it secured is extinguished).</summary>
    AdvanceNoticeCancellation = 14,

    /// <summary>抵押权变更登记: the secured amount or the debt's term of a registered mortgage changes.</summary>
    MortgageChange = 15,

    /// <summary>抵押权转移登记: the secured claim, and with it the mortgage, is assigned to another lender.</summary>
    MortgageAssignment = 16,

    // Issue 18 items 5 and 6 (decision 0022): numbers from 20.

    /// <summary>国有建设用地使用权及房屋所有权变更登记: a holder's name or identity document, or the unit's area or use, changed.</summary>
    OwnershipChange = 20,

    /// <summary>更正登记 on application: the holders of record show the register is wrong.</summary>
    Correction = 21,

    /// <summary>依职权更正登记: the registry corrects the register after notifying the holders in writing.</summary>
    RegistryCorrection = 22,

    /// <summary>国有建设用地使用权及房屋所有权注销登记: the building is gone (灭失).</summary>
    OwnershipCancellation = 23,

    /// <summary>补证: a lost certificate of title is replaced after the loss declaration is published.</summary>
    CertificateReplacementLost = 24,

    /// <summary>换证: a damaged certificate of title is replaced (the old one handed back).</summary>
    CertificateReplacementDamaged = 25,

    /// <summary>协助执行: the court that seized a unit transfers it to the person its ruling names.</summary>
    CourtOrderedTransfer = 26,
}
