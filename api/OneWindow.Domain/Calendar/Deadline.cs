namespace OneWindow.Domain.Calendar;

/// <summary>An application's time limit worked out on the working-day calendar; see <see cref="DeadlineCalculator"/>.</summary>
/// <param name="AcceptedOn">The China date of acceptance (not counted).</param>
/// <param name="WorkingDays">The time limit in working days.</param>
/// <param name="DueDate">
/// The last working day of the limit (the deadline is the end of that day, China time), or <see langword="null"/>
/// while the clock is stopped by an open correction wait.
/// </param>
/// <param name="DueByUtc">The instant the deadline passes: 00:00 China time after <paramref name="DueDate"/>, in UTC.</param>
/// <param name="WorkingDaysCounted">
/// Working days counted toward the limit: <paramref name="WorkingDays"/> when the due date is known, those used
/// before the open wait otherwise.
/// </param>
/// <param name="PausedWorkingDays">Working days that did not count because the clock was stopped for correction.</param>
/// <param name="IsProvisional">Whether a day consulted lies in a year without an announced holiday schedule.</param>
public sealed record Deadline(
    DateOnly AcceptedOn,
    int WorkingDays,
    DateOnly? DueDate,
    DateTime? DueByUtc,
    int WorkingDaysCounted,
    int PausedWorkingDays,
    bool IsProvisional)
{
    /// <summary>Whether the clock is stopped now (an open correction wait), so there is no due date yet.</summary>
    public bool IsPaused => DueDate is null;

    /// <summary>The working days the registry still has once the clock runs again (0 when the due date is known).</summary>
    public int WorkingDaysRemainingWhenResumed => WorkingDays - WorkingDaysCounted;
}
