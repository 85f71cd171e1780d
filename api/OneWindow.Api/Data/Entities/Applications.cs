using OneWindow.Domain.Applications;
using OneWindow.Domain.Identifiers;

namespace OneWindow.Api.Data.Entities;

/// <summary>
/// An application (申请) for a registration: who submitted it, for whom, what it asks the register to do (its
/// <see cref="Payload"/>, the validated request), where it stands in the workflow and its deadline.
/// </summary>
public sealed class RegistrationApplication
{
    public long Id { get; set; }
    public required string BusinessNumber { get; set; }
    public BusinessType BusinessType { get; set; }
    public ApplicationStatus Status { get; set; }
    /// <summary>While a correction is awaited: the status the application returns to once supplemented.</summary>
    public ApplicationStatus? StatusBeforeCorrection { get; set; }
    /// <summary>Who submitted it, as <see cref="Auth.Caller.SubjectKey"/> gives it (partner:12, person:3).</summary>
    public required string SubmitterKey { get; set; }
    /// <summary>The client id or user name that submitted it, for the timeline and staff.</summary>
    public required string SubmittedBy { get; set; }
    public long? PartnerId { get; set; }
    public Partner? Partner { get; set; }
    public long? PersonId { get; set; }
    /// <summary>
    /// Whether the submitter is not itself an applicant but files for the named applicants (an agency, 登记代理): the
    /// power of attorney and the agent's identity are required, and it never enters the register without a registrar.
    /// </summary>
    public bool FiledAsAgent { get; set; }
    /// <summary>The circumstance codes (资料配置) the applicant declared, comma-separated.</summary>
    public required string Circumstances { get; set; }
    /// <summary>The request as validated, canonical JSON: what entry in the register (登簿) will do.</summary>
    public required string Payload { get; set; }
    /// <summary>A line for lists: the first unit's location and how many units.</summary>
    public required string Summary { get; set; }
    public int UnitCount { get; set; }
    public DateTime SubmittedAt { get; set; }
    public DateTime? AcceptedAt { get; set; }
    /// <summary>The last working day of the time limit (China date); null before acceptance and while paused for correction.</summary>
    public DateOnly? DueDate { get; set; }
    /// <summary>Whether the due date rests on a year without an announced holiday schedule.</summary>
    public bool DueDateProvisional { get; set; }
    /// <summary>Working days a registrar added to the time limit of a complex case (once, at most 30); 0 when not extended.</summary>
    public int ExtendedWorkingDays { get; set; }
    public DateTime? RecordedAt { get; set; }
    public DateTime? ClosedAt { get; set; }
    /// <summary>Bumped by every transition: two staff acting at once cannot both succeed.</summary>
    public int Version { get; set; }
    public List<ApplicationEvent> Events { get; set; } = [];
    public List<ApplicationMaterial> Materials { get; set; } = [];
    public List<ApplicationParty> Parties { get; set; } = [];
    public List<ApplicationUnit> Units { get; set; } = [];
}

/// <summary>One step of an application's timeline: who did what, when and why.</summary>
public sealed class ApplicationEvent
{
    public long Id { get; set; }
    public long ApplicationId { get; set; }
    /// <summary>Null for the submission itself.</summary>
    public ApplicationAction? Action { get; set; }
    public ApplicationStatus? FromStatus { get; set; }
    public ApplicationStatus ToStatus { get; set; }
    public ActorKind ActorKind { get; set; }
    public required string Actor { get; set; }
    public string? Reason { get; set; }
    public DateTime OccurredAt { get; set; }
    /// <summary>For the clock's steps (PauseClock, ResumeClock): which period stops it (survey, site inspection, public notice).</summary>
    public ClockPauseKind? ClockPause { get; set; }
    /// <summary>A correction request's list (补正, 一次性告知): the checklist materials missing or faulty.</summary>
    public List<ApplicationCorrectionItem> CorrectionItems { get; set; } = [];
}

/// <summary>
/// One item of a correction request (补正): a material of the application's checklist that is missing or faulty, and
/// what is wrong with it. The applicant's supplement is checked against the request's items.
/// </summary>
public sealed class ApplicationCorrectionItem
{
    public long Id { get; set; }
    /// <summary>The correction request (<see cref="ApplicationEvent"/> with action RequestCorrection) that listed it.</summary>
    public long ApplicationEventId { get; set; }
    public required string MaterialCode { get; set; }
    public CorrectionDefect Defect { get; set; }
    /// <summary>What is wrong, in the registrar's words (free text: shown to the application's parties, never in events).</summary>
    public string? Note { get; set; }
    /// <summary>When the applicant's supplement covered it; null while outstanding.</summary>
    public DateTime? SuppliedAt { get; set; }
}

/// <summary>An applicant (申请人) of an application, as the application names them.</summary>
public sealed class ApplicationParty
{
    public long Id { get; set; }
    public long ApplicationId { get; set; }
    public ApplicantRole Role { get; set; }
    public PartyKind Kind { get; set; }
    public required string Name { get; set; }
    public IdentityDocumentType IdType { get; set; }
    /// <summary>A passport's issuing state (ISO 3166-1 alpha-3); null for every other document.</summary>
    public string? Nationality { get; set; }
    /// <summary>Resident ID number or unified social credit code (canonical form).</summary>
    public required string IdNumber { get; set; }
    public string? Phone { get; set; }
    public decimal? SharePercent { get; set; }
    public int Position { get; set; }
    /// <summary>Whether this applicant has consented to the application, and how (see <see cref="ConfirmationState"/>).</summary>
    public ConfirmationState Confirmation { get; set; }
    public ConfirmationMethod? ConfirmationMethod { get; set; }
    /// <summary>The client id or user name that confirmed or declined (the submitter's, for the submitter itself).</summary>
    public string? ConfirmedBy { get; set; }
    public DateTime? ConfirmedAt { get; set; }
}

/// <summary>An applicant's consent to an application it is named in.</summary>
public enum ConfirmationState
{
    /// <summary>Named by the submitter, not yet confirmed with its own identity.</summary>
    Pending = 1,
    /// <summary>Confirmed (or the submitter itself, or checked in person by an authorised channel).</summary>
    Confirmed = 2,
    /// <summary>Declined: the application ended.</summary>
    Declined = 3,
}

/// <summary>How an applicant's consent was given.</summary>
public enum ConfirmationMethod
{
    /// <summary>The applicant submitted the application itself.</summary>
    Submitter = 1,
    /// <summary>An organisation, through one of its own OAuth clients.</summary>
    PartnerClient = 2,
    /// <summary>A person, signed in with their real-name account (authorization code + PKCE).</summary>
    PersonSignIn = 3,
    /// <summary>An operator-approved channel checked the applicant in person and filed the signed application.</summary>
    AuthorisedChannel = 4,
}

/// <summary>
/// A unit an application concerns. While the application is open, a unique index on (unit, conflict group) keeps a
/// second open application of the same kind for the same unit out, even when both arrive at once.
/// </summary>
public sealed class ApplicationUnit
{
    public long Id { get; set; }
    public long ApplicationId { get; set; }
    public required string UnitCode { get; set; }
    /// <summary>
    /// The kind of application two of which may not be open for one unit at once: the business type's name, except
    /// that the three mortgage registrations share one group (see BusinessTypeInfo.ConflictGroup).
    /// </summary>
    public required string ConflictGroup { get; set; }
    public bool IsOpen { get; set; }
}

/// <summary>
/// A file uploaded as a material (申请材料), owned by whoever uploaded it until an application references it. Its bytes
/// are in <see cref="MaterialContent"/>, by SHA-256.
/// </summary>
public sealed class Material
{
    public long Id { get; set; }
    /// <summary>The opaque id callers reference it by (random, never a sequence).</summary>
    public required string PublicId { get; set; }
    /// <summary><see cref="Auth.Caller.SubjectKey"/> of the uploader: only they can reference it.</summary>
    public required string OwnerKey { get; set; }
    public required string UploadedBy { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    /// <summary>Lower-case hex SHA-256 of the bytes, checked against the one the uploader declared.</summary>
    public required string Sha256 { get; set; }
    /// <summary>The material code the uploader declared (optional: the application's reference names it too).</summary>
    public string? MaterialCode { get; set; }
    public DateTime UploadedAt { get; set; }
}

/// <summary>The bytes of uploaded files, stored once per SHA-256 whoever uploads them.</summary>
public sealed class MaterialContent
{
    public required string Sha256 { get; set; }
    public required byte[] Content { get; set; }
    public long Size { get; set; }
    /// <summary>When these bytes were last uploaded (an upload of stored bytes marks them again): the cleanup keeps them within the retention.</summary>
    public DateTime StoredAt { get; set; }
}

/// <summary>A material of an application: an uploaded file, as which material of the checklist.</summary>
public sealed class ApplicationMaterial
{
    public long Id { get; set; }
    public long ApplicationId { get; set; }
    public long MaterialId { get; set; }
    public Material? Material { get; set; }
    public required string MaterialCode { get; set; }
    public DateTime AttachedAt { get; set; }
    /// <summary>The correction request (its timeline step) this material was supplied for, if any (补正).</summary>
    public long? SuppliedForEventId { get; set; }
}

/// <summary>
/// The first answer to a submission with an <c>Idempotency-Key</c>: a retry with the same key and the same request gets
/// it again; the same key with another request is refused. Stored in the transaction that stored the application, so
/// a submission and its record exist together or not at all.
/// </summary>
public sealed class IdempotencyRecord
{
    public long Id { get; set; }
    public required string CallerKey { get; set; }
    public required string Key { get; set; }
    public required string Operation { get; set; }
    /// <summary>SHA-256 of the operation and the canonical request.</summary>
    public required string RequestHash { get; set; }
    public int StatusCode { get; set; }
    /// <summary>The answer as JSON.</summary>
    public required string Response { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>A named counter (business numbers per registry and day, certificate numbers per registry, kind and year).</summary>
public sealed class RegistrySequence
{
    public required string Name { get; set; }
    public long Value { get; set; }
}

/// <summary>
/// A document the platform operator edits without a release: the materials catalogue, the holiday calendar. Each save
/// bumps <see cref="Version"/>, so every instance can tell its copy is old.
/// </summary>
public sealed class ConfigurationDocument
{
    public required string Name { get; set; }
    public required string Content { get; set; }
    public int Version { get; set; }
    public DateTime UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
}
