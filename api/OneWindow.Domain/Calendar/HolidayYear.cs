namespace OneWindow.Domain.Calendar;

/// <summary>One year's announced schedule (国务院办公厅关于 YYYY 年部分节假日安排的通知).</summary>
/// <param name="Year">The year.</param>
/// <param name="Source">Where the schedule comes from, for the operator.</param>
/// <param name="DaysOff">The public holidays with the weekend days around them, each a run of days.</param>
/// <param name="MakeUpWorkingDays">Weekend days worked instead (调休上班).</param>
public sealed record HolidayYear(
    int Year,
    string? Source,
    IReadOnlyList<HolidayPeriod> DaysOff,
    IReadOnlyList<MakeUpWorkingDay> MakeUpWorkingDays);

/// <summary>A run of days off, <paramref name="First"/> to <paramref name="Last"/> inclusive.</summary>
/// <param name="Name">The holiday, e.g. 春节.</param>
/// <param name="First">The first day off.</param>
/// <param name="Last">The last day off.</param>
public sealed record HolidayPeriod(string Name, DateOnly First, DateOnly Last);

/// <summary>A Saturday or Sunday that is a working day because of a holiday.</summary>
/// <param name="Name">The holiday it makes up for.</param>
/// <param name="Date">The day worked.</param>
public sealed record MakeUpWorkingDay(string Name, DateOnly Date);
