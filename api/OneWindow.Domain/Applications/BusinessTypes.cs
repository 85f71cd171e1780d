namespace OneWindow.Domain.Applications;

/// <summary>The catalogue of business types. Time limits are in <see cref="TimeLimitPolicy"/>, materials in materials.json.</summary>
public static class BusinessTypes
{
    /// <summary>Scope for every business type a bank, developer, agency or citizen submits.</summary>
    public const string ApplicationsSubmitScope = "applications:submit";

    /// <summary>Scope for seizure and release, which only courts submit.</summary>
    public const string SeizuresSubmitScope = "seizures:submit";

    private static readonly ApplicantOption[] MortgageApplicants =
        [new(null, [ApplicantRole.Mortgagor, ApplicantRole.Mortgagee])];

    private static readonly ApplicantOption[] CourtApplicant = [new(null, [ApplicantRole.Court])];

    private static readonly ApplicantOption[] OwnerApplicants = [new(null, [ApplicantRole.Owner])];

    /// <summary>Scope for what registry staff file themselves (依职权更正登记).</summary>
    public const string RegistryStaffScope = "registry:staff";

    private static readonly ApplicantOption[] TransferApplicants =
        [new(null, [ApplicantRole.Transferor, ApplicantRole.Transferee])];

    private static readonly Dictionary<BusinessType, BusinessTypeInfo> ByType = new BusinessTypeInfo[]
    {
        new(BusinessType.MortgageRegistrationGeneral, "抵押权首次登记（一般抵押）", "Mortgage registration (general)",
            MortgageKind.General, ApplicationsSubmitScope, true, MortgageApplicants),
        new(BusinessType.MortgageRegistrationMaximumAmount, "抵押权首次登记（最高额抵押）", "Mortgage registration (maximum amount)",
            MortgageKind.MaximumAmount, ApplicationsSubmitScope, true, MortgageApplicants),
        new(BusinessType.MortgageRegistrationUnderConstruction, "抵押权首次登记（在建建筑物抵押）",
            "Mortgage registration (building under construction)",
            MortgageKind.BuildingUnderConstruction, ApplicationsSubmitScope, true, MortgageApplicants),
        new(BusinessType.MortgageCancellation, "抵押权注销登记", "Mortgage cancellation",
            null, ApplicationsSubmitScope, true,
            [
                new(Circumstances.JointApplication, [ApplicantRole.Mortgagor, ApplicantRole.Mortgagee]),
                new(Circumstances.MortgageeAlone, [ApplicantRole.Mortgagee]),
                new(Circumstances.MortgagorAlone, [ApplicantRole.Mortgagor]),
            ]),
        new(BusinessType.FirstRegistration, "国有建设用地使用权及房屋所有权首次登记",
            "First registration of a new building (state-owned construction land use right and house ownership)",
            null, ApplicationsSubmitScope, false, [new(null, [ApplicantRole.Owner])]),
        new(BusinessType.Transfer, "国有建设用地使用权及房屋所有权转移登记",
            "Transfer registration (state-owned construction land use right and house ownership)",
            null, ApplicationsSubmitScope, true, TransferApplicants),
        new(BusinessType.Seizure, "查封登记", "Seizure registration",
            null, SeizuresSubmitScope, true, CourtApplicant),
        new(BusinessType.SeizureRelease, "注销查封登记（解封）", "Seizure release",
            null, SeizuresSubmitScope, true, CourtApplicant),
        new(BusinessType.Objection, "异议登记", "Objection registration",
            null, ApplicationsSubmitScope, true, [new(null, [ApplicantRole.InterestedParty])]),
        new(BusinessType.AdvanceNotice, "预告登记", "Advance notice registration",
            null, ApplicationsSubmitScope, true, TransferApplicants),
        new(BusinessType.SeizureExtension, "续封登记", "Seizure extension",
            null, SeizuresSubmitScope, true, CourtApplicant),
        new(BusinessType.MortgageAdvanceNotice, "预购商品房抵押预告登记", "Mortgage advance notice on a pre-sold home",
            null, ApplicationsSubmitScope, true, MortgageApplicants),
        new(BusinessType.AdvanceNoticeCancellation, "预告登记注销", "Advance notice cancellation",
            null, ApplicationsSubmitScope, true, [new(null, [ApplicantRole.Owner])]),
        new(BusinessType.MortgageChange, "抵押权变更登记", "Mortgage change (amount or term)",
            null, ApplicationsSubmitScope, true, MortgageApplicants),
        new(BusinessType.MortgageAssignment, "抵押权转移登记", "Mortgage assignment to another lender",
            null, ApplicationsSubmitScope, true, [new(null, [ApplicantRole.Mortgagee, ApplicantRole.Transferee])]),
        new(BusinessType.MortgagedTransfer, "带押过户（转移登记、抵押权注销登记与抵押权首次登记一并申请）",
            "Transfer of a mortgaged home with its mortgage cancelled and the buyers' new mortgage, in one application",
            null, ApplicationsSubmitScope, true, [new(null, [ApplicantRole.Transferor, ApplicantRole.Transferee, ApplicantRole.Mortgagee])]),
        new(BusinessType.OwnershipChange, "国有建设用地使用权及房屋所有权变更登记",
            "Change registration (a holder's name or identity document, the unit's area or use)",
            null, ApplicationsSubmitScope, true, OwnerApplicants),
        new(BusinessType.Correction, "更正登记（依申请）", "Correction registration on application",
            null, ApplicationsSubmitScope, true, OwnerApplicants),
        new(BusinessType.RegistryCorrection, "更正登记（依职权）", "Correction registration by the registry",
            null, RegistryStaffScope, true, [new(null, [])]),
        new(BusinessType.OwnershipCancellation, "国有建设用地使用权及房屋所有权注销登记（不动产灭失）",
            "Cancellation of ownership (the building is gone)",
            null, ApplicationsSubmitScope, true, OwnerApplicants),
        new(BusinessType.CertificateReplacementLost, "补证（不动产权证书遗失）", "Replacement of a lost certificate of title",
            null, ApplicationsSubmitScope, true, OwnerApplicants),
        new(BusinessType.CertificateReplacementDamaged, "换证（不动产权证书损坏）", "Replacement of a damaged certificate of title",
            null, ApplicationsSubmitScope, true, OwnerApplicants),
        new(BusinessType.CourtOrderedTransfer, "协助执行（转移登记）", "Transfer by court order (assistance in execution)",
            null, SeizuresSubmitScope, true, CourtApplicant),
    }.ToDictionary(info => info.Type);

    /// <summary>Every business type, in the order of <see cref="BusinessType"/>.</summary>
    public static IReadOnlyList<BusinessTypeInfo> All { get; } =
        Enum.GetValues<BusinessType>().Select(type => ByType[type]).ToArray();

    /// <summary>The facts about <paramref name="type"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined <see cref="BusinessType"/>.</exception>
    public static BusinessTypeInfo Get(BusinessType type) =>
        ByType.TryGetValue(type, out var info)
            ? info
            : throw new ArgumentOutOfRangeException(nameof(type), type, "Not a defined business type.");

    /// <summary>The business type of a mortgage first registration of the given kind.</summary>
    public static BusinessType MortgageRegistration(MortgageKind kind) => kind switch
    {
        MortgageKind.General => BusinessType.MortgageRegistrationGeneral,
        MortgageKind.MaximumAmount => BusinessType.MortgageRegistrationMaximumAmount,
        MortgageKind.BuildingUnderConstruction => BusinessType.MortgageRegistrationUnderConstruction,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a defined mortgage kind."),
    };
}
