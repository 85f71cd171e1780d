namespace OneWindow.Domain.Identifiers;

/// <summary>Today's date in China, for the rules that depend on it.</summary>
internal static class ChinaClock
{
    // China Standard Time is UTC+8 all year (no daylight saving time since 1991), so a fixed offset is exact and
    // needs no time zone database on the server.
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    public static DateOnly Today => DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(ChinaOffset).DateTime);
}
