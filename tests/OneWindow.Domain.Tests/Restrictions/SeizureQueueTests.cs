using OneWindow.Domain.Restrictions;

namespace OneWindow.Domain.Tests.Restrictions;

/// <summary>轮候查封: a seizure of a seized unit waits its turn, and its term runs from the day it takes effect.</summary>
public sealed class SeizureQueueTests
{
    private static readonly DateOnly Today = new(2026, 12, 7);

    private static RestrictionInForce Seizure(int startsInDays, int? endsInDays) =>
        new(RestrictionKind.Seizure, Today.AddDays(startsInDays), endsInDays is { } e ? Today.AddDays(e) : null);

    private static SeizureTerm ThreeYearsFromToday => new(Today, SeizureQueue.LongestEnd(Today));

    [Fact]
    public void A_seizure_of_a_unit_nobody_has_seized_starts_as_asked()
    {
        var placed = SeizureQueue.Place([], ThreeYearsFromToday, Today);

        Assert.Equal((ThreeYearsFromToday, false), placed);
    }

    [Fact]
    public void A_lapsed_seizure_does_not_hold_the_queue()
    {
        var placed = SeizureQueue.Place([Seizure(-1100, -1)], ThreeYearsFromToday, Today);

        Assert.Equal((ThreeYearsFromToday, false), placed);
    }

    [Fact]
    public void A_second_seizure_waits_for_the_first_and_keeps_its_length()
    {
        var placed = SeizureQueue.Place([Seizure(-100, 30)], ThreeYearsFromToday, Today);

        Assert.NotNull(placed);
        Assert.True(placed.Value.Queued);
        Assert.Equal(Today.AddDays(31), placed.Value.Term.StartsOn);
        Assert.Equal(ThreeYearsFromToday.Days, placed.Value.Term.Days);
    }

    [Fact]
    public void A_third_seizure_waits_for_the_whole_queue_in_order()
    {
        RestrictionInForce[] queue = [Seizure(-100, 30), Seizure(31, 31 + 1095)];

        var placed = SeizureQueue.Place(queue, new SeizureTerm(Today, Today.AddDays(364)), Today);

        Assert.Equal(Today.AddDays(31 + 1096), placed!.Value.Term.StartsOn);
        Assert.Equal(364, placed.Value.Term.Days);
    }

    [Fact]
    public void A_seizure_asked_to_start_after_the_chain_ends_is_not_queued()
    {
        var later = new SeizureTerm(Today.AddDays(60), Today.AddDays(400));

        Assert.Equal((later, false), SeizureQueue.Place([Seizure(-100, 30)], later, Today));
    }

    [Fact]
    public void Behind_an_open_ended_seizure_a_queued_one_cannot_be_dated()
    {
        Assert.Null(SeizureQueue.Place([Seizure(-100, null)], ThreeYearsFromToday, Today));
    }

    [Fact]
    public void The_longest_term_is_three_years_less_a_day()
    {
        Assert.Equal(new DateOnly(2029, 12, 6), SeizureQueue.LongestEnd(Today));
    }
}
