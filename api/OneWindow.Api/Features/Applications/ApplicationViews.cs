using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Auth;
using OneWindow.Api.Data;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Features.Audit;
using OneWindow.Api.Features.Configuration;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Calendar;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace OneWindow.Api.Features.Applications;

/// <summary>
/// Who may see an application and how: staff see every application; a partner those it submitted or is a party to
/// (its credit code among the applicants); a citizen those they submitted or apply in. Names and ID numbers are shown
/// to those and masked on the public progress form; every answer with unmasked personal data is audited.
/// </summary>
public sealed class ApplicationViews(
    RegistryDbContext db, RegistryConfiguration configuration, TimeLimitPolicy policy, IOptions<ApplicationsOptions> options,
    TimeProvider time, PersonalDataAudit audit, ApplicationKinds kinds)
{
    public const int ListedUnits = 100;

    private Partner? _partner;
    private bool _partnerLoaded;

    /// <summary>The caller's partner organisation (name, credit code, kind), read once per request.</summary>
    public async Task<Partner?> PartnerAsync(Caller caller, CancellationToken cancellationToken)
    {
        if (!_partnerLoaded)
        {
            _partner = caller.PartnerId is { } id ? await db.Partners.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken) : null;
            _partnerLoaded = true;
        }
        return _partner;
    }

    /// <summary>The identity number under which the caller may be an applicant: a citizen's ID number, a partner's credit code.</summary>
    public async Task<string?> PartyIdNumberAsync(Caller caller, CancellationToken cancellationToken) =>
        caller.IsCitizen ? caller.IdNumber : (await PartnerAsync(caller, cancellationToken))?.CreditCode;

    /// <summary>Whether the caller may see the application at all (and then unmasked).</summary>
    public async Task<bool> MaySeeAsync(Caller caller, RegistrationApplication application, CancellationToken cancellationToken)
    {
        if (caller.IsStaff || caller.SubjectKey == application.SubmitterKey)
        {
            return true;
        }
        var idNumber = await PartyIdNumberAsync(caller, cancellationToken);
        return idNumber is not null && application.Parties.Any(p => p.IdNumber == idNumber);
    }

    public async Task<DeadlineCalculator> CalculatorAsync(CancellationToken cancellationToken) =>
        new(await configuration.CalendarAsync(cancellationToken), options.Value.DueSoonWorkingDays);

    /// <summary>The period the application waits before 登簿 (补证, 依职权更正), on the calculator's calendar, or null.</summary>
    public WaitingPeriod? WaitingPeriodOf(RegistrationApplication application, DeadlineCalculator calculator) =>
        kinds.For(application.BusinessType).WaitingPeriodOf(application, calculator.Calendar);

    /// <summary>The deadline as it stands now; null before acceptance.</summary>
    public DeadlineResponse? Deadline(RegistrationApplication application, DeadlineCalculator calculator) =>
        DeadlineWith(application, calculator, WaitingPeriodOf(application, calculator));

    private DeadlineResponse? DeadlineWith(RegistrationApplication application, DeadlineCalculator calculator, WaitingPeriod? waiting) =>
        ApplicationDeadlines.Compute(application, application.Events, calculator, policy, waiting) is { } deadline
            ? Respond(deadline, settled: application.ClosedAt is not null || application.RecordedAt is not null, calculator) with
            {
                ExtendedWorkingDays = application.ExtendedWorkingDays,
                PausedFor = ApplicationDeadlines.OpenClockPause(application.Events),
            }
            : null;

    /// <summary>
    /// The deadline of a list's row from its stored due date (lists do not read timelines); the same state as
    /// <see cref="Deadline"/> gives, since the due date is stored at every step.
    /// </summary>
    public DeadlineResponse? StoredDeadline(
        BusinessType type, DateTime? acceptedAt, DateOnly? dueDate, bool provisional, bool settled, DeadlineCalculator calculator, int extendedWorkingDays = 0)
    {
        if (acceptedAt is not { } accepted)
        {
            return null;
        }
        var days = policy.WorkingDaysFor(type) + extendedWorkingDays;
        var dueBy = dueDate is { } due ? ChinaTime.StartOfDayUtc(due.AddDays(1)) : (DateTime?)null;
        return Respond(new Deadline(ChinaTime.DateOf(accepted), days, dueDate, dueBy, dueDate is null ? 0 : days, 0, provisional), settled, calculator)
            with { ExtendedWorkingDays = extendedWorkingDays };
    }

    /// <summary>No state once recorded or closed: the time limit is met or no longer runs.</summary>
    private DeadlineResponse Respond(Deadline deadline, bool settled, DeadlineCalculator calculator) =>
        new(deadline.WorkingDays, deadline.DueDate, deadline.IsProvisional,
            settled ? null : calculator.StateAt(deadline, time.GetUtcNow().UtcDateTime));

    /// <summary>
    /// The full answer for a caller who may see the application (<see cref="MaySeeAsync"/>): its events and parties
    /// must be loaded. Reads its first units, materials and register entries.
    /// </summary>
    public async Task<ApplicationResponse> BuildAsync(RegistrationApplication application, Caller caller, CancellationToken cancellationToken)
    {
        var id = application.Id;
        var units = await db.ApplicationUnits.AsNoTracking().Where(u => u.ApplicationId == id).OrderBy(u => u.Id)
            .Select(u => u.UnitCode).Take(ListedUnits).ToListAsync(cancellationToken);
        var materials = await db.ApplicationMaterials.AsNoTracking().Where(m => m.ApplicationId == id).OrderBy(m => m.Id)
            .Select(m => new AttachedMaterialResponse(m.Material!.PublicId, m.MaterialCode, m.Material.FileName, m.Material.ContentType, m.Material.Size, m.Material.Sha256))
            .ToListAsync(cancellationToken);
        var (recordedCount, recorded) = await RecordedAsync(application.BusinessNumber, cancellationToken);
        var delivery = await Certificates.CertificateDispatch.OfApplicationAsync(db, id, cancellationToken);
        return Build(application, caller, units, materials, recordedCount, recorded, await CalculatorAsync(cancellationToken), delivery);
    }

    /// <summary>The answer from what is at hand (a submission builds it without reading back what it just stored).</summary>
    public ApplicationResponse Build(
        RegistrationApplication application, Caller caller, IReadOnlyList<string> units, IReadOnlyList<AttachedMaterialResponse> materials,
        int recordedCount, IReadOnlyList<RecordedEntryResponse> recorded, DeadlineCalculator calculator, Certificates.CertificateDeliveryStatus? delivery = null)
    {
        if (application.Parties.Any(p => p.Kind == PartyKind.Person))
        {
            audit.Record(caller, $"application:{application.BusinessNumber}", "applicants.name,applicants.idNumber");
        }
        var staff = caller.IsStaff;
        var submitter = caller.SubjectKey == application.SubmitterKey;
        var self = caller.IsCitizen ? caller.IdNumber : _partner?.CreditCode;
        var confirming = self is not null && application.Parties.Any(p => p.IdNumber == self && p.Confirmation == ConfirmationState.Pending);
        var paused = ApplicationDeadlines.OpenClockPause(application.Events) is not null;
        var waiting = WaitingPeriodOf(application, calculator);
        var actions = staff
            ? Workflow.AvailableActions(application.Status, ActorKind.Staff).Where(a => a switch
            {
                ApplicationAction.RecordImmediately => false,
                ApplicationAction.ExtendDeadline => application.ExtendedWorkingDays == 0,
                ApplicationAction.PauseClock => !paused,
                ApplicationAction.ResumeClock => paused,
                _ => true,
            }).ToArray()
            : Workflow.AvailableActions(application.Status, ActorKind.Applicant)
                .Where(a => a is ApplicationAction.Confirm or ApplicationAction.Decline ? confirming : submitter).ToArray();
        return new ApplicationResponse(
            application.BusinessNumber,
            application.BusinessType,
            BusinessTypes.Get(application.BusinessType).ChineseName,
            application.Status,
            Workflow.ChineseName(application.Status),
            application.Summary,
            application.UnitCount,
            [.. units.Take(ListedUnits)],
            [.. application.Circumstances.Split(',', StringSplitOptions.RemoveEmptyEntries)],
            [.. application.Parties.OrderBy(p => p.Position).Select(p => new ApplicantResponse(
                p.Role, p.Kind, p.Name, p.IdNumber, p.Confirmation, p.ConfirmationMethod, p.ConfirmedAt, staff ? p.ConfirmedBy : null, p.IdType, p.Nationality))],
            materials,
            application.SubmittedAt,
            application.SubmittedBy,
            application.AcceptedAt,
            DeadlineWith(application, calculator, waiting),
            application.RecordedAt,
            application.ClosedAt,
            [.. application.Events.OrderBy(e => e.OccurredAt).ThenBy(e => e.Id).Select(e => new TimelineEntryResponse(
                e.ToStatus, Workflow.ChineseName(e.ToStatus), e.Action, e.ActorKind, staff || e.ActorKind != ActorKind.Staff ? e.Actor : null, e.Reason, e.OccurredAt))],
            recordedCount,
            recorded,
            actions,
            application.Version,
            application.FiledAsAgent,
            delivery,
            CorrectionItemResponse.Of(application.Events),
            WaitingPeriodResponse.Of(waiting, time.GetUtcNow().UtcDateTime));
    }

    /// <summary>Records the audit entry for an answer given again (an idempotent replay carries the same personal data).</summary>
    public void AuditReplay(ApplicationResponse response, Caller caller)
    {
        if (response.Applicants.Any(a => a.Kind == PartyKind.Person))
        {
            audit.Record(caller, $"application:{response.BusinessNumber}", "applicants.name,applicants.idNumber");
        }
    }

    /// <summary>The public form's answer: status, deadline and timeline, nothing personal.</summary>
    public async Task<ApplicationProgressResponse> ProgressAsync(RegistrationApplication application, CancellationToken cancellationToken)
    {
        var calculator = await CalculatorAsync(cancellationToken);
        var waiting = WaitingPeriodOf(application, calculator);
        return new(
            application.BusinessNumber,
            application.BusinessType,
            BusinessTypes.Get(application.BusinessType).ChineseName,
            application.Status,
            Workflow.ChineseName(application.Status),
            application.SubmittedAt,
            application.AcceptedAt,
            DeadlineWith(application, calculator, waiting),
            [.. application.Events.OrderBy(e => e.OccurredAt).ThenBy(e => e.Id).Select(e => new ProgressStepResponse(e.ToStatus, Workflow.ChineseName(e.ToStatus), e.Reason, e.OccurredAt))],
            await Certificates.CertificateDispatch.OfApplicationAsync(db, application.Id, cancellationToken),
            CorrectionItemResponse.Of(application.Events),
            WaitingPeriodResponse.Of(waiting, time.GetUtcNow().UtcDateTime));
    }

    public async Task<(int Count, IReadOnlyList<RecordedEntryResponse> Items)> RecordedAsync(string businessNumber, CancellationToken cancellationToken)
    {
        var entries = db.RegisterEntries.AsNoTracking().Where(e => e.BusinessNumber == businessNumber);
        var count = await entries.CountAsync(cancellationToken);
        if (count == 0)
        {
            return (0, []);
        }
        var rows = await entries.OrderBy(e => e.Id).Take(ListedUnits)
            .Select(e => new
            {
                Unit = db.Units.Where(u => u.Id == e.UnitId).Select(u => u.UnitCode).First(),
                e.Kind,
                Right = db.Rights.Where(r => r.Id == e.RightId).Select(r => new { r.Kind, r.CertificateNumber }).FirstOrDefault(),
                Restriction = db.Restrictions.Where(r => r.Id == e.RestrictionId).Select(r => new { r.Kind, r.DocumentNumber }).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return (count, [.. rows.Select(r => new RecordedEntryResponse(
            r.Unit,
            r.Kind,
            // A change of the unit's attributes (UNIT_CHANGED) concerns the unit itself.
            JsonNamingPolicy.SnakeCaseUpper.ConvertName(r.Right is not null ? r.Right.Kind.ToString() : r.Restriction?.Kind.ToString() ?? "Unit"),
            r.Right?.CertificateNumber ?? r.Restriction?.DocumentNumber))]);
    }
}
