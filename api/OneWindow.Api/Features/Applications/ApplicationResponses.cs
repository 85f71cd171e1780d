using OneWindow.Api.Data.Entities;
using OneWindow.Api.Errors;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Calendar;
using OneWindow.Domain.Identifiers;

namespace OneWindow.Api.Features.Applications;

/// <summary>An application as its submitter, its parties and staff see it.</summary>
/// <param name="BusinessTypeName">The business type's Chinese name (登记类型).</param>
/// <param name="StatusName">The status's Chinese name on the timeline (申请, 受理, 审核, 登簿, 缮证, 发证归档, …).</param>
/// <param name="UnitCodes">The first 100 units the application concerns (<see cref="UnitCount"/> says how many in all).</param>
/// <param name="Recorded">What the entry in the register did (the first 100 entries; <see cref="RecordedCount"/> in all).</param>
/// <param name="AvailableActions">What the caller may do next (buttons for a portal).</param>
/// <param name="Version">Changes with every step; send it back with a step to refuse a concurrent change.</param>
/// <param name="FiledAsAgent">The submitter is not an applicant but files for them (an agency with a power of attorney).</param>
/// <param name="Delivery">How its certificates reach the applicant (快递查询): null until 发证 or a recorded dispatch.</param>
public sealed record ApplicationResponse(
    string BusinessNumber,
    BusinessType BusinessType,
    string BusinessTypeName,
    ApplicationStatus Status,
    string StatusName,
    string Summary,
    int UnitCount,
    IReadOnlyList<string> UnitCodes,
    IReadOnlyList<string> Circumstances,
    IReadOnlyList<ApplicantResponse> Applicants,
    IReadOnlyList<AttachedMaterialResponse> Materials,
    DateTime SubmittedAt,
    string SubmittedBy,
    DateTime? AcceptedAt,
    DeadlineResponse? Deadline,
    DateTime? RecordedAt,
    DateTime? ClosedAt,
    IReadOnlyList<TimelineEntryResponse> Timeline,
    int RecordedCount,
    IReadOnlyList<RecordedEntryResponse> Recorded,
    IReadOnlyList<ApplicationAction> AvailableActions,
    int Version,
    bool FiledAsAgent,
    Certificates.CertificateDeliveryStatus? Delivery,
    IReadOnlyList<CorrectionItemResponse> CorrectionItems,
    WaitingPeriodResponse? WaitingPeriod = null);

/// <summary>
/// What the application waits for before it may be entered in the register (补证: the loss declaration's 15 working
/// days; 依职权更正: the holders' 30 working days after the notice, then 15 of public notice), on the working-day calendar.
/// The clock of the time limit stands still meanwhile.
/// </summary>
/// <param name="StartsOn">The day of publication or of the notice (not counted).</param>
/// <param name="EndsOn">The period's last working day: 登簿 from the next day on.</param>
/// <param name="Provisional">A day counted lies in a year whose holidays are not announced yet.</param>
/// <param name="Over">Whether the period is over now.</param>
public sealed record WaitingPeriodResponse(WaitingPeriodKind Kind, DateOnly StartsOn, int WorkingDays, DateOnly EndsOn, bool Provisional, bool Over)
{
    public static WaitingPeriodResponse? Of(WaitingPeriod? period, DateTime nowUtc) =>
        period is null ? null : new(period.Kind, period.StartsOn, period.WorkingDays, period.EndsOn, period.IsProvisional, period.IsOverAt(nowUtc));
}

/// <summary>
/// An item of a correction request (补正): which checklist material, what is wrong, when asked and when supplied.
/// Every request's items are listed, oldest first; those with no <see cref="SuppliedAt"/> are outstanding.
/// </summary>
/// <param name="Round">Which correction request listed it (1 for the first): one request per submission round.</param>
/// <param name="Defect">MISSING or FAULTY.</param>
/// <param name="Note">The registrar's note on what is wrong.</param>
public sealed record CorrectionItemResponse(int Round, string MaterialCode, CorrectionDefect Defect, string? Note, DateTime RequestedAt, DateTime? SuppliedAt)
{
    /// <summary>Every correction request's items in the timeline, oldest first.</summary>
    public static IReadOnlyList<CorrectionItemResponse> Of(IEnumerable<ApplicationEvent> events) =>
        [.. events.Where(e => e.Action == ApplicationAction.RequestCorrection).OrderBy(e => e.OccurredAt).ThenBy(e => e.Id)
            .SelectMany((e, index) => e.CorrectionItems.OrderBy(i => i.Id)
                .Select(i => new CorrectionItemResponse(index + 1, i.MaterialCode, i.Defect, i.Note, e.OccurredAt, i.SuppliedAt)))];
}

/// <summary>
/// The time limit: working days from acceptance on the official calendar, stopped while waiting for correction and
/// during survey, site-inspection and public-notice periods.
/// </summary>
/// <param name="WorkingDays">The limit, with the extension if any.</param>
/// <param name="DueDate">The last working day (China date); null while the clock is stopped.</param>
/// <param name="Provisional">The due date lies in a year whose holidays are not announced yet: it may move when they are.</param>
/// <param name="State">ON_TIME, DUE_SOON, OVERDUE or PAUSED (null once the application is closed).</param>
/// <param name="ExtendedWorkingDays">Working days a registrar added for a complex case (0 when not extended).</param>
/// <param name="PausedFor">SURVEY, SITE_INSPECTION or PUBLIC_NOTICE while such a period stops the clock (not shown in lists).</param>
public sealed record DeadlineResponse(
    int WorkingDays, DateOnly? DueDate, bool Provisional, DeadlineState? State, int ExtendedWorkingDays = 0, ClockPauseKind? PausedFor = null);

/// <summary>An applicant; name and ID number masked unless the caller is entitled (DESIGN.md: personal data).</summary>
/// <param name="Confirmation">PENDING until the applicant confirmed with its own identity; CONFIRMED; DECLINED.</param>
/// <param name="ConfirmationMethod">How: SUBMITTER (it filed), PARTNER_CLIENT, PERSON_SIGN_IN, AUTHORISED_CHANNEL.</param>
/// <param name="ConfirmedBy">The client id or user name that answered: shown to staff only.</param>
/// <param name="IdType">The identity document IdNumber is from.</param>
/// <param name="Nationality">A passport's issuing state (ISO 3166-1 alpha-3); null for other documents.</param>
public sealed record ApplicantResponse(
    ApplicantRole Role, PartyKind Kind, string Name, string IdNumber, ConfirmationState Confirmation, ConfirmationMethod? ConfirmationMethod,
    DateTime? ConfirmedAt, string? ConfirmedBy, IdentityDocumentType? IdType = null, string? Nationality = null);

public sealed record AttachedMaterialResponse(string MaterialId, string Code, string FileName, string ContentType, long Size, string Sha256);

/// <summary>One step of the timeline. <see cref="Actor"/> names applicants and the system; staff are named to staff only.</summary>
public sealed record TimelineEntryResponse(ApplicationStatus Status, string StatusName, ApplicationAction? Action, ActorKind ActorKind, string? Actor, string? Reason, DateTime At);

/// <summary>A register entry the application made: on which unit, what, and the certificate or document number.</summary>
public sealed record RecordedEntryResponse(string UnitCode, RegisterEntryKind Kind, string What, string? CertificateNumber);

/// <summary>A failure of one submission, in the answer of a bulk request (the same codes as elsewhere).</summary>
public sealed record ItemError(string Code, string Message, string? Field, string? Reason)
{
    public static ItemError From(ApiError error, bool english) => new(error.Code, error.Message(english), error.Field, error.Reason);
}

/// <summary>The outcome of one item of a bulk submission: stored (with its application) or refused (with every reason).</summary>
public sealed record BulkItemResult(int Index, bool Accepted, ApplicationResponse? Application, IReadOnlyList<ItemError> Errors);

public sealed record BulkSubmissionResponse(int Accepted, int Rejected, IReadOnlyList<BulkItemResult> Results);

/// <summary>
/// The public progress form's answer (business number + applicant ID number): no names, no documents; the courier and
/// tracking number of certificates sent by post (快递查询).
/// </summary>
public sealed record ApplicationProgressResponse(
    string BusinessNumber,
    BusinessType BusinessType,
    string BusinessTypeName,
    ApplicationStatus Status,
    string StatusName,
    DateTime SubmittedAt,
    DateTime? AcceptedAt,
    DeadlineResponse? Deadline,
    IReadOnlyList<ProgressStepResponse> Timeline,
    Certificates.CertificateDeliveryStatus? Delivery,
    IReadOnlyList<CorrectionItemResponse> CorrectionItems,
    WaitingPeriodResponse? WaitingPeriod = null);

public sealed record ProgressStepResponse(ApplicationStatus Status, string StatusName, string? Reason, DateTime At);

/// <summary>A page of applications, newest first.</summary>
public sealed record ApplicationPage(IReadOnlyList<ApplicationSummaryResponse> Items, string? NextCursor)
{
    /// <summary>Each item's own cursor (GraphQL edges); REST pages with <see cref="NextCursor"/>.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<string> Cursors { get; init; } = [];
}

public sealed record ApplicationSummaryResponse(
    string BusinessNumber,
    BusinessType BusinessType,
    ApplicationStatus Status,
    string Summary,
    int UnitCount,
    DateTime SubmittedAt,
    string SubmittedBy,
    DeadlineResponse? Deadline);
