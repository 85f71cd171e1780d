using OneWindow.Api.Auth;
using OneWindow.Api.Data;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Data.Register;
using OneWindow.Api.Errors;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Materials;

namespace OneWindow.Api.Features.Applications;

/// <summary>A party as the application names it, once its identifiers have been checked.</summary>
public sealed record PartyData(PartyKind Kind, string Name, string IdNumber, string? Phone = null, decimal? SharePercent = null)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public IdentityDocumentType IdType => Kind == PartyKind.Person ? IdentityDocumentType.ResidentId : IdentityDocumentType.CreditCode;
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

    public required IReadOnlyList<string> Circumstances { get; init; }

    public required IReadOnlyList<(ApplicantRole Role, PartyData Party)> Applicants { get; init; }

    /// <summary>The units the application concerns (in the register, or to be created by a first registration).</summary>
    public required IReadOnlyList<string> UnitCodes { get; init; }

    public required IReadOnlyList<MaterialReference> Materials { get; init; }

    /// <summary>Where the materials' field paths start (materials, or items[3].materials in bulk).</summary>
    public string MaterialsField { get; init; } = "materials";
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
    string Operation { get; }

    /// <summary>
    /// Checks the stored application against the register as it is now and, when it still holds, adds its effect to
    /// <paramref name="change"/>; otherwise returns every reason it no longer does (nothing is added).
    /// </summary>
    Task<IReadOnlyList<ApiError>> EnterAsync(RegistrationApplication application, RegisterChange change, RecordServices services, CancellationToken cancellationToken);
}

/// <summary>
/// One business type's rules: how its request is read, what the register must say for it to be accepted, and what
/// entry in the register does. The submission pipeline (<see cref="SubmitApplication"/>), the bulk submission and the
/// workflow's recording step (<see cref="ApplicationWorkflow"/>) run the same rules.
/// </summary>
public abstract class ApplicationKind<TRequest, TPayload> : IApplicationKind
    where TRequest : class
    where TPayload : class
{
    public Task<IReadOnlyList<ApiError>> EnterAsync(RegistrationApplication application, RegisterChange change, RecordServices services, CancellationToken cancellationToken) =>
        EnterAsync(PayloadJson.Read<TPayload>(application.Payload), application, change, services, cancellationToken);

    /// <summary>
    /// The entry in the register (登簿) of <paramref name="payload"/>. The units are read tracked first: their entry
    /// counts are concurrency tokens, so the register cannot change under the check below before the change commits.
    /// </summary>
    public async Task<IReadOnlyList<ApiError>> EnterAsync(TPayload payload, RegistrationApplication application, RegisterChange change, RecordServices services, CancellationToken cancellationToken)
    {
        var codes = UnitsToLoad(payload);
        await change.UnitsAsync(codes, cancellationToken);
        var state = await RegisterState.LoadAsync(services.Db, codes, cancellationToken, application.Id);
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

    /// <summary>The path of the <paramref name="index"/>th unit in the request (where a PENDING_APPLICATION_EXISTS points).</summary>
    public virtual string UnitField(int index) => $"unitCodes[{index}]";

    /// <summary>Where the application is (for lists): the first unit's location; a new building's from its survey.</summary>
    public virtual string Location(TPayload payload, RegisterState state) =>
        UnitsToLoad(payload).Select(code => state.Unit(code)?.Unit.Location).FirstOrDefault(l => l is not null) ?? "";

    /// <summary>The operation name (GraphQL mutation; the idempotency records' operation).</summary>
    public abstract string Operation { get; }

    /// <summary>Reads the request without the register: identifiers, amounts, dates, who applies. Null when nothing can be checked further.</summary>
    public abstract Draft<TPayload>? Parse(TRequest request, SubmitContext context, Problems problems, string path);

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
