using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Data;
using OneWindow.Api.Data.Entities;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Calendar;

namespace OneWindow.Api.Features.Applications;

/// <summary>
/// An application's deadline (办理时限) from its acceptance, its business type's time limit and its correction waits
/// (补正: from the request to the supply of the materials the clock stops), on the working-day calendar.
/// </summary>
public static class ApplicationDeadlines
{
    /// <summary>The correction waits in the timeline: each RequestCorrection until the next Supplement (open if none yet).</summary>
    public static IReadOnlyList<(DateTime FromUtc, DateTime? ToUtc)> Pauses(IEnumerable<ApplicationEvent> events)
    {
        var pauses = new List<(DateTime, DateTime?)>();
        DateTime? open = null;
        foreach (var e in events.OrderBy(e => e.OccurredAt).ThenBy(e => e.Id))
        {
            if (e.Action == ApplicationAction.RequestCorrection && open is null)
            {
                open = e.OccurredAt;
            }
            else if (e.Action == ApplicationAction.Supplement && open is { } from)
            {
                pauses.Add((from, e.OccurredAt));
                open = null;
            }
        }
        if (open is { } still)
        {
            pauses.Add((still, null));
        }
        return pauses;
    }

    /// <summary>The deadline, or null before acceptance.</summary>
    public static Deadline? Compute(RegistrationApplication application, IEnumerable<ApplicationEvent> events, DeadlineCalculator calculator, TimeLimitPolicy policy) =>
        application.AcceptedAt is { } accepted
            ? calculator.Compute(accepted, policy.WorkingDaysFor(application.BusinessType), Pauses(events))
            : null;

    /// <summary>Recomputes and stores the due date (null while paused or before acceptance) and whether it is provisional.</summary>
    public static Deadline? Refresh(RegistrationApplication application, IEnumerable<ApplicationEvent> events, DeadlineCalculator calculator, TimeLimitPolicy policy)
    {
        var deadline = Compute(application, events, calculator, policy);
        application.DueDate = deadline?.DueDate;
        application.DueDateProvisional = deadline?.IsProvisional ?? false;
        return deadline;
    }

    /// <summary>
    /// After the operator changed the calendar: recomputes the deadline of every application still in progress whose
    /// due date rested on a year without an announced schedule. Returns how many were updated.
    /// </summary>
    public static async Task<int> RecomputeProvisionalAsync(RegistryDbContext db, DeadlineCalculator calculator, TimeLimitPolicy policy, CancellationToken cancellationToken)
    {
        var applications = await db.Applications
            .Where(a => a.DueDateProvisional && a.ClosedAt == null)
            .Include(a => a.Events)
            .ToListAsync(cancellationToken);
        foreach (var application in applications)
        {
            Refresh(application, application.Events, calculator, policy);
        }
        await db.SaveChangesAsync(cancellationToken);
        return applications.Count;
    }
}
