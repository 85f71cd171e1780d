using OneWindow.Api.Auth;
using OneWindow.Api.Data;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Data.Register;
using OneWindow.Api.Errors;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Calendar;
using OneWindow.Domain.Materials;
using OneWindow.Domain.Identifiers;

namespace OneWindow.Api.Features.Applications;

/// <summary>A party as the application names it, once its identifiers have been checked.</summary>
/// <param name="Document">
/// The identity document when it is not the kind's usual one (a resident ID for a person, a credit code for an
/// organisation): a passport, a travel or residence permit, an organisation code. Null keeps stored payloads as they were.
/// </param>
/// <param name="Nationality">A passport's issuing state (ISO 3166-1 alpha-3); null for every other document.</param>
public sealed record PartyData(
    PartyKind Kind, string Name, string IdNumber, string? Phone = null, decimal? SharePercent = null, IdentityDocumentType? Document = null, string? Nationality = null)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public IdentityDocumentType IdType => Document ?? UsualDocument(Kind);

    /// <summary>The document a party of the kind is identified by when the request names none.</summary>
    public static IdentityDocumentType UsualDocument(PartyKind kind) => kind == PartyKind.Person ? IdentityDocumentType.ResidentId : IdentityDocumentType.CreditCode;
}

/// <summary>Everything wrong with a submission, collected so that it is told all at once, each with its field path.</summary>
public sealed class Problems
{
    private readonly List<ApiError> _items = [];

    public IReadOnlyList<ApiError> Items => _items;

    public bool Any => _items.Count > 0;

    public void Add(string code, string field, string? reason = null) =>
        _items.Add(new ApiError(code, StatusCodes.Status422UnprocessableEntity, reason, field));

    public void Add(ApiError error) => _items.Add(error with { Status = StatusCodes.Status422UnprocessableEntity });
}

/// <summary>A submission parsed into what the register check, the storage and the entry in the register need.</summary>
public sealed class Draft<TPayload>
{
    public required BusinessType Type { get; init; }

    /// <summary>The canonical request: what entry in the register will do (stored as the application's payload).</summary>
    public required TPayload Payload { get; init; }

    public required IReadOnlyList<(ApplicantRole Role, PartyData Party)> Applicants { get; init; }

    /// <summary>The units the application concerns (in the register, or to be created by a first registration).</summary>
    public required IReadOnlyList<string> UnitCodes { get; init; }

    /// <summary>The circumstances declared (资料配置): read by the pipeline, once, for every type.</summary>
    public IReadOnlyList<string> Circumstances { get; internal set; } = [];

    /// <summary>The materials named: read by the pipeline, once, for every type.</summary>
    public IReadOnlyList<MaterialReference> Materials { get; internal set; } = [];

    /// <summary>Where the materials' field paths start (materials, or items[3].materials in bulk).</summary>
    public string MaterialsField { get; internal set; } = "materials";

    /// <summary>The input field that names the applicants (where APPLICANT_NOT_CALLER points).</summary>
    public string ApplicantsField { get; internal set; } = "applicants";
}

/// <summary>What every submission carries besides its type's own fields; the pipeline reads these once.</summary>
public interface IApplicationRequest
{
    IReadOnlyList<string>? Circumstances { get; }

    IReadOnlyList<MaterialReference>? Materials { get; }
}

/// <summary>
/// How a kind of application is offered: its business types, its operation (the GraphQL mutation; the REST endpoint's
/// name is the same capitalised; idempotency records are kept per operation), its REST route under
/// <c>/api/v1/applications</c>, the scope it needs, what it does, its GraphQL input type, and the input field that names
/// the applicants of each role. The REST endpoint and the GraphQL mutation are mapped from this alone
/// (<see cref="ApplicationKinds"/>; decision 0008).
/// </summary>
public sealed record KindDeclaration(
    IReadOnlyList<BusinessType> BusinessTypes,
    string Operation,
    string Route,
    string Scope,
    string Summary,
    Type InputGraphType,
    IReadOnlyList<(ApplicantRole Role, string Field)> ApplicantFields)
{
    /// <summary>The REST endpoint's name (the OpenAPI operationId): the operation, capitalised.</summary>
    public string EndpointName => char.ToUpperInvariant(Operation[0]) + Operation[1..];
}

/// <summary>Who submits, and what is true at the moment of submission.</summary>
/// <param name="Partner">The submitting partner (its name, verified credit code, kind, channel), or null for a person.</param>
/// <param name="SelfIdNumber">
/// The submitter's identity of record: the partner's credit code, or a citizen's resident ID number from their account.
/// </param>
public sealed record SubmitContext(Caller Caller, Partner? Partner, string? SelfIdNumber, DateOnly Today, MaterialCatalogue Catalogue, ApplicationsOptions Options);

/// <summary>What entry in the register (登簿) works with.</summary>
public sealed class RecordContext
{
    public required RegistryDbContext Db { get; init; }

    public required RegisterChange Change { get; init; }

    public required RegisterState State { get; init; }

    public required Numbering Numbering { get; init; }

    public required PartyRegistry Parties { get; init; }

    public required RegistrationApplication Application { get; init; }

    public required DateOnly Today { get; init; }
}

/// <summary>Services the entry in the register needs beside the change itself.</summary>
public sealed record RecordServices(RegistryDbContext Db, Numbering Numbering, DateOnly Today);

/// <summary>A business type's rules, seen from the workflow: enter a stored application in the register.</summary>
public interface IApplicationKind
{
    KindDeclaration Declaration { get; }

    string Operation { get; }

    /// <summary>Calls <paramref name="visitor"/> with the kind's request and payload types (mapping a route, a mutation).</summary>
    void Accept(IApplicationKindVisitor visitor);

    /// <summary>
    /// Checks the stored application against the register as it is now and, when it still holds, adds its effect to
    /// <paramref name="change"/>; otherwise returns every reason it no longer does (nothing is added).
    /// </summary>
    Task<IReadOnlyList<ApiError>> EnterAsync(RegistrationApplication application, RegisterChange change, RecordServices services, CancellationToken cancellationToken);

    /// <summary>The period the stored application must wait before it may be entered in the register, or null (see <see cref="WaitingPeriod"/>).</summary>
    WaitingPeriod? WaitingPeriodOf(RegistrationApplication application, HolidayCalendar calendar);
}

/// <summary>Does something with a kind knowing its request and payload types (<see cref="IApplicationKind.Accept"/>).</summary>
public interface IApplicationKindVisitor
{
    void Visit<TRequest, TPayload>(ApplicationKind<TRequest, TPayload> kind)
        where TRequest : class, IApplicationRequest
        where TPayload : class;
}

/// <summary>
/// One business type's rules: how its request is read, what the register must say for it to be accepted, and what
/// entry in the register does. The submission pipeline (<see cref="SubmitApplication"/>), the bulk submission and the
/// workflow's recording step (<see cref="ApplicationWorkflow"/>) run the same rules.
/// </summary>
public abstract class ApplicationKind<TRequest, TPayload> : IApplicationKind
    where TRequest : class, IApplicationRequest
    where TPayload : class
{
    public abstract KindDeclaration Declaration { get; }

    /// <summary>The operation name (GraphQL mutation; the idempotency records' operation).</summary>
    public string Operation => Declaration.Operation;

    public void Accept(IApplicationKindVisitor visitor) => visitor.Visit(this);

    /// <summary>
    /// Reads a request: what every submission carries (circumstances, materials), once, then the type's own fields
    /// (<see cref="Parse"/>). Null when nothing can be checked further; every problem found is in <paramref name="problems"/>.
    /// </summary>
    public Draft<TPayload>? Read(TRequest request, SubmitContext context, Problems problems, string path)
    {
        var circumstances = Inputs.Circumstances(request.Circumstances, path + "circumstances", problems);
        var materials = Inputs.Materials(request.Materials, path + "materials", problems);
        var draft = Parse(request, circumstances, context, problems, path);
        if (draft is null)
        {
            return null;
        }
        draft.Circumstances = circumstances;
        draft.Materials = materials;
        draft.MaterialsField = path + "materials";
        var role = draft.Applicants.Count > 0 ? draft.Applicants[^1].Role : (ApplicantRole?)null;
        draft.ApplicantsField = Declaration.ApplicantFields.FirstOrDefault(f => f.Role == role).Field ?? "applicants";
        return draft;
    }

    public Task<IReadOnlyList<ApiError>> EnterAsync(RegistrationApplication application, RegisterChange change, RecordServices services, CancellationToken cancellationToken) =>
        EnterAsync(PayloadJson.Read<TPayload>(application.Payload), application, change, services, cancellationToken);

    /// <summary>
    /// The entry in the register (登簿) of <paramref name="payload"/>. The units are read tracked first: their entry
    /// counts are concurrency tokens, so the register cannot change under the check below before the change commits.
    /// </summary>
    public async Task<IReadOnlyList<ApiError>> EnterAsync(TPayload payload, RegistrationApplication application, RegisterChange change, RecordServices services, CancellationToken cancellationToken)
    {
        var codes = UnitsToLoad(payload);
        var units = await change.UnitsAsync(codes, cancellationToken);
        var state = await RegisterState.LoadAsync(services.Db, services.Today, codes, cancellationToken, application.Id, units.Values);
        var problems = new Problems();
        Check(payload, state, problems, "");
        if (problems.Any)
        {
            return problems.Items;
        }
        await RecordAsync(payload, new RecordContext
        {
            Db = services.Db,
            Change = change,
            State = state,
            Numbering = services.Numbering,
            Parties = new PartyRegistry(services.Db),
            Application = application,
            Today = services.Today,
        }, cancellationToken);
        // The certificates of what this entry ends become cancelled or replaced in the same transaction.
        await Certificates.CertificateProduction.FollowRegisterAsync(services.Db, application, change, cancellationToken);
        return [];
    }

    public WaitingPeriod? WaitingPeriodOf(RegistrationApplication application, HolidayCalendar calendar) =>
        Waits ? WaitingPeriodOf(PayloadJson.Read<TPayload>(application.Payload), calendar) : null;

    /// <summary>Whether the kind has waiting periods at all (so that the payloads of the others are not read for none).</summary>
    protected virtual bool Waits => false;

    /// <summary>
    /// The period the law makes this application wait after a publication or notice before 登簿 (补证 after the loss
    /// declaration, 依职权更正 after the notice), counted on <paramref name="calendar"/>; null for most kinds.
    /// </summary>
    public virtual WaitingPeriod? WaitingPeriodOf(TPayload payload, HolidayCalendar calendar) => null;

    /// <summary>The path of the <paramref name="index"/>th unit in the request (where a PENDING_APPLICATION_EXISTS points).</summary>
    public virtual string UnitField(int index) => $"unitCodes[{index}]";

    /// <summary>Where the application is (for lists): the first unit's location; a new building's from its survey.</summary>
    public virtual string Location(TPayload payload, RegisterState state) =>
        UnitsToLoad(payload).Select(code => state.Unit(code)?.Unit.Location).FirstOrDefault(l => l is not null) ?? "";

    /// <summary>
    /// Reads the type's own fields without the register: identifiers, amounts, dates, who applies (the circumstances
    /// declared, already read, may decide who must apply). Null when nothing can be checked further.
    /// </summary>
    protected abstract Draft<TPayload>? Parse(TRequest request, IReadOnlyList<string> circumstances, SubmitContext context, Problems problems, string path);

    /// <summary>
    /// Whether this submitter, filing this valid request, takes no one else's right without their say, so that an
    /// immediate type (time limit 0) is entered in the register by the platform at once (即办): a bank cancelling its own
    /// mortgage alone, a court's seizure, the release by the court that seized. Everything else waits for a registrar.
    /// </summary>
    public virtual bool EntersAtOnce(Draft<TPayload> draft, SubmitContext context) => false;

    /// <summary>What only the submitter is held to (a bank applies for its own mortgages; a developer for its own land).</summary>
    public virtual void CheckSubmitter(Draft<TPayload> draft, RegisterState state, SubmitContext context, Problems problems, string path)
    {
    }

    /// <summary>The register check, run at submission and again just before the entry in the register.</summary>
    public abstract void Check(TPayload payload, RegisterState state, Problems problems, string path);

    /// <summary>The effect on rights and restrictions, added to <see cref="RecordContext.Change"/>.</summary>
    public abstract Task RecordAsync(TPayload payload, RecordContext context, CancellationToken cancellationToken);

    /// <summary>Every unit the register check reads (the units concerned, and e.g. a first registration's land unit).</summary>
    public abstract IReadOnlyList<string> UnitsToLoad(TPayload payload);
}
