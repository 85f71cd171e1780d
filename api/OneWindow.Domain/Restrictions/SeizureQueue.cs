namespace OneWindow.Domain.Restrictions;

/// <summary>A seizure's days as the register records them.</summary>
public readonly record struct SeizureTerm(DateOnly StartsOn, DateOnly EndsOn)
{
    /// <summary>Days after the first day that the seizure lasts (a term of three years less a day is 1,095 or 1,096).</summary>
    public int Days => EndsOn.DayNumber - StartsOn.DayNumber;
}

/// <summary>
/// 轮候查封 and 续封 (法发〔2004〕5号; DOMAIN.md): a second court's seizure of a unit already seized is queued — it
/// takes effect the day after the seizures before it end, and its term runs from then; a seizure extended (续封)
/// before it ends goes on the day after its end, ahead of the queue.
/// </summary>
public static class SeizureQueue
{
    /// <summary>The longest a seizure of real estate lasts at a time: three years (less a day, counting the first).</summary>
    public static DateOnly LongestEnd(DateOnly startsOn) => startsOn.AddYears(3).AddDays(-1);

    /// <summary>
    /// The last day of the seizures registered on a unit that are in force or waiting (not lapsed by
    /// <paramref name="today"/>), or null when there are none. A seizure without an end date holds the unit
    /// indefinitely: <see cref="DateOnly.MaxValue"/>.
    /// </summary>
    public static DateOnly? ChainEnd(IEnumerable<RestrictionInForce> seizures, DateOnly today)
    {
        var ends = seizures.Where(s => s.Kind == RestrictionKind.Seizure && (s.EndsOn is null || s.EndsOn >= today))
            .Select(s => s.EndsOn ?? DateOnly.MaxValue)
            .ToList();
        return ends.Count == 0 ? null : ends.Max();
    }

    /// <summary>
    /// Where a new seizure asked for <paramref name="requested"/> goes: as asked when nothing holds the unit on its
    /// first day; otherwise queued, from the day after the chain ends, with the same number of days. Null when the
    /// chain has no end (an open-ended seizure): the queued one cannot be dated and waits for the release.
    /// </summary>
    public static (SeizureTerm Term, bool Queued)? Place(IEnumerable<RestrictionInForce> seizures, SeizureTerm requested, DateOnly today)
    {
        var end = ChainEnd(seizures, today);
        if (end is null || end < requested.StartsOn)
        {
            return (requested, false);
        }
        if (end == DateOnly.MaxValue)
        {
            return null;
        }
        var starts = end.Value.AddDays(1);
        return (new SeizureTerm(starts, starts.AddDays(requested.Days)), true);
    }
}
