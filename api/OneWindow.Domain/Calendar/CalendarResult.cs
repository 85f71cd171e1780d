namespace OneWindow.Domain.Calendar;

/// <summary>A working-day answer, flagged when it rests on a year the calendar has no announcement for.</summary>
/// <typeparam name="T">The answer: a date or a number of days.</typeparam>
/// <param name="Value">The answer.</param>
/// <param name="IsProvisional">
/// Whether a day consulted lies in a year without an announced holiday schedule, where the calendar assumes
/// Monday–Friday minus 1 January, 1 May and 1–3 October. Shown as provisional; recomputed once the operator
/// adds that year.
/// </param>
public readonly record struct CalendarResult<T>(T Value, bool IsProvisional);
