namespace OneWindow.Domain.Restrictions;

/// <summary>
/// Civil Code art. 221: an advance notice (预告登记) lapses when no one applies for the registration it secures within
/// 90 days of the day that registration could be made (自能够进行不动产登记之日起九十日内未申请登记的，预告登记失效).
/// The register stores no end date for a notice; its last day follows from the unit's ownership: the right could be
/// registered from the later of the notice's own day and the day an ownership right was registered on the unit (a
/// pre-sold home: the developer's first registration). While no ownership is registered the notice does not lapse.
/// </summary>
public static class AdvanceNoticeLapse
{
    public const int Days = 90;

    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    /// <summary>The notice's last day in force, or null while the right it secures cannot be registered yet.</summary>
    /// <param name="ownershipRegisteredAt">When the unit's ownership right in force was registered (UTC), if any.</param>
    public static DateOnly? EndsOn(DateOnly startsOn, DateTime? ownershipRegisteredAt)
    {
        if (ownershipRegisteredAt is not { } registeredAt)
        {
            return null;
        }
        // The period starts the day after (期间开始的当日不计入, Civil Code art. 201): D + 90 is its last day.
        var registrable = DateOnly.FromDateTime(registeredAt.Add(ChinaOffset));
        return (registrable > startsOn ? registrable : startsOn).AddDays(Days);
    }
}
