using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Data;
using OneWindow.Api.Data.Entities;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Calendar;

namespace OneWindow.Api.Features.Applications;

/// <summary>
/// An application's deadline (办理时限) from its acceptance, its business type's time limit (plus a complex case's
/// extension) and the periods the clock stops in (补正 from the request to the supply of the materials; survey, site
/// inspection and public notice from their start to their end), on the working-day calendar.
/// </summary>
public static class ApplicationDeadlines
{
    /// <summary>
    /// The periods the clock stops in: each correction wait (RequestCorrection until the next Supplement) and each survey,
    /// site-inspection or public-notice period (PauseClock until ResumeClock, or until the application is entered in
    /// the register or ends); an open one has no end.
    /// </summary>
    public static IReadOnlyList<(DateTime FromUtc, DateTime? ToUtc)> Pauses(IEnumerable<ApplicationEvent> events)
    {
        var pauses = new List<(DateTime, DateTime?)>();
        DateTime? correction = null;
        DateTime? clock = null;
        foreach (var e in events.OrderBy(e => e.OccurredAt).ThenBy(e => e.Id))
        {
            if (e.Action == ApplicationAction.RequestCorrection && correction is null)
            {
                correction = e.OccurredAt;
            }
            else if (e.Action == ApplicationAction.Supplement && correction is { } from)
            {
                pauses.Add((from, e.OccurredAt));
                correction = null;
            }
            if (e.Action == ApplicationAction.PauseClock && clock is null)
            {
                clock = e.OccurredAt;
            }
            else if (clock is { } paused && EndsClockPause(e))
            {
                pauses.Add((paused, e.OccurredAt));
                clock = null;
            }
        }
        if (correction is { } still)
        {
            pauses.Add((still, null));
        }
        if (clock is { } running)
        {
            pauses.Add((running, null));
        }
        return pauses;
    }

    /// <summary>The survey, site-inspection or public-notice period stopping the clock now, or null.</summary>
    public static ClockPauseKind? OpenClockPause(IEnumerable<ApplicationEvent> events)
    {
        ClockPauseKind? open = null;
        foreach (var e in events.OrderBy(e => e.OccurredAt).ThenBy(e => e.Id))
        {
            if (e.Action == ApplicationAction.PauseClock && open is null)
            {
                open = e.ClockPause;
            }
            else if (open is not null && EndsClockPause(e))
            {
                open = null;
            }
        }
        return open;
    }

    /// <summary>A clock pause ends when staff resume it, or with the entry in the register or the application's end.</summary>
    private static bool EndsClockPause(ApplicationEvent e) =>
        e.Action == ApplicationAction.ResumeClock || e.Action == ApplicationAction.Record || Workflow.IsTerminal(e.ToStatus);

    /// <summary>
    /// The deadline, or null before acceptance: the type's limit plus any extension, less the pauses and the
    /// application's waiting period (a public notice: 公告所需时间不计算在登记办理期限内, 实施细则 art. 17).
    /// </summary>
    public static Deadline? Compute(
        RegistrationApplication application, IEnumerable<ApplicationEvent> events, DeadlineCalculator calculator, TimeLimitPolicy policy, WaitingPeriod? waiting = null) =>
        application.AcceptedAt is { } accepted
            ? calculator.Compute(accepted, policy.WorkingDaysFor(application.BusinessType) + application.ExtendedWorkingDays,
                waiting is null ? Pauses(events) : [.. Pauses(events), waiting.ClockPause])
            : null;

    /// <summary>Recomputes and stores the due date (null while paused or before acceptance) and whether it is provisional.</summary>
    public static Deadline? Refresh(
        RegistrationApplication application, IEnumerable<ApplicationEvent> events, DeadlineCalculator calculator, TimeLimitPolicy policy, WaitingPeriod? waiting = null)
    {
        var deadline = Compute(application, events, calculator, policy, waiting);
        application.DueDate = deadline?.DueDate;
        application.DueDateProvisional = deadline?.IsProvisional ?? false;
        return deadline;
    }

    /// <summary>
    /// After the operator changed the calendar: recomputes the deadline of every application still in progress whose
    /// due date rested on a year without an announced schedule. Returns how many were updated.
    /// </summary>
    public static async Task<int> RecomputeProvisionalAsync(
        RegistryDbContext db, DeadlineCalculator calculator, TimeLimitPolicy policy, ApplicationKinds kinds, CancellationToken cancellationToken)
    {
        var applications = await db.Applications
            .Where(a => a.DueDateProvisional && a.ClosedAt == null)
            .Include(a => a.Events)
            .ToListAsync(cancellationToken);
        foreach (var application in applications)
        {
            Refresh(application, application.Events, calculator, policy, kinds.For(application.BusinessType).WaitingPeriodOf(application, calculator.Calendar));
        }
        await db.SaveChangesAsync(cancellationToken);
        return applications.Count;
    }
}
