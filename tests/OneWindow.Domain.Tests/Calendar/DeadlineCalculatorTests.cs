using OneWindow.Domain.Calendar;

namespace OneWindow.Domain.Tests.Calendar;

public sealed class DeadlineCalculatorTests
{
    private static readonly DeadlineCalculator Calculator = new(HolidayCalendar.Default);

    private static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A China wall-clock time as the UTC instant the database stores.</summary>
    private static DateTime China(string isoLocal) =>
        DateTime.SpecifyKind(DateTime.Parse(isoLocal, System.Globalization.CultureInfo.InvariantCulture).AddHours(-8), DateTimeKind.Utc);

    [Fact]
    public void Compute_MortgageAcceptedBeforeNationalDay2025_DueOnMakeUpSaturday()
    {
        // Accepted Tue 2025-09-30 (not counted). Oct 1–8 off. Oct 9 (Thu) = 1, Oct 10 (Fri) = 2,
        // Oct 11 (Sat, make-up working day) = 3.
        var deadline = Calculator.Compute(China("2025-09-30T10:00"), 3);

        Assert.Equal(D("2025-09-30"), deadline.AcceptedOn);
        Assert.Equal(D("2025-10-11"), deadline.DueDate);
        Assert.Equal(new DateTime(2025, 10, 11, 16, 0, 0, DateTimeKind.Utc), deadline.DueByUtc);
        Assert.Equal(0, deadline.PausedWorkingDays);
        Assert.False(deadline.IsProvisional);
        Assert.False(deadline.IsPaused);
    }

    [Fact]
    public void Compute_AcceptedOnMakeUpSunday_CountsFromNextWorkingDay()
    {
        // Accepted Sun 2025-09-28 (a make-up working day, not counted). Sep 29 = 1, Sep 30 = 2, Oct 1–8 off, Oct 9 = 3.
        var deadline = Calculator.Compute(China("2025-09-28T09:30"), 3);

        Assert.Equal(D("2025-10-09"), deadline.DueDate);
    }

    [Fact]
    public void Compute_TransferAcrossSpringFestival2026_UsesMakeUpFeb14()
    {
        // Accepted Thu 2026-02-12. Feb 13 (Fri) = 1, Feb 14 (Sat, make-up) = 2, Feb 15–23 off,
        // Feb 24 (Tue) = 3, Feb 25 = 4, Feb 26 = 5.
        var deadline = Calculator.Compute(China("2026-02-12T15:00"), 5);

        Assert.Equal(D("2026-02-26"), deadline.DueDate);
    }

    [Fact]
    public void Compute_MortgageAfterSpringFestival2026_DueOnMakeUpFeb28()
    {
        // Accepted Wed 2026-02-25. Feb 26 = 1, Feb 27 = 2, Feb 28 (Sat, make-up) = 3.
        var deadline = Calculator.Compute(China("2026-02-25T11:00"), 3);

        Assert.Equal(D("2026-02-28"), deadline.DueDate);
    }

    [Fact]
    public void Compute_SixDaysAcrossSpringFestival2026_UsesBothMakeUpSaturdays()
    {
        // Accepted Fri 2026-02-13. Feb 14 (Sat, make-up) = 1, Feb 15–23 off, Feb 24 = 2, 25 = 3, 26 = 4,
        // 27 = 5, Feb 28 (Sat, make-up) = 6.
        var deadline = Calculator.Compute(China("2026-02-13T16:45"), 6);

        Assert.Equal(D("2026-02-28"), deadline.DueDate);
    }

    [Fact]
    public void Compute_CorrectionPauseOverNationalDayWeekend_PushesDueDate()
    {
        // Accepted Tue 2025-09-30. Oct 9 (Thu) = 1 (the clock ran at 00:00). Correction requested Oct 9 15:00.
        // Oct 10 (Fri) and Oct 11 (Sat, make-up) paused; Oct 12 is a Sunday; supplied Mon Oct 13 10:00, so Oct 13
        // is paused too (the clock was stopped at its start). Oct 14 = 2, Oct 15 = 3.
        var deadline = Calculator.Compute(
            China("2025-09-30T10:00"), 3, [(China("2025-10-09T15:00"), China("2025-10-13T10:00"))]);

        Assert.Equal(D("2025-10-15"), deadline.DueDate);
        Assert.Equal(3, deadline.PausedWorkingDays);
    }

    [Fact]
    public void Compute_PauseWithinOneDay_CostsNothing()
    {
        // Accepted Mon 2025-11-03; correction asked and supplied on Tue Nov 4; Nov 4 = 1, Nov 5 = 2, Nov 6 = 3.
        var deadline = Calculator.Compute(
            China("2025-11-03T09:00"), 3, [(China("2025-11-04T09:00"), China("2025-11-04T17:00"))]);

        Assert.Equal(D("2025-11-06"), deadline.DueDate);
        Assert.Equal(0, deadline.PausedWorkingDays);
    }

    [Fact]
    public void Compute_TwoPausesInAnyOrder_BothCount()
    {
        // Accepted Mon 2025-11-03 (5 days). Pause Tue 10:00 → Wed 10:00 stops Wed; pause Thu 10:00 → Mon 10 Nov 09:00
        // stops Fri 7 and Mon 10. Counted: Tue 4 = 1, Thu 6 = 2, Tue 11 = 3, Wed 12 = 4, Thu 13 = 5.
        var deadline = Calculator.Compute(
            China("2025-11-03T09:00"), 5,
            [
                (China("2025-11-06T10:00"), China("2025-11-10T09:00")),
                (China("2025-11-04T10:00"), China("2025-11-05T10:00")),
            ]);

        Assert.Equal(D("2025-11-13"), deadline.DueDate);
        Assert.Equal(3, deadline.PausedWorkingDays);
    }

    [Fact]
    public void Compute_OpenCorrectionPause_HasNoDueDateAndKeepsDaysUsed()
    {
        // Accepted Mon 2025-11-03 (5 days). Nov 4 = 1, Nov 5 = 2 (correction asked that day at 10:00), then stopped.
        var deadline = Calculator.Compute(China("2025-11-03T09:00"), 5, [(China("2025-11-05T10:00"), null)]);

        Assert.True(deadline.IsPaused);
        Assert.Null(deadline.DueDate);
        Assert.Null(deadline.DueByUtc);
        Assert.Equal(2, deadline.WorkingDaysCounted);
        Assert.Equal(3, deadline.WorkingDaysRemainingWhenResumed);
    }

    [Fact]
    public void Compute_DeadlineIn2027_IsProvisional()
    {
        // Accepted Tue 2026-12-29. Dec 30 = 1, Dec 31 = 2, 2027-01-01 (Fri) assumed off, Jan 2–3 weekend,
        // Jan 4 = 3, Jan 5 = 4, Jan 6 = 5.
        var deadline = Calculator.Compute(China("2026-12-29T10:00"), 5);

        Assert.Equal(D("2027-01-06"), deadline.DueDate);
        Assert.True(deadline.IsProvisional);
    }

    [Fact]
    public void Compute_DeadlineInAnnouncedYear_IsNotProvisional()
    {
        Assert.False(Calculator.Compute(China("2026-12-21T10:00"), 5).IsProvisional);
    }

    [Fact]
    public void Compute_ImmediateType_DueEndOfAcceptanceDay()
    {
        var deadline = Calculator.Compute(China("2025-10-11T14:00"), 0);

        Assert.Equal(D("2025-10-11"), deadline.DueDate);
        Assert.Equal(new DateTime(2025, 10, 11, 16, 0, 0, DateTimeKind.Utc), deadline.DueByUtc);
    }

    [Fact]
    public void Compute_AcceptedAfterMidnightChinaTime_UsesChinaDate()
    {
        // 2025-10-10T16:30Z is Sat 2025-10-11 00:30 in China (a make-up working day, not counted). Mon Oct 13 = 1.
        var deadline = Calculator.Compute(new DateTime(2025, 10, 10, 16, 30, 0, DateTimeKind.Utc), 1);

        Assert.Equal(D("2025-10-11"), deadline.AcceptedOn);
        Assert.Equal(D("2025-10-13"), deadline.DueDate);
    }

    [Fact]
    public void Compute_UnspecifiedKind_IsTakenAsUtc()
    {
        var deadline = Calculator.Compute(new DateTime(2025, 9, 30, 2, 0, 0, DateTimeKind.Unspecified), 3);

        Assert.Equal(D("2025-10-11"), deadline.DueDate);
    }

    [Fact]
    public void Compute_LocalKind_Throws()
    {
        Assert.Throws<ArgumentException>(() => Calculator.Compute(new DateTime(2025, 9, 30, 2, 0, 0, DateTimeKind.Local), 3));
    }

    [Fact]
    public void Compute_PauseEndingBeforeItStarts_Throws()
    {
        Assert.Throws<ArgumentException>(() => Calculator.Compute(
            China("2025-11-03T09:00"), 3, [(China("2025-11-05T10:00"), China("2025-11-04T10:00"))]));
    }

    [Theory]
    [InlineData("2025-10-09T10:00", DeadlineState.OnTime)] // Oct 10 and 11 left
    [InlineData("2025-10-10T10:00", DeadlineState.DueSoon)] // Oct 11 left
    [InlineData("2025-10-11T23:59", DeadlineState.DueSoon)] // the due day
    [InlineData("2025-10-12T00:00", DeadlineState.Overdue)]
    public void StateAt_AroundDueDate_MovesFromOnTimeToOverdue(string nowChina, DeadlineState expected)
    {
        var deadline = Calculator.Compute(China("2025-09-30T10:00"), 3);

        Assert.Equal(expected, Calculator.StateAt(deadline, China(nowChina)));
    }

    [Fact]
    public void StateAt_WiderDueSoonThreshold_FlagsEarlier()
    {
        var calculator = new DeadlineCalculator(HolidayCalendar.Default, dueSoonWithinWorkingDays: 2);
        var deadline = calculator.Compute(China("2025-09-30T10:00"), 3);

        Assert.Equal(DeadlineState.DueSoon, calculator.StateAt(deadline, China("2025-10-09T10:00")));
    }

    [Fact]
    public void StateAt_OpenPause_IsPaused()
    {
        var deadline = Calculator.Compute(China("2025-11-03T09:00"), 5, [(China("2025-11-05T10:00"), null)]);

        Assert.Equal(DeadlineState.Paused, Calculator.StateAt(deadline, China("2026-01-30T10:00")));
    }
}
