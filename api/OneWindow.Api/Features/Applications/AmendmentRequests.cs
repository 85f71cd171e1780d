using GraphQL.Types;

namespace OneWindow.Api.Features.Applications;

/// <summary>
/// 变更登记 or 更正登记 on application: the holders of record apply, naming what changes — the holders' new names or
/// identity documents (one entry per holder, in the order of <paramref name="Holders"/>), the unit's area or use.
/// </summary>
/// <param name="Holders">The holders of record, as the register records them (ID number and name of record).</param>
/// <param name="NewHolders">The same holders as they are to be; omit when no holder changes.</param>
/// <param name="Area">The unit's new floor area (建筑面积), m², two decimals; omit when unchanged.</param>
/// <param name="Use">The unit's new use (用途), e.g. 商业; omit when unchanged.</param>
public sealed record RegisterAmendmentRequest(
    string? UnitCode,
    IReadOnlyList<PartyInput>? Holders,
    IReadOnlyList<PartyInput>? NewHolders = null,
    decimal? Area = null,
    string? Use = null,
    IReadOnlyList<string>? Circumstances = null,
    IReadOnlyList<MaterialReference>? Materials = null,
    string? Notes = null) : IApplicationRequest;

/// <summary>依职权更正登记 (staff): what is corrected, the holders of record it concerns, and the written notice served on them.</summary>
/// <param name="NoticeDocumentNumber">The number of the correction notice (更正通知书) served on the holders.</param>
/// <param name="NoticeServedOn">The day it was served, yyyy-MM-dd.</param>
public sealed record RegistryCorrectionRequest(
    string? UnitCode,
    IReadOnlyList<PartyInput>? Holders,
    IReadOnlyList<PartyInput>? NewHolders = null,
    decimal? Area = null,
    string? Use = null,
    string? NoticeDocumentNumber = null,
    string? NoticeServedOn = null,
    IReadOnlyList<string>? Circumstances = null,
    IReadOnlyList<MaterialReference>? Materials = null,
    string? Notes = null) : IApplicationRequest;

/// <summary>注销登记 of ownership: the unit is gone (灭失); the holders of record apply.</summary>
public sealed record OwnershipCancellationRequest(
    string? UnitCode,
    IReadOnlyList<PartyInput>? Holders,
    IReadOnlyList<string>? Circumstances = null,
    IReadOnlyList<MaterialReference>? Materials = null,
    string? Notes = null) : IApplicationRequest;

/// <summary>补证 (LOST, with the loss declaration published) or 换证 (DAMAGED) of a certificate of title.</summary>
/// <param name="CertificateNumber">The certificate of title lost or damaged.</param>
/// <param name="Reason">LOST (补证) or DAMAGED (换证).</param>
/// <param name="LossNotice">For LOST: the loss declaration (遗失声明) published, required.</param>
public sealed record CertificateReplacementRequest(
    string? UnitCode,
    string? CertificateNumber,
    string? Reason,
    IReadOnlyList<PartyInput>? Holders,
    LossNoticeInput? LossNotice = null,
    IReadOnlyList<string>? Circumstances = null,
    IReadOnlyList<MaterialReference>? Materials = null,
    string? Notes = null) : IApplicationRequest;

/// <summary>The published loss declaration (遗失声明, 实施细则 art. 22): where and on which day it was published.</summary>
/// <param name="PublishedIn">Where: the registry's portal, or the newspaper's name.</param>
/// <param name="PublishedOn">The day it was published, yyyy-MM-dd.</param>
public sealed record LossNoticeInput(string? PublishedIn, string? PublishedOn);

public sealed class OwnershipChangeInputType : InputObjectGraphType<RegisterAmendmentRequest>
{
    public OwnershipChangeInputType()
    {
        Name = "OwnershipChangeInput";
        Description = "变更登记: the holders of record apply; name the new holders' particulars, the new area or the new use.";
        Amendment(this);
    }

    internal static void Amendment(InputObjectGraphType<RegisterAmendmentRequest> type)
    {
        type.Field(r => r.UnitCode, nullable: true);
        type.Field(r => r.Holders, type: typeof(ListGraphType<NonNullGraphType<PartyInputType>>)).Description("The holders of record, as registered.");
        type.Field(r => r.NewHolders, type: typeof(ListGraphType<NonNullGraphType<PartyInputType>>))
            .Description("The same holders, in the same order, as they are to be (new name or identity document); omit when no holder changes.");
        type.Field(r => r.Area, nullable: true).Description("The new floor area (建筑面积), m², two decimals.");
        type.Field(r => r.Use, nullable: true).Description("The new use (用途).");
        MortgageRegistrationInputType.Common(type);
        type.Field(r => r.Notes, nullable: true);
    }
}

public sealed class CorrectionInputType : InputObjectGraphType<RegisterAmendmentRequest>
{
    public CorrectionInputType()
    {
        Name = "CorrectionInput";
        Description = "更正登记 on application: the holders of record show the register is wrong (REGISTER_ERROR_EVIDENCE).";
        OwnershipChangeInputType.Amendment(this);
    }
}

public sealed class RegistryCorrectionInputType : InputObjectGraphType<RegistryCorrectionRequest>
{
    public RegistryCorrectionInputType()
    {
        Name = "RegistryCorrectionInput";
        Description = "依职权更正登记 (staff): the correction, the holders of record and the written notice served on them.";
        Field(r => r.UnitCode, nullable: true);
        Field(r => r.Holders, type: typeof(ListGraphType<NonNullGraphType<PartyInputType>>)).Description("The holders of record the notice was served on.");
        Field(r => r.NewHolders, type: typeof(ListGraphType<NonNullGraphType<PartyInputType>>)).Description("The same holders, corrected.");
        Field(r => r.Area, nullable: true);
        Field(r => r.Use, nullable: true);
        Field(r => r.NoticeDocumentNumber, nullable: true).Description("The correction notice (更正通知书) served on the holders.");
        Field(r => r.NoticeServedOn, nullable: true).Description("The day it was served, yyyy-MM-dd.");
        MortgageRegistrationInputType.Common(this);
        Field(r => r.Notes, nullable: true);
    }
}

public sealed class OwnershipCancellationInputType : InputObjectGraphType<OwnershipCancellationRequest>
{
    public OwnershipCancellationInputType()
    {
        Name = "OwnershipCancellationInput";
        Description = "注销登记 of ownership: the building is gone (灭失); the holders of record apply.";
        Field(r => r.UnitCode, nullable: true);
        Field(r => r.Holders, type: typeof(ListGraphType<NonNullGraphType<PartyInputType>>)).Description("The holders of record.");
        MortgageRegistrationInputType.Common(this);
        Field(r => r.Notes, nullable: true);
    }
}

public sealed class LossNoticeInputType : InputObjectGraphType<LossNoticeInput>
{
    public LossNoticeInputType()
    {
        Name = "LossNoticeInput";
        Description = "The published loss declaration (遗失声明).";
        Field(r => r.PublishedIn, nullable: true).Description("Where it was published: the registry's portal or a newspaper.");
        Field(r => r.PublishedOn, nullable: true).Description("The day it was published, yyyy-MM-dd.");
    }
}

public sealed class CertificateReplacementInputType : InputObjectGraphType<CertificateReplacementRequest>
{
    public CertificateReplacementInputType()
    {
        Name = "CertificateReplacementInput";
        Description = "补证 (LOST) or 换证 (DAMAGED) of a certificate of title; the holders of record apply.";
        Field(r => r.UnitCode, nullable: true);
        Field(r => r.CertificateNumber, nullable: true).Description("The certificate of title lost or damaged.");
        Field(r => r.Reason, nullable: true).Description("LOST (补证) or DAMAGED (换证).");
        Field(r => r.Holders, type: typeof(ListGraphType<NonNullGraphType<PartyInputType>>)).Description("The holders of record.");
        Field(r => r.LossNotice, type: typeof(LossNoticeInputType)).Description("LOST: the loss declaration published.");
        MortgageRegistrationInputType.Common(this);
        Field(r => r.Notes, nullable: true);
    }
}
