namespace OneWindow.Domain.Calendar;

/// <summary>
/// China Standard Time for working-day arithmetic. Times are stored in UTC; dates are China dates.
/// </summary>
/// <remarks>
/// A fixed UTC+8 offset rather than <c>TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")</c>: mainland China
/// has kept UTC+8 without daylight saving since 1991, so the answers are the same for every date the registry
/// handles, and the result cannot depend on whether the host image ships tzdata or ICU.
/// </remarks>
public static class ChinaTime
{
    /// <summary>UTC+8.</summary>
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>
    /// The China date of the instant <paramref name="utc"/>. An instant of kind Unspecified (as read from SQLite
    /// or a <c>timestamp without time zone</c>) is taken as UTC.
    /// </summary>
    /// <exception cref="ArgumentException">The instant is of kind Local: the caller forgot to convert.</exception>
    public static DateOnly DateOf(DateTime utc) => DateOnly.FromDateTime(AsUtc(utc, nameof(utc)).Add(Offset));

    /// <summary>The UTC instant at which <paramref name="date"/> begins in China (00:00 China time).</summary>
    public static DateTime StartOfDayUtc(DateOnly date) =>
        DateTime.SpecifyKind(date.ToDateTime(TimeOnly.MinValue) - Offset, DateTimeKind.Utc);

    internal static DateTime AsUtc(DateTime value, string parameterName) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Unspecified => DateTime.SpecifyKind(value, DateTimeKind.Utc),
        _ => throw new ArgumentException("Expected a UTC time, got a local one.", parameterName),
    };
}
