using System.Collections.Frozen;
using System.Text.Json;

namespace OneWindow.Domain.Calendar;

/// <summary>
/// Mainland China's working days: the State Council's announced holidays and make-up working days (调休) for the
/// years in the calendar file, and a provisional rule for other years.
/// </summary>
/// <remarks>
/// <para>
/// The file (holidays.json, embedded; <see cref="DefaultJson"/>) is JSON with one section per year:
/// <c>{ "years": [ { "year": 2025, "source": "…", "daysOff": [ { "name": "春节", "from": "2025-01-28",
/// "to": "2025-02-04" } ], "makeUpWorkingDays": [ { "name": "春节", "date": "2025-01-26" } ] } ] }</c>.
/// <c>to</c> may be left out for a single day. Every date lies in its section's year; a make-up working day is a
/// Saturday or Sunday and not a day off; days off do not overlap; a year appears once. Comments and trailing
/// commas are allowed; unknown properties are not.
/// </para>
/// <para>
/// In an announced year a day is a working day when it is a make-up working day, or a Monday–Friday that is not
/// a day off. In any other year (after the last announced one, or before the first) it is a Monday–Friday other
/// than 1 January, 1 May and 1–3 October, and every answer that consults such a day is flagged provisional.
/// </para>
/// </remarks>
public sealed class HolidayCalendar
{
    private const int MinimumYear = 2000;
    private const int MaximumYear = 2199;
    private const int LongestRunOfDaysOff = 31;

    private readonly FrozenDictionary<int, HolidayYear> years;
    private readonly FrozenSet<DateOnly> daysOff;
    private readonly FrozenSet<DateOnly> makeUpWorkingDays;

    private HolidayCalendar(IReadOnlyList<HolidayYear> announced)
    {
        Years = announced.OrderBy(year => year.Year).ToArray();
        years = Years.ToFrozenDictionary(year => year.Year);
        daysOff = Years
            .SelectMany(year => year.DaysOff)
            .SelectMany(period => Days(period.First, period.Last))
            .ToFrozenSet();
        makeUpWorkingDays = Years.SelectMany(year => year.MakeUpWorkingDays).Select(day => day.Date).ToFrozenSet();
    }

    /// <summary>The text of the holidays.json shipped in the assembly: the starting point of the operator's copy.</summary>
    public static string DefaultJson { get; } = EmbeddedData.ReadText("holidays.json");

    // Declared after DefaultJson: static initialisers run in declaration order.
    private static readonly Lazy<HolidayCalendar> DefaultCalendar = new(() => Parse(DefaultJson));

    /// <summary>The calendar shipped in the assembly (2025 and 2026).</summary>
    public static HolidayCalendar Default => DefaultCalendar.Value;

    /// <summary>The announced years, in order.</summary>
    public IReadOnlyList<HolidayYear> Years { get; }

    /// <summary>The last announced year, or <see langword="null"/> when the calendar is empty.</summary>
    public int? LastAnnouncedYear => Years.Count == 0 ? null : Years[^1].Year;

    /// <summary>Reads a calendar file.</summary>
    /// <exception cref="HolidayCalendarFormatException">The JSON is malformed or breaks a rule of the format.</exception>
    public static HolidayCalendar Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return FromFile(Read(() => JsonSerializer.Deserialize<HolidayCalendarFile>(json, HolidayCalendarFile.Options)));
    }

    /// <summary>Reads a calendar file from a UTF-8 stream.</summary>
    /// <exception cref="HolidayCalendarFormatException">The JSON is malformed or breaks a rule of the format.</exception>
    public static HolidayCalendar Load(Stream utf8Json)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        return FromFile(Read(() => JsonSerializer.Deserialize<HolidayCalendarFile>(utf8Json, HolidayCalendarFile.Options)));
    }

    /// <summary>Whether the calendar has the announced schedule of <paramref name="year"/>.</summary>
    public bool IsAnnounced(int year) => years.ContainsKey(year);

    /// <summary>Whether <paramref name="date"/> is a working day (provisionally so when its year is not announced).</summary>
    public bool IsWorkingDay(DateOnly date)
    {
        if (IsAnnounced(date.Year))
        {
            return makeUpWorkingDays.Contains(date) || (!IsWeekend(date) && !daysOff.Contains(date));
        }

        return !IsWeekend(date) && !IsFixedDateHoliday(date);
    }

    /// <summary>
    /// The <paramref name="days"/>-th working day after <paramref name="start"/>; <paramref name="start"/> itself
    /// never counts, and 0 days gives <paramref name="start"/>.
    /// </summary>
    public CalendarResult<DateOnly> AddWorkingDays(DateOnly start, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var date = start;
        var provisional = false;
        for (var counted = 0; counted < days;)
        {
            date = date.AddDays(1);
            provisional |= !IsAnnounced(date.Year);
            if (IsWorkingDay(date))
            {
                counted++;
            }
        }

        return new CalendarResult<DateOnly>(date, provisional);
    }

    /// <summary>
    /// The number of working days after <paramref name="from"/> up to and including <paramref name="to"/>, so that
    /// <c>WorkingDaysBetween(d, AddWorkingDays(d, n).Value).Value == n</c>; negative when <paramref name="to"/> is
    /// before <paramref name="from"/>.
    /// </summary>
    public CalendarResult<int> WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            var reversed = WorkingDaysBetween(to, from);
            return reversed with { Value = -reversed.Value };
        }

        var count = 0;
        var provisional = false;
        for (var date = from.AddDays(1); date <= to; date = date.AddDays(1))
        {
            provisional |= !IsAnnounced(date.Year);
            if (IsWorkingDay(date))
            {
                count++;
            }
        }

        return new CalendarResult<int>(count, provisional);
    }

    private static bool IsWeekend(DateOnly date) => date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    private static bool IsFixedDateHoliday(DateOnly date) => (date.Month, date.Day) is (1, 1) or (5, 1) or (10, 1) or (10, 2) or (10, 3);

    private static IEnumerable<DateOnly> Days(DateOnly first, DateOnly last)
    {
        for (var date = first; date <= last; date = date.AddDays(1))
        {
            yield return date;
        }
    }

    private static HolidayCalendarFile Read(Func<HolidayCalendarFile?> deserialize)
    {
        try
        {
            return deserialize() ?? throw new HolidayCalendarFormatException("The holiday calendar is empty (null).");
        }
        catch (JsonException exception)
        {
            throw new HolidayCalendarFormatException($"The holiday calendar is not valid JSON of the expected shape: {exception.Message}", exception);
        }
    }

    private static HolidayCalendar FromFile(HolidayCalendarFile file)
    {
        var seen = new HashSet<int>();
        var result = new List<HolidayYear>();
        foreach (var section in file.Years)
        {
            var year = section.Year;
            if (year is < MinimumYear or > MaximumYear)
            {
                throw new HolidayCalendarFormatException($"Year {year} is outside {MinimumYear}–{MaximumYear}.");
            }

            if (!seen.Add(year))
            {
                throw new HolidayCalendarFormatException($"Year {year} appears more than once.");
            }

            var offDays = new HashSet<DateOnly>();
            var periods = new List<HolidayPeriod>();
            foreach (var entry in section.DaysOff)
            {
                var last = entry.To ?? entry.From;
                var where = $"Year {year}, days off '{entry.Name}' ({entry.From:yyyy-MM-dd} to {last:yyyy-MM-dd})";
                RequireName(entry.Name, where);
                if (entry.From.Year != year || last.Year != year)
                {
                    throw new HolidayCalendarFormatException($"{where}: every date must lie in {year}.");
                }

                if (last < entry.From)
                {
                    throw new HolidayCalendarFormatException($"{where}: ends before it starts.");
                }

                if (last.DayNumber - entry.From.DayNumber >= LongestRunOfDaysOff)
                {
                    throw new HolidayCalendarFormatException($"{where}: longer than {LongestRunOfDaysOff} days, probably a typo.");
                }

                foreach (var day in Days(entry.From, last))
                {
                    if (!offDays.Add(day))
                    {
                        throw new HolidayCalendarFormatException($"{where}: {day:yyyy-MM-dd} is already a day off.");
                    }
                }

                periods.Add(new HolidayPeriod(entry.Name, entry.From, last));
            }

            var makeUps = new List<MakeUpWorkingDay>();
            foreach (var entry in section.MakeUpWorkingDays)
            {
                var where = $"Year {year}, make-up working day '{entry.Name}' ({entry.Date:yyyy-MM-dd})";
                RequireName(entry.Name, where);
                if (entry.Date.Year != year)
                {
                    throw new HolidayCalendarFormatException($"{where}: the date must lie in {year}.");
                }

                if (!IsWeekend(entry.Date))
                {
                    throw new HolidayCalendarFormatException($"{where}: a make-up working day is a Saturday or Sunday, this is a {entry.Date.DayOfWeek}.");
                }

                if (offDays.Contains(entry.Date))
                {
                    throw new HolidayCalendarFormatException($"{where}: the date is also a day off.");
                }

                if (makeUps.Any(day => day.Date == entry.Date))
                {
                    throw new HolidayCalendarFormatException($"{where}: listed twice.");
                }

                makeUps.Add(new MakeUpWorkingDay(entry.Name, entry.Date));
            }

            result.Add(new HolidayYear(year, section.Source, periods, makeUps));
        }

        return new HolidayCalendar(result);
    }

    private static void RequireName(string name, string where)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new HolidayCalendarFormatException($"{where}: the name is empty.");
        }
    }
}
