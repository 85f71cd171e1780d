namespace OneWindow.Domain.Calendar;

/// <summary>
/// Works out due dates on a <see cref="HolidayCalendar"/>. One instance per calendar: the API builds it from the
/// operator's copy of the calendar, so it is not static.
/// </summary>
/// <remarks>
/// <para>How days are counted, all in China time (<see cref="ChinaTime"/>):</para>
/// <list type="bullet">
/// <item>A working day counts toward the limit when the clock was running at its start (00:00).</item>
/// <item>So the day of acceptance never counts: counting starts with the next working day
/// (开始的当日不计入, as in Civil Code article 201).</item>
/// <item>A correction wait stops the clock from the request to the supply of the materials. The day the request
/// is made still counts (the clock ran at its start); the days in the wait do not, nor does the day the
/// materials are supplied (the clock was stopped at its start), so counting resumes on the next working day.
/// A wait that begins and ends within one day costs nothing.</item>
/// <item>The due date is the day on which the last working day is counted; the deadline is its end, i.e.
/// <see cref="Deadline.DueByUtc"/> is 00:00 China time of the following day.</item>
/// <item>A limit of 0 (即办) is due at the end of the day of acceptance.</item>
/// <item>A wait that starts after the due date does not move it: the deadline had already passed.</item>
/// </list>
/// </remarks>
public sealed class DeadlineCalculator
{
    private readonly HolidayCalendar calendar;
    private readonly int dueSoonWithinWorkingDays;

    /// <summary>Creates a calculator.</summary>
    /// <param name="calendar">The working-day calendar.</param>
    /// <param name="dueSoonWithinWorkingDays">
    /// <see cref="DeadlineState.DueSoon"/> when at most this many working days remain after today
    /// (1: due today or on the next working day).
    /// </param>
    public DeadlineCalculator(HolidayCalendar calendar, int dueSoonWithinWorkingDays = 1)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentOutOfRangeException.ThrowIfNegative(dueSoonWithinWorkingDays);
        this.calendar = calendar;
        this.dueSoonWithinWorkingDays = dueSoonWithinWorkingDays;
    }

    /// <summary>The working-day calendar it counts on.</summary>
    public HolidayCalendar Calendar => calendar;

    /// <summary>The deadline of an application accepted at <paramref name="acceptedAtUtc"/> with no correction wait.</summary>
    public Deadline Compute(DateTime acceptedAtUtc, int workingDays) => Compute(acceptedAtUtc, workingDays, []);

    /// <summary>
    /// The deadline of an application accepted at <paramref name="acceptedAtUtc"/> with a limit of
    /// <paramref name="workingDays"/>, the clock stopped during <paramref name="pauses"/> (correction waits; an open
    /// one has no end). Pauses may overlap and come in any order; parts before acceptance do not matter.
    /// Instants of kind Unspecified are taken as UTC.
    /// </summary>
    /// <exception cref="ArgumentException">A pause ends before it starts, or an instant is of kind Local.</exception>
    public Deadline Compute(DateTime acceptedAtUtc, int workingDays, IEnumerable<(DateTime FromUtc, DateTime? ToUtc)> pauses)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        ArgumentNullException.ThrowIfNull(pauses);
        var acceptedOn = ChinaTime.DateOf(acceptedAtUtc);
        var waits = pauses
            .Select(pause => (From: ChinaTime.AsUtc(pause.FromUtc, nameof(pauses)),
                To: pause.ToUtc is { } to ? ChinaTime.AsUtc(to, nameof(pauses)) : (DateTime?)null))
            .ToArray();
        if (waits.Any(wait => wait.To < wait.From))
        {
            throw new ArgumentException("A pause ends before it starts.", nameof(pauses));
        }

        if (workingDays == 0)
        {
            return Due(acceptedOn, workingDays, acceptedOn, paused: 0, provisional: false);
        }

        var date = acceptedOn;
        var counted = 0;
        var paused = 0;
        var provisional = false;
        while (true)
        {
            date = date.AddDays(1);
            provisional |= !calendar.IsAnnounced(date.Year);
            if (!calendar.IsWorkingDay(date))
            {
                continue;
            }

            var startOfDay = ChinaTime.StartOfDayUtc(date);
            var stoppedBy = waits.Where(wait => wait.From <= startOfDay && (wait.To is null || startOfDay < wait.To)).ToArray();
            if (stoppedBy.Any(wait => wait.To is null))
            {
                return new Deadline(acceptedOn, workingDays, null, null, counted, paused, provisional);
            }

            if (stoppedBy.Length > 0)
            {
                paused++;
                continue;
            }

            if (++counted == workingDays)
            {
                return Due(acceptedOn, workingDays, date, paused, provisional);
            }
        }
    }

    /// <summary>Where <paramref name="deadline"/> stands at <paramref name="nowUtc"/>, for an application not yet completed.</summary>
    public DeadlineState StateAt(Deadline deadline, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(deadline);
        if (deadline.DueDate is not { } due || deadline.DueByUtc is not { } dueBy)
        {
            return DeadlineState.Paused;
        }

        if (ChinaTime.AsUtc(nowUtc, nameof(nowUtc)) >= dueBy)
        {
            return DeadlineState.Overdue;
        }

        var left = calendar.WorkingDaysBetween(ChinaTime.DateOf(nowUtc), due).Value;
        return left <= dueSoonWithinWorkingDays ? DeadlineState.DueSoon : DeadlineState.OnTime;
    }

    private static Deadline Due(DateOnly acceptedOn, int workingDays, DateOnly due, int paused, bool provisional) =>
        new(acceptedOn, workingDays, due, ChinaTime.StartOfDayUtc(due.AddDays(1)), workingDays, paused, provisional);
}
