using OneWindow.Domain.Restrictions;

namespace OneWindow.Domain.Tests.Restrictions;

/// <summary>
/// The verdict of DOMAIN.md "What restrictions do", one rule per test: each restriction kind, start and end dates,
/// lapses, the order of queued seizures (轮候) and Civil Code art. 406.
/// </summary>
public sealed class RestrictionVerdictTests
{
    private static readonly DateOnly Today = new(2026, 12, 7);

    private static Verdict Decide(params RestrictionInForce[] restrictions) => RestrictionVerdict.Decide(restrictions, hasRegisteredOwnership: true, Today);

    private static RestrictionInForce Seizure(int startsInDays, int? endsInDays) =>
        new(RestrictionKind.Seizure, Today.AddDays(startsInDays), endsInDays is { } e ? Today.AddDays(e) : null);

    private static string[] Codes(Verdict verdict) => [.. verdict.Reasons.Select(r => r.Code)];

    [Fact]
    public void A_unit_without_restrictions_may_be_transferred_and_mortgaged()
    {
        var verdict = Decide();

        Assert.True(verdict.CanTransfer);
        Assert.True(verdict.CanMortgage);
        Assert.Empty(verdict.Reasons);
    }

    [Fact]
    public void Without_a_registered_ownership_nothing_may_be_disposed_of()
    {
        var verdict = RestrictionVerdict.Decide([], hasRegisteredOwnership: false, Today);

        Assert.False(verdict.CanTransfer);
        Assert.False(verdict.CanMortgage);
        Assert.Equal([RestrictionVerdict.NoRegisteredOwnership], Codes(verdict));
    }

    [Fact]
    public void A_seizure_in_force_forbids_transfer_and_mortgage()
    {
        var verdict = Decide(Seizure(-10, 100));

        Assert.True(verdict.IsSeized);
        Assert.False(verdict.CanTransfer);
        Assert.False(verdict.CanMortgage);
        Assert.Equal([RestrictionVerdict.Seized], Codes(verdict));
    }

    [Theory]
    [InlineData(0, 0, true)]
    [InlineData(-1000, 0, true)]
    [InlineData(-1000, -1, false)]
    [InlineData(0, null, true)]
    public void A_seizure_counts_on_its_first_and_last_day_and_lapses_the_day_after(int starts, int? ends, bool seized)
    {
        Assert.Equal(seized, Decide(Seizure(starts, ends)).IsSeized);
    }

    [Fact]
    public void A_seizure_dated_in_the_future_is_not_yet_in_force_but_is_shown_as_queued()
    {
        var verdict = Decide(Seizure(1, 1000));

        Assert.False(verdict.IsSeized);
        Assert.True(verdict.CanTransfer);
        Assert.Equal([RestrictionVerdict.SeizureQueued], Codes(verdict));
    }

    [Fact]
    public void A_queued_seizure_takes_over_the_day_after_the_earlier_one_ends()
    {
        // 轮候查封: registered to start the day after the seizure in force ends; its term runs from then.
        RestrictionInForce[] queue = [Seizure(-100, 10), Seizure(11, 11 + 1094)];

        var during = RestrictionVerdict.Decide(queue, true, Today);
        var lastDayOfFirst = RestrictionVerdict.Decide(queue, true, Today.AddDays(10));
        var firstDayOfSecond = RestrictionVerdict.Decide(queue, true, Today.AddDays(11));
        var afterBoth = RestrictionVerdict.Decide(queue, true, Today.AddDays(11 + 1095));

        Assert.True(during.IsSeized);
        Assert.Contains(RestrictionVerdict.SeizureQueued, Codes(during));
        Assert.True(lastDayOfFirst.IsSeized);
        Assert.True(firstDayOfSecond.IsSeized);
        Assert.DoesNotContain(RestrictionVerdict.SeizureQueued, Codes(firstDayOfSecond));
        Assert.False(afterBoth.IsSeized);
        Assert.True(afterBoth.CanTransfer);
    }

    [Fact]
    public void A_mortgage_blocks_neither_a_transfer_nor_a_further_mortgage()
    {
        var verdict = Decide(new RestrictionInForce(RestrictionKind.Mortgage, Today.AddYears(-1), Today.AddYears(-1).AddDays(1)));

        Assert.True(verdict.IsMortgaged);
        Assert.True(verdict.CanTransfer);
        Assert.True(verdict.CanMortgage);
        Assert.Equal([RestrictionVerdict.Mortgaged], Codes(verdict));
    }

    [Fact]
    public void A_mortgage_with_a_registered_agreement_against_transfer_needs_the_mortgagee_to_join_a_transfer()
    {
        var verdict = Decide(new RestrictionInForce(RestrictionKind.Mortgage, Today.AddYears(-1), null, ForbidsTransfer: true));

        Assert.False(verdict.CanTransfer);
        Assert.True(verdict.CanMortgage);
        Assert.Equal([RestrictionVerdict.MortgageRestrictsTransfer, RestrictionVerdict.Mortgaged], Codes(verdict));
    }

    [Fact]
    public void An_advance_notice_needs_its_holders_consent_for_any_disposal()
    {
        var verdict = Decide(new RestrictionInForce(RestrictionKind.AdvanceNotice, Today.AddDays(-5), null));

        Assert.True(verdict.HasAdvanceNotice);
        Assert.False(verdict.CanTransfer);
        Assert.False(verdict.CanMortgage);
    }

    [Fact]
    public void An_objection_blocks_nothing_and_lapses_after_its_end_date()
    {
        var objection = new RestrictionInForce(RestrictionKind.Objection, Today.AddDays(-14), Today.AddDays(1));

        var now = Decide(objection);
        var lapsed = RestrictionVerdict.Decide([objection], true, Today.AddDays(2));

        Assert.True(now.HasObjection);
        Assert.True(now.CanTransfer);
        Assert.True(now.CanMortgage);
        Assert.Equal([RestrictionVerdict.ObjectionRegistered], Codes(now));
        Assert.False(lapsed.HasObjection);
    }

    [Fact]
    public void An_objection_lapses_15_days_after_registration_unless_the_objectors_lawsuit_is_recorded()
    {
        var registered = Today.AddDays(-20);
        var unsued = new RestrictionInForce(RestrictionKind.Objection, registered, ObjectionLapse.EndsOn(registered, lawsuitFiledOn: null));
        var sued = new RestrictionInForce(RestrictionKind.Objection, registered, ObjectionLapse.EndsOn(registered, lawsuitFiledOn: registered.AddDays(10)));

        // Day 15 is the last day in force; from day 16 an objection nobody sued on no longer counts.
        Assert.True(RestrictionVerdict.Decide([unsued], true, registered.AddDays(15)).HasObjection);
        Assert.False(RestrictionVerdict.Decide([unsued], true, registered.AddDays(16)).HasObjection);
        Assert.True(Decide(sued).HasObjection);
        Assert.True(RestrictionVerdict.Decide([sued], true, registered.AddYears(2)).HasObjection);
        Assert.Equal([RestrictionVerdict.ObjectionRegistered], Codes(Decide(sued)));
        Assert.True(Decide(sued).CanTransfer);
    }

    [Theory]
    [InlineData(0, 0, 0, null)]
    [InlineData(0, 15, 15, null)]
    [InlineData(0, 3, 15, null)]
    [InlineData(0, 10, 16, ObjectionLapse.Lapsed)]
    [InlineData(5, 4, 6, ObjectionLapse.BeforeObjection)]
    [InlineData(0, 8, 7, ObjectionLapse.InFuture)]
    public void A_lawsuit_is_recorded_by_the_objections_last_day_and_dated_between_its_registration_and_today(
        int startsOnDay, int filedOnDay, int todayDay, string? refusal)
    {
        var origin = new DateOnly(2026, 3, 1);

        Assert.Equal(refusal, ObjectionLapse.CheckLawsuit(origin.AddDays(startsOnDay), origin.AddDays(filedOnDay), origin.AddDays(todayDay)));
    }

    [Fact]
    public void A_mortgage_ends_only_when_the_register_says_so()
    {
        var mortgage = new RestrictionInForce(RestrictionKind.Mortgage, Today.AddYears(-5), Today.AddYears(-1));

        Assert.True(RestrictionVerdict.IsInForce(mortgage, Today));
    }

    [Fact]
    public void An_advance_notice_lapses_90_days_after_its_right_could_be_registered()
    {
        // Civil Code art. 221: the developer's first registration on day D makes the buyer's right registrable; the
        // notice counts to D + 90 and no longer from D + 91.
        var startsOn = Today.AddDays(-400);
        var firstRegistered = new DateTime(2026, 9, 8, 2, 0, 0, DateTimeKind.Utc); // 10:00 in China, 8 September
        var endsOn = AdvanceNoticeLapse.EndsOn(startsOn, firstRegistered);
        var notice = new RestrictionInForce(RestrictionKind.AdvanceNotice, startsOn, endsOn);

        Assert.Equal(new DateOnly(2026, 12, 7), endsOn);
        Assert.True(Decide(notice).HasAdvanceNotice);
        Assert.False(RestrictionVerdict.Decide([notice], hasRegisteredOwnership: true, Today.AddDays(1)).HasAdvanceNotice);
        Assert.True(RestrictionVerdict.Decide([notice], hasRegisteredOwnership: true, Today.AddDays(1)).CanTransfer);
    }

    [Fact]
    public void An_advance_notice_does_not_lapse_while_its_right_cannot_be_registered()
    {
        Assert.Null(AdvanceNoticeLapse.EndsOn(Today.AddYears(-3), ownershipRegisteredAt: null));
    }

    [Fact]
    public void On_a_unit_already_registered_the_lapse_counts_from_the_notice_day()
    {
        // A resale: the seller's title is years old, so the right is registrable from the notice's own day. The China
        // date counts: 20:00 UTC on 1 December is 2 December in China.
        var endsOn = AdvanceNoticeLapse.EndsOn(Today.AddDays(-10), new DateTime(2015, 12, 1, 20, 0, 0, DateTimeKind.Utc));
        var late = AdvanceNoticeLapse.EndsOn(new DateOnly(2015, 11, 1), new DateTime(2015, 12, 1, 20, 0, 0, DateTimeKind.Utc));

        Assert.Equal(Today.AddDays(80), endsOn);
        Assert.Equal(new DateOnly(2016, 3, 1), late);
    }

    [Fact]
    public void Every_reason_is_listed_once_with_what_it_blocks()
    {
        var verdict = Decide(
            Seizure(-1, 10), Seizure(11, 100),
            new RestrictionInForce(RestrictionKind.Mortgage, Today, null, ForbidsTransfer: true),
            new RestrictionInForce(RestrictionKind.AdvanceNotice, Today, null),
            new RestrictionInForce(RestrictionKind.Objection, Today, Today.AddDays(15)));

        Assert.Equal(
            [RestrictionVerdict.Seized, RestrictionVerdict.AdvanceNoticeRegistered, RestrictionVerdict.MortgageRestrictsTransfer,
             RestrictionVerdict.Mortgaged, RestrictionVerdict.ObjectionRegistered, RestrictionVerdict.SeizureQueued],
            Codes(verdict));
        Assert.All(verdict.Reasons.Where(r => r.Code is RestrictionVerdict.Mortgaged or RestrictionVerdict.ObjectionRegistered or RestrictionVerdict.SeizureQueued),
            r => Assert.False(r.BlocksTransfer || r.BlocksMortgage));
    }
}
