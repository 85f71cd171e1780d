using OneWindow.Domain.Calendar;

namespace OneWindow.Domain.Tests.Calendar;

/// <summary>
/// DOMAIN.md: past the last announced year a deadline is still computed, on Monday–Friday minus the fixed-date holidays
/// Jan 1, May 1 and Oct 1–3, and marked provisional. Each fixed date is checked on a year where it falls on a weekday
/// (in 2027, 2 and 3 October are a weekend, so a rule without them would go unnoticed there).
/// </summary>
public sealed class FixedHolidayRuleTests
{
    private static readonly HolidayCalendar Calendar = HolidayCalendar.Default;

    [Theory]
    [InlineData(2029, 1, 1)] // Monday
    [InlineData(2029, 5, 1)] // Tuesday
    [InlineData(2029, 10, 1)] // Monday
    [InlineData(2029, 10, 2)] // Tuesday
    [InlineData(2029, 10, 3)] // Wednesday
    public void Each_fixed_date_holiday_is_a_day_off_in_an_unannounced_year(int year, int month, int day)
    {
        var date = new DateOnly(year, month, day);

        Assert.True(date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday), "the case must fall on a weekday");
        Assert.False(Calendar.IsWorkingDay(date));
        Assert.True(Calendar.IsWorkingDay(date.AddDays(-7)));
    }

    [Fact]
    public void A_deadline_over_National_Day_of_an_unannounced_year_skips_1_to_3_October_and_is_provisional()
    {
        // Friday 28 September 2029 + 1 working day: 1–3 October are off, so Thursday 4 October.
        var result = Calendar.AddWorkingDays(new DateOnly(2029, 9, 28), 1);

        Assert.Equal(new DateOnly(2029, 10, 4), result.Value);
        Assert.True(result.IsProvisional);
    }
}
