namespace OneWindow.Domain.Restrictions;

/// <summary>
/// 实施细则 art. 83 (Civil Code art. 220): an objection (异议登记) lapses unless, within 15 days of its registration, the
/// objector shows that a court accepted its lawsuit (or an arbitration body its claim). Once that is recorded the
/// objection has no end date: it stays until it is cancelled (the suit decided or withdrawn).
/// </summary>
public static class ObjectionLapse
{
    /// <summary>The days the objector has to sue and show it.</summary>
    public const int Days = 15;

    /// <summary>The lawsuit may not be recorded any more: the 15 days passed and the objection lapsed.</summary>
    public const string Lapsed = "OBJECTION_LAPSED";

    /// <summary>The lawsuit is dated before the objection was registered.</summary>
    public const string BeforeObjection = "BEFORE_OBJECTION";

    /// <summary>The lawsuit is dated after today.</summary>
    public const string InFuture = "IN_FUTURE";

    /// <summary>The objection's last day in force: 15 days after its registration, or none once a lawsuit is recorded.</summary>
    public static DateOnly? EndsOn(DateOnly startsOn, DateOnly? lawsuitFiledOn) =>
        lawsuitFiledOn is null ? startsOn.AddDays(Days) : null;

    /// <summary>
    /// Why a lawsuit filed on <paramref name="filedOn"/> cannot be recorded <paramref name="today"/> for an objection
    /// registered on <paramref name="startsOn"/> (<see cref="Lapsed"/>, <see cref="BeforeObjection"/>,
    /// <see cref="InFuture"/>), or null when it can: recorded by the objection's last day, filed between the
    /// objection's registration and today.
    /// </summary>
    public static string? CheckLawsuit(DateOnly startsOn, DateOnly filedOn, DateOnly today) =>
        today > startsOn.AddDays(Days) ? Lapsed
        : filedOn < startsOn ? BeforeObjection
        : filedOn > today ? InFuture
        : null;
}
