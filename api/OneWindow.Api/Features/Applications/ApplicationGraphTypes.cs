using GraphQL.Types;
using GraphQL.Types.Relay;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Features.Configuration;
using OneWindow.Api.GraphQL.Schema;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Calendar;
using OneWindow.Domain.Identifiers;

namespace OneWindow.Api.Features.Applications;

// Output types carry no scope of their own: their fields inherit the scope of the root field that returned them
// (application and applications: applications:read; submissions: applications:submit or seizures:submit; staff
// steps: registry:staff; applicationProgress: anonymous by design).

public sealed class ApplicationType : ObjectGraphType<ApplicationResponse>
{
    public ApplicationType()
    {
        Name = "Application";
        Description = "An application (申请) with its applicants, materials, deadline and timeline, as its submitter, its parties and staff see it.";
        Field(a => a.BusinessNumber).Description("业务号: quote it with an applicant's ID number to follow the application.");
        Field(a => a.BusinessType, type: typeof(NonNullGraphType<BusinessTypeType>));
        Field(a => a.BusinessTypeName).Description("The business type's Chinese name.");
        Field(a => a.Status, type: typeof(NonNullGraphType<EnumerationGraphType<ApplicationStatus>>));
        Field(a => a.StatusName).Description("The status's Chinese name: 待申请人确认, 申请, 受理, 不予受理, 审核, 补正, 登簿, 缮证, 发证归档, 不予登记, 撤回, 申请人不同意.");
        Field(a => a.Summary).Description("Where: the first unit's location, and how many units.");
        Field(a => a.UnitCount);
        Field(a => a.UnitCodes, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>)).Description("The first 100 units.");
        Field(a => a.Circumstances, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>)).Description("The circumstance codes declared (资料配置).");
        Field(a => a.Applicants, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<ApplicantType>>>));
        Field(a => a.Materials, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<AttachedMaterialType>>>));
        Field(a => a.SubmittedAt);
        Field(a => a.SubmittedBy).Description("The client or user name that submitted it.");
        Field(a => a.AcceptedAt, nullable: true);
        Field(a => a.Deadline, type: typeof(DeadlineType)).Description("Null before acceptance.");
        Field(a => a.WaitingPeriod, type: typeof(WaitingPeriodType)).Description("What it waits for before 登簿 (补证, 依职权更正); null for the other kinds.");
        Field(a => a.RecordedAt, nullable: true).Description("登簿: when it was entered in the register.");
        Field(a => a.ClosedAt, nullable: true).Description("When it was completed, refused, returned, withdrawn or declined.");
        Field(a => a.Timeline, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<TimelineEntryType>>>));
        Field(a => a.RecordedCount).Description("How many register entries the application made.");
        Field(a => a.Recorded, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<RecordedEntryType>>>)).Description("The first 100 of them.");
        Field(a => a.AvailableActions, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<EnumerationGraphType<ApplicationAction>>>>))
            .Description("What the caller may do next.");
        Field(a => a.Version).Description("Send it back with a step to refuse a concurrent change.");
        Field(a => a.FiledAsAgent).Description("The submitter is not an applicant but files for them with a power of attorney (登记代理): it never enters the register without a registrar.");
        Field(a => a.Delivery, type: typeof(Certificates.CertificateDeliveryStatusType))
            .Description("How its certificates reach the applicant (快递查询): null until 发证 or a recorded dispatch.");
        Field(a => a.CorrectionItems, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<CorrectionItemType>>>))
            .Description("补正: every correction request's items (checklist material, what is wrong), oldest first; those not yet supplied are outstanding.");
    }
}

public sealed class CorrectionItemType : ObjectGraphType<CorrectionItemResponse>
{
    public CorrectionItemType()
    {
        Name = "CorrectionItem";
        Description = "An item of a correction request (补正, 一次性告知): a checklist material missing or faulty.";
        Field(i => i.Round).Description("Which correction request listed it (1 for the first; one request per submission round).");
        Field(i => i.MaterialCode).Description("The checklist material (see materialChecklist).");
        Field(i => i.Defect, type: typeof(NonNullGraphType<EnumerationGraphType<CorrectionDefect>>)).Description("MISSING or FAULTY.");
        Field(i => i.Note, nullable: true).Description("What is wrong, in the registrar's words.");
        Field(i => i.RequestedAt);
        Field(i => i.SuppliedAt, nullable: true).Description("When the applicant's supplement covered it; null while outstanding.");
    }
}

public sealed class CorrectionItemInputType : InputObjectGraphType<CorrectionItemInput>
{
    public CorrectionItemInputType()
    {
        Name = "CorrectionItemInput";
        Field(i => i.MaterialCode, nullable: true).Description("The checklist material (see materialChecklist).");
        Field(i => i.Defect, nullable: true).Description("MISSING or FAULTY.");
        Field(i => i.Note, nullable: true).Description("What is wrong, at most 500 characters.");
    }
}

public sealed class DeadlineType : ObjectGraphType<DeadlineResponse>
{
    public DeadlineType()
    {
        Name = "Deadline";
        Description = "办理时限: working days from acceptance on the official holiday calendar (plus a complex case's extension), stopped while waiting for correction and during survey, site-inspection and public-notice periods.";
        Field(d => d.WorkingDays);
        Field(d => d.DueDate, nullable: true).Description("The last working day (China date); null while the clock is stopped.");
        Field(d => d.Provisional).Description("The due date lies in a year whose holidays are not announced yet.");
        Field(d => d.State, type: typeof(EnumerationGraphType<DeadlineState>)).Description("Null once recorded or closed.");
        Field(d => d.ExtendedWorkingDays).Description("Working days a registrar added for a complex case (0 when not extended).");
        Field(d => d.PausedFor, type: typeof(EnumerationGraphType<ClockPauseKind>))
            .Description("SURVEY, SITE_INSPECTION or PUBLIC_NOTICE while such a period stops the clock (null in lists).");
    }
}

public sealed class WaitingPeriodType : ObjectGraphType<WaitingPeriodResponse>
{
    public WaitingPeriodType()
    {
        Name = "WaitingPeriod";
        Description = "What the application waits for before 登簿, on the official working-day calendar; the time limit's clock stands still meanwhile.";
        Field(w => w.Kind, type: typeof(NonNullGraphType<EnumerationGraphType<WaitingPeriodKind>>))
            .Description("LOSS_DECLARATION (补证: 15 working days after the loss declaration, 实施细则 art. 22) or REGISTRY_CORRECTION_NOTICE (依职权更正: 30 working days after the written notice, then 15 of public notice, art. 81).");
        Field(w => w.StartsOn).Description("The day of publication or of the notice (not counted).");
        Field(w => w.WorkingDays);
        Field(w => w.EndsOn).Description("The period's last working day: the application may be entered in the register from the next day.");
        Field(w => w.Provisional).Description("A day counted lies in a year whose holidays are not announced yet.");
        Field(w => w.Over).Description("Whether the period is over now.");
    }
}

public sealed class ApplicantType : ObjectGraphType<ApplicantResponse>
{
    public ApplicantType()
    {
        Name = "Applicant";
        Field(a => a.Role, type: typeof(NonNullGraphType<ApplicantRoleType>));
        Field(a => a.Kind, type: typeof(NonNullGraphType<EnumerationGraphType<PartyKind>>));
        Field(a => a.Name);
        Field(a => a.IdNumber).Description("Resident ID number or unified social credit code.");
        Field(a => a.Confirmation, type: typeof(NonNullGraphType<EnumerationGraphType<ConfirmationState>>))
            .Description("PENDING until the applicant confirmed with its own identity (共同申请), then CONFIRMED; DECLINED ends the application.");
        Field(a => a.ConfirmationMethod, type: typeof(EnumerationGraphType<ConfirmationMethod>)).Description("How the applicant consented.");
        Field(a => a.ConfirmedAt, nullable: true).Description("When it confirmed or declined (UTC).");
        Field(a => a.ConfirmedBy, nullable: true).Description("The client id or user name that answered (staff only).");
        Field(a => a.IdType, type: typeof(EnumerationGraphType<IdentityDocumentType>)).Description("The identity document idNumber is from.");
        Field(a => a.Nationality, nullable: true).Description("A passport's issuing state (ISO 3166-1 alpha-3); null for other documents.");
    }
}

public sealed class AttachedMaterialType : ObjectGraphType<AttachedMaterialResponse>
{
    public AttachedMaterialType()
    {
        Name = "AttachedMaterial";
        Field(m => m.MaterialId);
        Field(m => m.Code).Description("The checklist material it is.");
        Field(m => m.FileName);
        Field(m => m.ContentType);
        Field(m => m.Size);
        Field(m => m.Sha256);
    }
}

public sealed class TimelineEntryType : ObjectGraphType<TimelineEntryResponse>
{
    public TimelineEntryType()
    {
        Name = "TimelineEntry";
        Field(e => e.Status, type: typeof(NonNullGraphType<EnumerationGraphType<ApplicationStatus>>)).Description("The status entered.");
        Field(e => e.StatusName);
        Field(e => e.Action, type: typeof(EnumerationGraphType<ApplicationAction>)).Description("Null for the submission.");
        Field(e => e.ActorKind, type: typeof(NonNullGraphType<EnumerationGraphType<ActorKind>>));
        Field(e => e.Actor, nullable: true).Description("Staff are named to staff only.");
        Field(e => e.Reason, nullable: true);
        Field(e => e.At);
    }
}

public sealed class RecordedEntryType : ObjectGraphType<RecordedEntryResponse>
{
    public RecordedEntryType()
    {
        Name = "RecordedEntry";
        Field(e => e.UnitCode);
        Field(e => e.Kind, type: typeof(NonNullGraphType<EnumerationGraphType<RegisterEntryKind>>));
        Field(e => e.What).Description("The right or restriction: MORTGAGE, LAND_USE_AND_HOUSE_OWNERSHIP, SEIZURE, …");
        Field(e => e.CertificateNumber, nullable: true).Description("Its certificate of title or of registration, or document number.");
    }
}

public sealed class ApplicationProgressType : ObjectGraphType<ApplicationProgressResponse>
{
    public ApplicationProgressType()
    {
        Name = "ApplicationProgress";
        Description = "What the public progress form shows: status, deadline and timeline, nothing personal.";
        Field(p => p.BusinessNumber);
        Field(p => p.BusinessType, type: typeof(NonNullGraphType<BusinessTypeType>));
        Field(p => p.BusinessTypeName);
        Field(p => p.Status, type: typeof(NonNullGraphType<EnumerationGraphType<ApplicationStatus>>));
        Field(p => p.StatusName);
        Field(p => p.SubmittedAt);
        Field(p => p.AcceptedAt, nullable: true);
        Field(p => p.Deadline, type: typeof(DeadlineType));
        Field(p => p.WaitingPeriod, type: typeof(WaitingPeriodType)).Description("What it waits for before 登簿 (补证, 依职权更正), and when that ends.");
        Field(p => p.Timeline, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<ProgressStepType>>>));
        Field(p => p.Delivery, type: typeof(Certificates.CertificateDeliveryStatusType))
            .Description("快递查询: the courier and tracking number of certificates sent by post; null until 发证 or a recorded dispatch.");
        Field(p => p.CorrectionItems, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<CorrectionItemType>>>))
            .Description("补正: what the registry asked to be supplied or put right, and whether it was.");
    }
}

public sealed class ProgressStepType : ObjectGraphType<ProgressStepResponse>
{
    public ProgressStepType()
    {
        Name = "ProgressStep";
        Field(s => s.Status, type: typeof(NonNullGraphType<EnumerationGraphType<ApplicationStatus>>));
        Field(s => s.StatusName);
        Field(s => s.Reason, nullable: true);
        Field(s => s.At);
    }
}

public sealed class ApplicationSummaryType : ObjectGraphType<ApplicationSummaryResponse>
{
    public ApplicationSummaryType()
    {
        Name = "ApplicationSummary";
        Description = "An application in a list; ask for application(businessNumber) for the whole of it.";
        Field(a => a.BusinessNumber);
        Field(a => a.BusinessType, type: typeof(NonNullGraphType<BusinessTypeType>));
        Field(a => a.Status, type: typeof(NonNullGraphType<EnumerationGraphType<ApplicationStatus>>));
        Field(a => a.Summary);
        Field(a => a.UnitCount);
        Field(a => a.SubmittedAt);
        Field(a => a.SubmittedBy);
        Field(a => a.Deadline, type: typeof(DeadlineType));
    }
}

public sealed class ApplicationSummaryEdgeType : EdgeType<ApplicationSummaryType>
{
    public ApplicationSummaryEdgeType() => Name = "ApplicationSummaryEdge";
}

public sealed class ApplicationSummaryConnectionType : ConnectionType<ApplicationSummaryType, ApplicationSummaryEdgeType>
{
    public ApplicationSummaryConnectionType() => Name = "ApplicationSummaryConnection";
}

/// <summary>A submission's or a step's answer: the application, or the reasons (every one) it was refused.</summary>
public sealed record ApplicationPayload(ApplicationResponse? Application, IReadOnlyList<UserError> Errors, bool Replayed = false);

public sealed class ApplicationPayloadType : ObjectGraphType<ApplicationPayload>
{
    public ApplicationPayloadType()
    {
        Name = "ApplicationPayload";
        Field(p => p.Application, type: typeof(ApplicationType)).Description("Null when refused.");
        Field(p => p.Errors, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>)).Description("Every reason it was refused, each with its field path.");
        Field(p => p.Replayed).Description("True when this is the stored answer to an earlier request with the same idempotency key.");
    }
}

public sealed record BulkPayload(int Accepted, int Rejected, IReadOnlyList<BulkItemPayload> Results, IReadOnlyList<UserError> Errors, bool Replayed);

public sealed record BulkItemPayload(int Index, bool Accepted, ApplicationResponse? Application, IReadOnlyList<UserError> Errors);

public sealed class BulkPayloadType : ObjectGraphType<BulkPayload>
{
    public BulkPayloadType()
    {
        Name = "BulkSubmissionPayload";
        Field(p => p.Accepted).Description("Items stored.");
        Field(p => p.Rejected).Description("Items refused.");
        Field(p => p.Results, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<BulkItemPayloadType>>>)).Description("One per item, in order.");
        Field(p => p.Errors, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>)).Description("Why the whole request was refused (bad key, too many items).");
        Field(p => p.Replayed);
    }
}

public sealed class BulkItemPayloadType : ObjectGraphType<BulkItemPayload>
{
    public BulkItemPayloadType()
    {
        Name = "BulkSubmissionItem";
        Field(p => p.Index);
        Field(p => p.Accepted);
        Field(p => p.Application, type: typeof(ApplicationType));
        Field(p => p.Errors, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>));
    }
}

// Inputs: the REST request records, field for field.

public sealed class PartyInputType : InputObjectGraphType<PartyInput>
{
    public PartyInputType()
    {
        Name = "PartyInput";
        Description = "A person (resident ID number, passport or Hong Kong, Macao or Taiwan permit) or an organisation (unified social credit code, or an organisation code of record).";
        Field(p => p.Kind, nullable: true).Description("PERSON or ORGANISATION.");
        Field(p => p.Name, nullable: true);
        Field(p => p.IdNumber, nullable: true);
        Field(p => p.IdType, nullable: true).Description(
            "The identity document idNumber is from. PERSON: RESIDENT_ID (default), PASSPORT, HONG_KONG_MACAO_TRAVEL_PERMIT, TAIWAN_TRAVEL_PERMIT, "
            + "HONG_KONG_MACAO_RESIDENCE_PERMIT, TAIWAN_RESIDENCE_PERMIT. ORGANISATION: CREDIT_CODE (default), ORGANISATION_CODE (only where the register records the organisation by it).");
        Field(p => p.Nationality, nullable: true).Description("With idType PASSPORT (required): the issuing state's ISO 3166-1 alpha-3 code (GBR, USA, …); refused with any other document.");
        Field(p => p.Phone, nullable: true);
        Field(p => p.SharePercent, nullable: true).Description("按份共有 only.");
    }
}

public sealed class MaterialReferenceInputType : InputObjectGraphType<MaterialReference>
{
    public MaterialReferenceInputType()
    {
        Name = "MaterialReferenceInput";
        Description = "An upload (its id from POST /api/v1/materials) as which checklist material.";
        Field(m => m.MaterialId, nullable: true);
        Field(m => m.Code, nullable: true);
    }
}

public sealed class MortgageRegistrationInputType : InputObjectGraphType<MortgageRegistrationRequest>
{
    public MortgageRegistrationInputType()
    {
        Name = "MortgageRegistrationInput";
        Field(r => r.MortgageKind, nullable: true).Description("GENERAL, MAXIMUM_AMOUNT or BUILDING_UNDER_CONSTRUCTION.");
        Field(r => r.UnitCodes, type: typeof(ListGraphType<NonNullGraphType<StringGraphType>>));
        Field(r => r.Mortgagors, type: typeof(ListGraphType<NonNullGraphType<PartyInputType>>));
        Field(r => r.Mortgagee, type: typeof(PartyInputType));
        Field(r => r.SecuredAmountFen, type: typeof(LongGraphType)).Description("In fen; the ceiling for a maximum-amount mortgage.");
        Field(r => r.DebtStartsOn, nullable: true).Description("yyyy-MM-dd.");
        Field(r => r.DebtEndsOn, nullable: true).Description("yyyy-MM-dd.");
        Common(this);
        Field(r => r.Notes, nullable: true);
        Field(r => r.TransferAgreement, nullable: true)
            .Description("NONE (default), FORBIDDEN or LIMITED: the agreement on transfer registered with the mortgage (Civil Code art. 406).");
    }

    internal static void Common<T>(InputObjectGraphType<T> type)
    {
        type.Field<ListGraphType<NonNullGraphType<StringGraphType>>>("circumstances").Description("Circumstance codes (资料配置), see materialChecklist.");
        type.Field<ListGraphType<NonNullGraphType<MaterialReferenceInputType>>>("materials");
    }
}

public sealed class MortgageCancellationInputType : InputObjectGraphType<MortgageCancellationRequest>
{
    public MortgageCancellationInputType()
    {
        Name = "MortgageCancellationInput";
        Field(r => r.CertificateNumber, nullable: true).Description("The mortgage's certificate of registration.");
        Field(r => r.UnitCodes, type: typeof(ListGraphType<NonNullGraphType<StringGraphType>>));
        Field(r => r.Mortgagee, type: typeof(PartyInputType));
        Field(r => r.Mortgagors, type: typeof(ListGraphType<NonNullGraphType<PartyInputType>>));
        MortgageRegistrationInputType.Common(this);
        Field(r => r.Notes, nullable: true);
    }
}

public sealed class NewBuildingInputType : InputObjectGraphType<NewBuildingInput>
{
    public NewBuildingInputType()
    {
        Name = "NewBuildingInput";
        Field(b => b.Number, nullable: true).Description("4-digit building number (幢号) in the units' codes.");
        Field(b => b.Name, nullable: true);
        Field(b => b.Floors, nullable: true);
    }
}

public sealed class NewUnitInputType : InputObjectGraphType<NewUnitInput>
{
    public NewUnitInputType()
    {
        Name = "NewUnitInput";
        Field(u => u.UnitCode, nullable: true);
        Field(u => u.Location, nullable: true);
        Field(u => u.Floor, nullable: true);
        Field(u => u.RoomNumber, nullable: true);
        Field(u => u.Area, nullable: true).Description("建筑面积, m², two decimals.");
        Field(u => u.InteriorArea, nullable: true).Description("套内建筑面积, m².");
        Field(u => u.Use, nullable: true).Description("规划用途, e.g. 住宅.");
    }
}

public sealed class FirstRegistrationInputType : InputObjectGraphType<FirstRegistrationRequest>
{
    public FirstRegistrationInputType()
    {
        Name = "FirstRegistrationInput";
        Field(r => r.LandUnitCode, nullable: true).Description("The parcel's land unit, whose land use right the owner holds.");
        Field(r => r.Owner, type: typeof(PartyInputType));
        Field(r => r.Building, type: typeof(NewBuildingInputType));
        Field(r => r.Units, type: typeof(ListGraphType<NonNullGraphType<NewUnitInputType>>));
        MortgageRegistrationInputType.Common(this);
        Field(r => r.Notes, nullable: true);
    }
}

public sealed class TransferInputType : InputObjectGraphType<TransferRequest>
{
    public TransferInputType()
    {
        Name = "TransferInput";
        Field(r => r.UnitCode, nullable: true);
        Field(r => r.Transferors, type: typeof(ListGraphType<NonNullGraphType<PartyInputType>>));
        Field(r => r.Transferees, type: typeof(ListGraphType<NonNullGraphType<PartyInputType>>));
        Field(r => r.CoOwnership, nullable: true).Description("SOLE, JOINT or IN_SHARES.");
        Field(r => r.PriceFen, type: typeof(LongGraphType));
        MortgageRegistrationInputType.Common(this);
        Field(r => r.Notes, nullable: true);
        Field(r => r.Mortgagees, type: typeof(ListGraphType<NonNullGraphType<PartyInputType>>))
            .Description("The mortgagees joining the transfer: required where a mortgage's registered agreement forbids or limits transfer (Civil Code art. 406).");
    }
}

public sealed class AdvanceNoticeInputType : InputObjectGraphType<AdvanceNoticeRequest>
{
    public AdvanceNoticeInputType()
    {
        Name = "AdvanceNoticeInput";
        Field(r => r.UnitCode, nullable: true);
        Field(r => r.Transferors, type: typeof(ListGraphType<NonNullGraphType<PartyInputType>>));
        Field(r => r.Transferees, type: typeof(ListGraphType<NonNullGraphType<PartyInputType>>));
        Field(r => r.ContractNumber, nullable: true);
        MortgageRegistrationInputType.Common(this);
        Field(r => r.Notes, nullable: true);
    }
}

public sealed class MortgageAdvanceNoticeInputType : InputObjectGraphType<MortgageAdvanceNoticeRequest>
{
    public MortgageAdvanceNoticeInputType()
    {
        Name = "MortgageAdvanceNoticeInput";
        Field(r => r.UnitCode, nullable: true).Description("The pre-sold home (no ownership registered yet).");
        Field(r => r.Mortgagors, type: typeof(ListGraphType<NonNullGraphType<PartyInputType>>)).Description("The buyers of its purchase notice.");
        Field(r => r.Mortgagee, type: typeof(PartyInputType));
        Field(r => r.SecuredAmountFen, type: typeof(LongGraphType)).Description("In fen.");
        Field(r => r.DebtStartsOn, nullable: true).Description("yyyy-MM-dd.");
        Field(r => r.DebtEndsOn, nullable: true).Description("yyyy-MM-dd.");
        MortgageRegistrationInputType.Common(this);
        Field(r => r.Notes, nullable: true);
    }
}

public sealed class MortgagedTransferInputType : InputObjectGraphType<MortgagedTransferRequest>
{
    public MortgagedTransferInputType()
    {
        Name = "MortgagedTransferInput";
        Field(r => r.UnitCode, nullable: true);
        Field(r => r.Transferors, type: typeof(ListGraphType<NonNullGraphType<PartyInputType>>));
        Field(r => r.Transferees, type: typeof(ListGraphType<NonNullGraphType<PartyInputType>>));
        Field(r => r.CoOwnership, nullable: true).Description("SOLE, JOINT or IN_SHARES (the buyers' shares add up to 100).");
        Field(r => r.PriceFen, type: typeof(LongGraphType)).Description("In fen.");
        Field(r => r.CancelledMortgage, type: typeof(CancelledMortgageInputType)).Description("The seller's mortgage that ends.");
        Field(r => r.NewMortgage, type: typeof(NewMortgageInputType)).Description("The buyers' new mortgage.");
        MortgageRegistrationInputType.Common(this);
        Field(r => r.Notes, nullable: true);
    }
}

public sealed class CancelledMortgageInputType : InputObjectGraphType<CancelledMortgageInput>
{
    public CancelledMortgageInputType()
    {
        Name = "CancelledMortgageInput";
        Field(r => r.CertificateNumber, nullable: true).Description("Its certificate of registration.");
        Field(r => r.Mortgagee, type: typeof(PartyInputType)).Description("Its mortgagee of record.");
    }
}

public sealed class NewMortgageInputType : InputObjectGraphType<NewMortgageInput>
{
    public NewMortgageInputType()
    {
        Name = "NewMortgageInput";
        Field(r => r.Mortgagee, type: typeof(PartyInputType));
        Field(r => r.SecuredAmountFen, type: typeof(LongGraphType)).Description("In fen.");
        Field(r => r.DebtStartsOn, nullable: true).Description("yyyy-MM-dd.");
        Field(r => r.DebtEndsOn, nullable: true).Description("yyyy-MM-dd.");
    }
}

public sealed class AdvanceNoticeCancellationInputType : InputObjectGraphType<AdvanceNoticeCancellationRequest>
{
    public AdvanceNoticeCancellationInputType()
    {
        Name = "AdvanceNoticeCancellationInput";
        Field(r => r.UnitCode, nullable: true);
        Field(r => r.DocumentNumber, nullable: true).Description("The notice's certificate of registration.");
        Field(r => r.Holder, type: typeof(PartyInputType)).Description("The notice's holder of record (a buyer, or the bank of a mortgage notice).");
        MortgageRegistrationInputType.Common(this);
        Field(r => r.Notes, nullable: true);
    }
}

public sealed class MortgageChangeInputType : InputObjectGraphType<MortgageChangeRequest>
{
    public MortgageChangeInputType()
    {
        Name = "MortgageChangeInput";
        Field(r => r.CertificateNumber, nullable: true).Description("The mortgage's certificate of registration.");
        Field(r => r.UnitCodes, type: typeof(ListGraphType<NonNullGraphType<StringGraphType>>)).Description("Every unit of that mortgage.");
        Field(r => r.Mortgagee, type: typeof(PartyInputType)).Description("The mortgagee of record.");
        Field(r => r.Mortgagors, type: typeof(ListGraphType<NonNullGraphType<PartyInputType>>)).Description("The mortgagors of record (a change; not an assignment).");
        Field(r => r.Assignee, type: typeof(PartyInputType)).Description("The lender the claim is assigned to (抵押权转移登记).");
        Field(r => r.SecuredAmountFen, type: typeof(LongGraphType)).Description("The new secured amount, in fen (a change).");
        Field(r => r.DebtEndsOn, nullable: true).Description("The new end of the debt's term, yyyy-MM-dd (a change).");
        Field(r => r.NewMortgagee, type: typeof(PartyInputType)).Description(
            "The mortgagee's new name or credit code (抵押权人名称变更): the submitting organisation as it is of record now; the mortgagee applies alone.");
        MortgageRegistrationInputType.Common(this);
        Field(r => r.Notes, nullable: true);
    }
}

public sealed class ObjectionInputType : InputObjectGraphType<ObjectionRequest>
{
    public ObjectionInputType()
    {
        Name = "ObjectionInput";
        Field(r => r.UnitCode, nullable: true);
        Field(r => r.Objector, type: typeof(PartyInputType));
        Field(r => r.Matter, nullable: true).Description("异议事项.");
        MortgageRegistrationInputType.Common(this);
    }
}

public sealed class SeizureInputType : InputObjectGraphType<SeizureRequest>
{
    public SeizureInputType()
    {
        Name = "SeizureInput";
        Field(r => r.UnitCodes, type: typeof(ListGraphType<NonNullGraphType<StringGraphType>>));
        Field(r => r.DocumentNumber, nullable: true).Description("The ruling or notice number (文号).");
        Field(r => r.StartsOn, nullable: true);
        Field(r => r.EndsOn, nullable: true);
        Field<ListGraphType<NonNullGraphType<MaterialReferenceInputType>>>("materials");
        Field(r => r.Notes, nullable: true);
    }
}

public sealed class SeizureExtensionInputType : InputObjectGraphType<SeizureExtensionRequest>
{
    public SeizureExtensionInputType()
    {
        Name = "SeizureExtensionInput";
        Field(r => r.UnitCodes, type: typeof(ListGraphType<NonNullGraphType<StringGraphType>>));
        Field(r => r.SeizureDocumentNumber, nullable: true).Description("The seizure in force to extend (its 文号).");
        Field(r => r.DocumentNumber, nullable: true).Description("The extension's ruling or notice number.");
        Field(r => r.EndsOn, nullable: true).Description("yyyy-MM-dd; default and latest: three years less a day after the seizure's end.");
        Field<ListGraphType<NonNullGraphType<MaterialReferenceInputType>>>("materials");
        Field(r => r.Notes, nullable: true);
    }
}

public sealed class SeizureReleaseInputType : InputObjectGraphType<SeizureReleaseRequest>
{
    public SeizureReleaseInputType()
    {
        Name = "SeizureReleaseInput";
        Field(r => r.UnitCodes, type: typeof(ListGraphType<NonNullGraphType<StringGraphType>>));
        Field(r => r.SeizureDocumentNumber, nullable: true);
        Field(r => r.ReleaseDocumentNumber, nullable: true);
        Field<ListGraphType<NonNullGraphType<MaterialReferenceInputType>>>("materials");
        Field(r => r.Notes, nullable: true);
    }
}

public sealed class BulkMortgageRegistrationInputType : InputObjectGraphType<BulkMortgageRegistrationRequest>
{
    public BulkMortgageRegistrationInputType()
    {
        Name = "BulkMortgageRegistrationInput";
        Field(r => r.Items, type: typeof(ListGraphType<NonNullGraphType<MortgageRegistrationInputType>>)).Description("Up to 1,000.");
    }
}

public sealed class ApplicationStepInputType : InputObjectGraphType
{
    public ApplicationStepInputType()
    {
        Name = "ApplicationStepInput";
        Field<NonNullGraphType<StringGraphType>>("businessNumber");
        Field<StringGraphType>("reason").Description("Required to refuse, ask for correction (everything missing, at once) and return.");
        Field<IntGraphType>("version").Description("The version last read: a changed application is refused (CONCURRENT_CHANGE).");
        Field<ListGraphType<NonNullGraphType<MaterialReferenceInputType>>>("materials").Description("supplementApplication only: the materials supplied.");
        Field<ListGraphType<NonNullGraphType<CorrectionItemInputType>>>("items")
            .Description("requestCorrection only (required there): every checklist material missing or faulty, at once (一次性告知).");
        Field<IntGraphType>("workingDays").Description("extendDeadline only (required there): working days added, 1 to 30, once.");
        Field<StringGraphType>("pause").Description("pauseClock only (required there): SURVEY (测绘), SITE_INSPECTION (实地查看) or PUBLIC_NOTICE (公告).");
    }
}
