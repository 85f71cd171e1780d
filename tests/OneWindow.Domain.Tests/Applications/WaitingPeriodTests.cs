using OneWindow.Domain.Applications;
using OneWindow.Domain.Calendar;

namespace OneWindow.Domain.Tests.Applications;

public sealed class WaitingPeriodTests
{
    private static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A China wall-clock time as the UTC instant the database stores.</summary>
    private static DateTime China(string isoLocal) =>
        DateTime.SpecifyKind(DateTime.Parse(isoLocal, System.Globalization.CultureInfo.InvariantCulture).AddHours(-8), DateTimeKind.Utc);

    [Fact]
    public void LossDeclaration_PublishedBeforeNationalDay2025_EndsOnTheFifteenthWorkingDayOnTheOfficialCalendar()
    {
        // Published Thu 2025-09-25 (not counted). Sep 26 = 1, Sun Sep 28 (make-up) = 2, Sep 29 = 3, Sep 30 = 4,
        // Oct 1–8 off, Oct 9 = 5, Oct 10 = 6, Sat Oct 11 (make-up) = 7, Oct 13–17 = 8–12, Oct 20–22 = 13–15.
        var period = WaitingPeriod.LossDeclaration(D("2025-09-25"), HolidayCalendar.Default);

        Assert.Equal(WaitingPeriodKind.LossDeclaration, period.Kind);
        Assert.Equal(15, period.WorkingDays);
        Assert.Equal(D("2025-10-22"), period.EndsOn);
        Assert.False(period.IsProvisional);
    }

    [Fact]
    public void LossDeclaration_IsOverOnlyAtTheStartOfTheDayAfterItsLastWorkingDay()
    {
        var period = WaitingPeriod.LossDeclaration(D("2025-09-25"), HolidayCalendar.Default);

        Assert.False(period.IsOverAt(China("2025-10-22T23:59")));
        Assert.True(period.IsOverAt(China("2025-10-23T00:00")));
        Assert.Equal(new DateTime(2025, 10, 22, 16, 0, 0, DateTimeKind.Utc), period.OverAtUtc);
    }

    [Fact]
    public void RegistryCorrection_WaitsTheHoldersThirtyWorkingDaysThenFifteenOfPublicNotice()
    {
        // Served Mon 2026-01-05. The holders' 30 working days end on the make-up Sat Feb 14; Feb 15–23 off; the public
        // notice's 15 run Feb 24–27, Sat Feb 28 (make-up), Mar 2–6, Mar 9–13.
        var period = WaitingPeriod.RegistryCorrection(D("2026-01-05"), HolidayCalendar.Default);

        Assert.Equal(WaitingPeriodKind.RegistryCorrectionNotice, period.Kind);
        Assert.Equal(45, period.WorkingDays);
        Assert.Equal(D("2026-03-13"), period.EndsOn);
        Assert.Equal(D("2026-02-14"), HolidayCalendar.Default.AddWorkingDays(D("2026-01-05"), WaitingPeriod.CorrectionNoticeWorkingDays).Value);
        Assert.False(period.IsOverAt(China("2026-03-13T17:00")));
        Assert.True(period.IsOverAt(China("2026-03-14T08:00")));
    }

    [Fact]
    public void A_period_past_the_last_announced_year_is_still_counted_and_marked_provisional()
    {
        var period = WaitingPeriod.LossDeclaration(D("2027-01-04"), HolidayCalendar.Default);

        Assert.True(period.IsProvisional);
        // Mon–Fri minus the fixed holidays: Jan 5–8 (4), Jan 11–15 (9), Jan 18–22 (14), Jan 25 (15).
        Assert.Equal(D("2027-01-25"), period.EndsOn);
    }

    [Fact]
    public void The_clock_of_the_time_limit_stands_still_during_the_period()
    {
        // Accepted Mon 2025-10-13 with the declaration published the Friday before (Oct 10): the wait is Sat Oct 11
        // (make-up), Oct 13–17, 20–24, 27–30 (15); of the time limit's 5 working days Oct 14–30 do not count (13), so
        // Oct 31 and Nov 3–6 do and the deadline is Nov 6.
        var period = WaitingPeriod.LossDeclaration(D("2025-10-10"), HolidayCalendar.Default);
        Assert.Equal(D("2025-10-30"), period.EndsOn);

        var deadline = new DeadlineCalculator(HolidayCalendar.Default).Compute(China("2025-10-13T10:00"), 5, [period.ClockPause]);

        Assert.Equal(D("2025-11-06"), deadline.DueDate);
        Assert.Equal(13, deadline.PausedWorkingDays);
    }
}
