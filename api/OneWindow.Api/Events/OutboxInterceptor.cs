using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using OneWindow.Api.Data;
using OneWindow.Api.Data.Entities;
using OneWindow.Domain.Applications;

namespace OneWindow.Api.Events;

/// <summary>
/// The one place an application's steps and a certificate's status changes become events: whatever use case adds an
/// <see cref="ApplicationEvent"/> (the timeline) or moves a certificate's status, the outbox rows join the same
/// SaveChanges, so they commit or roll back with the change. Register changes are reported by
/// <see cref="Data.Register.RegisterChange"/>, the register's one seam (the demo seed writes rows without it).
/// </summary>
public sealed class OutboxInterceptor : SaveChangesInterceptor
{
    public static OutboxInterceptor Instance { get; } = new();

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is RegistryDbContext db)
        {
            await WriteAsync(db, cancellationToken);
        }
        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is RegistryDbContext db && (Steps(db).Count > 0 || StatusChanges(db).Count > 0))
        {
            throw new InvalidOperationException("Application steps and certificate status changes are saved with SaveChangesAsync (their events are read from the database).");
        }
        return result;
    }

    private static async Task WriteAsync(RegistryDbContext db, CancellationToken cancellationToken)
    {
        // SaveChanges detects changes after the interceptors: steps added through a navigation are found only so.
        db.ChangeTracker.DetectChanges();
        var steps = Steps(db);
        if (steps.Count > 0)
        {
            await ApplicationStepsAsync(db, steps, cancellationToken);
        }
        var certificates = StatusChanges(db);
        if (certificates.Count > 0)
        {
            await CertificatesAsync(db, certificates, cancellationToken);
        }
    }

    private static List<ApplicationEvent> Steps(RegistryDbContext db) =>
        [.. db.ChangeTracker.Entries<ApplicationEvent>().Where(e => e.State == EntityState.Added).Select(e => e.Entity)];

    private static List<Certificate> StatusChanges(RegistryDbContext db) =>
        [.. db.ChangeTracker.Entries<Certificate>()
            .Where(e => e.State == EntityState.Modified && e.Property(c => c.Status).IsModified
                && !Equals(e.Property(c => c.Status).OriginalValue, e.Entity.Status) && e.Entity.Status != CertificateStatus.Valid)
            .Select(e => e.Entity)];

    private static async Task ApplicationStepsAsync(RegistryDbContext db, List<ApplicationEvent> steps, CancellationToken cancellationToken)
    {
        var tracked = db.ChangeTracker.Entries<RegistrationApplication>().ToList();
        var owners = new Dictionary<ApplicationEvent, RegistrationApplication>();
        foreach (var step in steps)
        {
            var owner = tracked.FirstOrDefault(a => a.Entity.Events.Contains(step))
                ?? tracked.FirstOrDefault(a => step.ApplicationId != 0 && a.Entity.Id == step.ApplicationId)
                ?? throw new InvalidOperationException("A timeline step is saved with its application.");
            owners[step] = owner.Entity;
        }
        // Stored applications whose applicants or units are not loaded: read in one statement each.
        var applications = owners.Values.Distinct().ToList();
        var stored = applications.Where(a => db.Entry(a).State != EntityState.Added).Select(a => a.Id).ToArray();
        var parties = stored.Length == 0 ? [] : await db.ApplicationParties.AsNoTracking().Where(p => stored.Contains(p.ApplicationId))
            .Select(p => new { p.ApplicationId, p.IdType, p.IdNumber }).ToListAsync(cancellationToken);
        var units = stored.Length == 0 ? [] : await db.ApplicationUnits.AsNoTracking().Where(u => stored.Contains(u.ApplicationId))
            .OrderBy(u => u.Id).Select(u => new { u.ApplicationId, u.UnitCode }).ToListAsync(cancellationToken);

        // In the timeline's order: the change tracker does not keep the order steps were added in.
        foreach (var step in steps.OrderBy(s => s.OccurredAt).ThenBy(s => owners[s].Events.IndexOf(s)))
        {
            var application = owners[step];
            var added = db.Entry(application).State == EntityState.Added;
            var identities = added
                ? application.Parties.Select(p => EventRecipients.Identity(p.IdType, p.IdNumber))
                : parties.Where(p => p.ApplicationId == application.Id).Select(p => EventRecipients.Identity(p.IdType, p.IdNumber));
            var unitCodes = (added ? application.Units.Select(u => u.UnitCode) : units.Where(u => u.ApplicationId == application.Id).Select(u => u.UnitCode))
                .Distinct(StringComparer.Ordinal).ToList();
            string[] recipients = [EventRecipients.Subject(application.SubmitterKey), .. identities.OfType<string>()];
            // Note: no names, ID numbers or reasons (free text that may quote people): codes, statuses and unit codes.
            Outbox.Add(db, EventTypes.ForStep(step.Action, step.ToStatus), step.OccurredAt, application.BusinessNumber,
                unitCodes.Count == 1 ? unitCodes[0] : null,
                new
                {
                    businessNumber = application.BusinessNumber,
                    businessType = application.BusinessType,
                    action = step.Action,
                    fromStatus = step.FromStatus,
                    toStatus = step.ToStatus,
                    actorKind = step.ActorKind,
                    unitCodes = unitCodes.Take(Outbox.MaxUnitCodes).ToArray(),
                    unitCount = unitCodes.Count,
                    // 补正: which checklist materials and what is wrong, never the registrar's note (free text).
                    correctionItems = step.CorrectionItems.Count == 0 ? null
                        : step.CorrectionItems.Select(i => new { materialCode = i.MaterialCode, defect = i.Defect }).ToArray(),
                    // The time limit's steps: what changed and the due date as it now stands (null while stopped).
                    extensionWorkingDays = step.Action == ApplicationAction.ExtendDeadline ? application.ExtendedWorkingDays : (int?)null,
                    clockPause = step.ClockPause,
                    dueDate = step.Action is ApplicationAction.ExtendDeadline or ApplicationAction.ResumeClock
                        ? application.DueDate : null,
                },
                recipients);
        }
    }

    private static async Task CertificatesAsync(RegistryDbContext db, List<Certificate> certificates, CancellationToken cancellationToken)
    {
        var numbers = certificates.Select(c => c.Number).ToArray();
        var holders = await db.RightHolders.AsNoTracking().Where(h => h.Right!.CertificateNumber != null && numbers.Contains(h.Right.CertificateNumber))
            .Select(h => new { Number = h.Right!.CertificateNumber!, h.Right.Unit!.UnitCode, h.Party!.IdType, h.Party.IdNumber }).ToListAsync(cancellationToken);
        var parties = await db.Restrictions.AsNoTracking().Where(r => r.DocumentNumber != null && numbers.Contains(r.DocumentNumber) && r.BeneficiaryPartyId != null)
            .Select(r => new { Number = r.DocumentNumber!, r.Unit!.UnitCode, r.BeneficiaryParty!.IdType, r.BeneficiaryParty.IdNumber }).ToListAsync(cancellationToken);
        foreach (var certificate in certificates)
        {
            var audience = holders.Where(h => h.Number == certificate.Number).Select(h => (h.UnitCode, h.IdType, h.IdNumber))
                .Concat(parties.Where(p => p.Number == certificate.Number).Select(p => (p.UnitCode, p.IdType, p.IdNumber))).ToList();
            var unitCodes = audience.Select(a => a.UnitCode).Distinct(StringComparer.Ordinal).ToList();
            Outbox.Add(db, EventTypes.ForCertificate(certificate.Status), certificate.StatusChangedAt ?? DateTime.UtcNow, certificate.BusinessNumber,
                unitCodes.Count == 1 ? unitCodes[0] : null,
                new { number = certificate.Number, kind = certificate.Kind, edition = certificate.Edition, status = certificate.Status, replacedBy = certificate.ReplacedBy },
                audience.Select(a => EventRecipients.Identity(a.IdType, a.IdNumber)).OfType<string>());
        }
    }
}
