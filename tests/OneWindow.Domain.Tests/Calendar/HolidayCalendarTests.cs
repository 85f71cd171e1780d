using System.Text;
using OneWindow.Domain.Calendar;

namespace OneWindow.Domain.Tests.Calendar;

public sealed class HolidayCalendarTests
{
    private static readonly HolidayCalendar Calendar = HolidayCalendar.Default;

    private static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    // 2025 days off, as in DOMAIN.md: Jan 1; Jan 28 – Feb 4; Apr 4–6; May 1–5; May 31 – Jun 2; Oct 1–8.
    [InlineData("2025-01-01")]
    [InlineData("2025-01-28")]
    [InlineData("2025-01-31")]
    [InlineData("2025-02-03")]
    [InlineData("2025-02-04")]
    [InlineData("2025-04-04")]
    [InlineData("2025-05-01")]
    [InlineData("2025-05-05")]
    [InlineData("2025-05-31")]
    [InlineData("2025-06-02")]
    [InlineData("2025-10-01")]
    [InlineData("2025-10-08")]
    // 2026: Jan 1–3; Feb 15–23; Apr 4–6; May 1–5; Jun 19–21; Sep 25–27; Oct 1–7.
    [InlineData("2026-01-01")]
    [InlineData("2026-01-02")]
    [InlineData("2026-02-16")]
    [InlineData("2026-02-23")]
    [InlineData("2026-04-06")]
    [InlineData("2026-05-04")]
    [InlineData("2026-06-19")]
    [InlineData("2026-09-25")]
    [InlineData("2026-10-01")]
    [InlineData("2026-10-07")]
    public void IsWorkingDay_AnnouncedDayOff_IsFalse(string date)
    {
        Assert.False(Calendar.IsWorkingDay(D(date)));
    }

    [Theory]
    [InlineData("2025-01-26")]
    [InlineData("2025-02-08")]
    [InlineData("2025-04-27")]
    [InlineData("2025-09-28")]
    [InlineData("2025-10-11")]
    [InlineData("2026-01-04")]
    [InlineData("2026-02-14")]
    [InlineData("2026-02-28")]
    [InlineData("2026-05-09")]
    [InlineData("2026-09-20")]
    [InlineData("2026-10-10")]
    public void IsWorkingDay_MakeUpWeekendDay_IsTrue(string date)
    {
        Assert.True(Calendar.IsWorkingDay(D(date)));
    }

    [Theory]
    [InlineData("2025-10-18", false)] // an ordinary Saturday
    [InlineData("2025-10-19", false)] // an ordinary Sunday
    [InlineData("2025-10-09", true)] // the Thursday after National Day
    [InlineData("2025-01-27", true)] // Spring Festival's eve is worked in 2025
    [InlineData("2026-02-24", true)]
    [InlineData("2025-02-05", true)]
    public void IsWorkingDay_OrdinaryDay_FollowsTheWeek(string date, bool working)
    {
        Assert.Equal(working, Calendar.IsWorkingDay(D(date)));
    }

    [Fact]
    public void Default_ShippedFile_AnnouncesExactly2025And2026()
    {
        Assert.Equal([2025, 2026], Calendar.Years.Select(year => year.Year));
        Assert.True(Calendar.IsAnnounced(2025));
        Assert.True(Calendar.IsAnnounced(2026));
        Assert.False(Calendar.IsAnnounced(2024));
        Assert.False(Calendar.IsAnnounced(2027));
        Assert.Equal(2026, Calendar.LastAnnouncedYear);
    }

    [Fact]
    public void Default_ShippedFile_HasTheNoticesDaysOffAndMakeUpDays()
    {
        var daysOff2025 = Calendar.Years[0].DaysOff.Sum(period => period.Last.DayNumber - period.First.DayNumber + 1);
        var daysOff2026 = Calendar.Years[1].DaysOff.Sum(period => period.Last.DayNumber - period.First.DayNumber + 1);

        Assert.Equal(1 + 8 + 3 + 5 + 3 + 8, daysOff2025);
        Assert.Equal(3 + 9 + 3 + 5 + 3 + 3 + 7, daysOff2026);
        Assert.Equal(5, Calendar.Years[0].MakeUpWorkingDays.Count);
        Assert.Equal(6, Calendar.Years[1].MakeUpWorkingDays.Count);
    }

    [Fact]
    public void IsWorkingDay_EveryDayOf2025And2026_FollowsTheNotices()
    {
        // DOMAIN.md's table of the two notices, written out independently of holidays.json: the counts above pass for a
        // period moved by a day (2026's Dragon Boat Festival on 18-20 June instead of 19-21), every day here does not.
        (string From, string To)[] daysOff =
        [
            ("2025-01-01", "2025-01-01"), ("2025-01-28", "2025-02-04"), ("2025-04-04", "2025-04-06"),
            ("2025-05-01", "2025-05-05"), ("2025-05-31", "2025-06-02"), ("2025-10-01", "2025-10-08"),
            ("2026-01-01", "2026-01-03"), ("2026-02-15", "2026-02-23"), ("2026-04-04", "2026-04-06"),
            ("2026-05-01", "2026-05-05"), ("2026-06-19", "2026-06-21"), ("2026-09-25", "2026-09-27"),
            ("2026-10-01", "2026-10-07"),
        ];
        string[] makeUpWorkingDays =
        [
            "2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11",
            "2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10",
        ];
        var off = daysOff
            .SelectMany(period => Enumerable.Range(0, D(period.To).DayNumber - D(period.From).DayNumber + 1).Select(D(period.From).AddDays))
            .ToHashSet();
        var worked = makeUpWorkingDays.Select(D).ToHashSet();

        var wrong = new List<DateOnly>();
        for (var date = new DateOnly(2025, 1, 1); date.Year <= 2026; date = date.AddDays(1))
        {
            var weekday = date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
            if (Calendar.IsWorkingDay(date) != (worked.Contains(date) || (weekday && !off.Contains(date))))
            {
                wrong.Add(date);
            }
        }

        Assert.Empty(wrong);
    }

    [Theory]
    [InlineData("2027-01-01", false)] // fixed-date holiday
    [InlineData("2027-05-03", true)] // only 1 May is assumed off
    [InlineData("2027-10-01", false)]
    [InlineData("2027-10-04", true)] // Monday after the assumed 1–3 October
    [InlineData("2027-01-02", false)] // Saturday
    [InlineData("2024-10-02", false)] // years before the first announced one follow the same rule
    public void IsWorkingDay_UnannouncedYear_UsesWeekdaysMinusFixedHolidays(string date, bool working)
    {
        Assert.Equal(working, Calendar.IsWorkingDay(D(date)));
    }

    [Fact]
    public void AddWorkingDays_AcrossNationalDay2025_LandsOnMakeUpSaturday()
    {
        // 2025-09-30 is a Tuesday; Oct 1–8 off; Oct 9 (Thu) = 1, Oct 10 (Fri) = 2, Oct 11 (Sat, make-up) = 3.
        var result = Calendar.AddWorkingDays(D("2025-09-30"), 3);

        Assert.Equal(D("2025-10-11"), result.Value);
        Assert.False(result.IsProvisional);
    }

    [Fact]
    public void AddWorkingDays_ZeroDays_ReturnsStart()
    {
        Assert.Equal(D("2025-10-05"), Calendar.AddWorkingDays(D("2025-10-05"), 0).Value);
    }

    [Fact]
    public void AddWorkingDays_NegativeDays_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Calendar.AddWorkingDays(D("2025-10-05"), -1));
    }

    [Fact]
    public void AddWorkingDays_IntoUnannouncedYear_IsProvisional()
    {
        // 2026-12-31 (Thu) → 2027-01-01 is assumed off, Jan 2–3 weekend, Jan 4 (Mon) = 1.
        var result = Calendar.AddWorkingDays(D("2026-12-31"), 1);

        Assert.Equal(D("2027-01-04"), result.Value);
        Assert.True(result.IsProvisional);
    }

    [Fact]
    public void WorkingDaysBetween_NationalDayWeek_CountsOnlyWorkedDays()
    {
        // After 2025-09-26 (Fri): Sep 28 (Sun, make-up), 29, 30, Oct 9, 10, 11 (Sat, make-up).
        var result = Calendar.WorkingDaysBetween(D("2025-09-26"), D("2025-10-11"));

        Assert.Equal(6, result.Value);
        Assert.False(result.IsProvisional);
    }

    [Fact]
    public void WorkingDaysBetween_ReversedDates_IsNegative()
    {
        Assert.Equal(-6, Calendar.WorkingDaysBetween(D("2025-10-11"), D("2025-09-26")).Value);
    }

    [Theory]
    [InlineData("2025-01-20", 1)]
    [InlineData("2025-01-20", 10)]
    [InlineData("2025-09-25", 7)]
    [InlineData("2026-02-10", 12)]
    [InlineData("2026-12-20", 15)]
    public void WorkingDaysBetween_ResultOfAddWorkingDays_IsTheDaysAdded(string start, int days)
    {
        var due = Calendar.AddWorkingDays(D(start), days).Value;

        Assert.Equal(days, Calendar.WorkingDaysBetween(D(start), due).Value);
    }

    [Fact]
    public void Parse_OperatorAdds2027_MakesItAnnouncedAndNotProvisional()
    {
        var json = """
            {
              "years": [
                { "year": 2027, "source": "test", "daysOff": [ { "name": "元旦", "from": "2027-01-01" },
                  { "name": "春节", "from": "2027-02-05", "to": "2027-02-11" } ],
                  "makeUpWorkingDays": [ { "name": "春节", "date": "2027-02-13" } ] },
              ]
            }
            """;

        var calendar = HolidayCalendar.Parse(json);
        var result = calendar.AddWorkingDays(D("2027-02-04"), 2);

        Assert.True(calendar.IsAnnounced(2027));
        Assert.Equal(D("2027-02-13"), result.Value); // Feb 12 (Fri) = 1, Feb 13 (Sat, make-up) = 2
        Assert.False(result.IsProvisional);
    }

    [Fact]
    public void Load_Stream_ReadsSameAsParse()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(HolidayCalendar.DefaultJson));

        var calendar = HolidayCalendar.Load(stream);

        Assert.Equal([2025, 2026], calendar.Years.Select(year => year.Year));
        Assert.True(calendar.IsWorkingDay(D("2026-02-28")));
    }

    [Fact]
    public void Parse_EmptyYears_MakesEveryAnswerProvisional()
    {
        var calendar = HolidayCalendar.Parse("""{ "years": [] }""");

        Assert.Null(calendar.LastAnnouncedYear);
        Assert.True(calendar.AddWorkingDays(D("2025-10-08"), 1).IsProvisional);
    }

    [Theory]
    [InlineData("""{ "years": [ { "year": 2025, "daysOff": [], "makeUpWorkingDays": [] }, { "year": 2025, "daysOff": [], "makeUpWorkingDays": [] } ] }""", "more than once")]
    [InlineData("""{ "years": [ { "year": 2025, "daysOff": [], "makeUpWorkingDays": [ { "name": "x", "date": "2025-10-10" } ] } ] }""", "Saturday or Sunday")]
    [InlineData("""{ "years": [ { "year": 2025, "daysOff": [ { "name": "x", "from": "2026-01-01" } ], "makeUpWorkingDays": [] } ] }""", "must lie in 2025")]
    [InlineData("""{ "years": [ { "year": 2025, "daysOff": [ { "name": "x", "from": "2025-10-08", "to": "2025-10-01" } ], "makeUpWorkingDays": [] } ] }""", "ends before it starts")]
    [InlineData("""{ "years": [ { "year": 2025, "daysOff": [ { "name": "a", "from": "2025-10-01", "to": "2025-10-03" }, { "name": "b", "from": "2025-10-03" } ], "makeUpWorkingDays": [] } ] }""", "already a day off")]
    [InlineData("""{ "years": [ { "year": 2025, "daysOff": [ { "name": "x", "from": "2025-10-11" } ], "makeUpWorkingDays": [ { "name": "x", "date": "2025-10-11" } ] } ] }""", "also a day off")]
    [InlineData("""{ "years": [ { "year": 2025, "daysOff": [ { "name": "", "from": "2025-10-01" } ], "makeUpWorkingDays": [] } ] }""", "name is empty")]
    [InlineData("""{ "years": [ { "year": 2025, "daysOff": [], "makeUpWorkingDays": [], "holidays": [] } ] }""", "expected shape")]
    [InlineData("""{ "years": [ { "year": 2025, "daysOff": [ { "name": "x", "from": "2025-13-01" } ], "makeUpWorkingDays": [] } ] }""", "expected shape")]
    [InlineData("""{ "years": [ { "year": 2025, "makeUpWorkingDays": [] } ] }""", "expected shape")]
    [InlineData("""{ "years": [ """, "expected shape")]
    [InlineData("null", "empty")]
    public void Parse_InvalidFile_ThrowsWithClearMessage(string json, string messagePart)
    {
        var exception = Assert.Throws<HolidayCalendarFormatException>(() => HolidayCalendar.Parse(json));

        Assert.Contains(messagePart, exception.Message, StringComparison.Ordinal);
    }
}
