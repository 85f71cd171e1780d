using OneWindow.Domain.Restrictions;

namespace OneWindow.Domain.Tests.Restrictions;

/// <summary>
/// The rules of DOMAIN.md "What restrictions do" as a table, one row per restriction kind, and the dates that decide
/// when each counts: start and end days, lapses, the order of queued seizures (轮候) and extensions (续封). Each test
/// fails when its rule is taken out of <see cref="RestrictionVerdict"/> or <see cref="SeizureQueue"/>
/// (docs/domain-rules.md records which were checked that way).
/// </summary>
public sealed class RestrictionRuleTests
{
    private static readonly DateOnly Today = new(2026, 3, 10);

    private static RestrictionInForce Of(RestrictionKind kind, int startsInDays = -30, int? endsInDays = null, bool forbidsTransfer = false) =>
        new(kind, Today.AddDays(startsInDays), endsInDays is { } e ? Today.AddDays(e) : null, forbidsTransfer);

    private static RestrictionInForce Seizure(DateOnly startsOn, DateOnly endsOn) => new(RestrictionKind.Seizure, startsOn, endsOn);

    /// <summary>The verdict on <paramref name="day"/> in one line: seized, transfer, mortgage, then the reason codes.</summary>
    private static string On(DateOnly day, params RestrictionInForce[] restrictions)
    {
        var verdict = RestrictionVerdict.Decide(restrictions, hasRegisteredOwnership: true, day);
        return $"{(verdict.IsSeized ? "seized" : "free")} transfer={verdict.CanTransfer} mortgage={verdict.CanMortgage} [{string.Join(",", verdict.Reasons.Select(r => r.Code))}]";
    }

    [Theory]
    // A seizure: no transfer, no mortgage, no other disposal.
    [InlineData(RestrictionKind.Seizure, false, false, false, "SEIZED")]
    // A mortgage (Civil Code art. 406): the property may be transferred and mortgaged again.
    [InlineData(RestrictionKind.Mortgage, false, true, true, "MORTGAGED")]
    // A mortgage with a registered agreement against transfer: the mortgagee must join a transfer; a further mortgage is possible.
    [InlineData(RestrictionKind.Mortgage, true, false, true, "MORTGAGE_RESTRICTS_TRANSFER,MORTGAGED")]
    // An advance notice: a disposal without its holder's consent has no effect, so neither goes ahead without it.
    [InlineData(RestrictionKind.AdvanceNotice, false, false, false, "ADVANCE_NOTICE_REGISTERED")]
    // An objection: does not block registration (the disposer gives a written undertaking instead).
    [InlineData(RestrictionKind.Objection, false, true, true, "OBJECTION_REGISTERED")]
    public void Each_restriction_kind_blocks_what_the_domain_says(RestrictionKind kind, bool forbidsTransfer, bool canTransfer, bool canMortgage, string reasons)
    {
        var verdict = RestrictionVerdict.Decide([Of(kind, forbidsTransfer: forbidsTransfer)], hasRegisteredOwnership: true, Today);

        Assert.Equal((canTransfer, canMortgage), (verdict.CanTransfer, verdict.CanMortgage));
        Assert.Equal(reasons, string.Join(",", verdict.Reasons.Select(r => r.Code)));
        Assert.Equal(kind == RestrictionKind.Seizure, verdict.IsSeized);
        Assert.Equal(kind == RestrictionKind.Mortgage, verdict.IsMortgaged);
        Assert.Equal(kind == RestrictionKind.AdvanceNotice, verdict.HasAdvanceNotice);
        Assert.Equal(kind == RestrictionKind.Objection, verdict.HasObjection);
    }

    [Theory]
    [InlineData(RestrictionKind.Seizure)]
    [InlineData(RestrictionKind.AdvanceNotice)]
    [InlineData(RestrictionKind.Objection)]
    public void A_seizure_objection_or_advance_notice_past_its_last_day_blocks_nothing(RestrictionKind kind)
    {
        Assert.NotEqual("free transfer=True mortgage=True []", On(Today, Of(kind, -400, 0)));
        Assert.Equal("free transfer=True mortgage=True []", On(Today, Of(kind, -400, -1)));
    }

    [Fact]
    public void A_mortgage_stays_until_it_is_cancelled_whatever_its_debt_term()
    {
        // The register's end date of a mortgage is the debt's term, not the mortgage's: only a cancellation ends it.
        Assert.Equal("free transfer=True mortgage=True [MORTGAGED]", On(Today, Of(RestrictionKind.Mortgage, -4000, -1000)));
    }

    [Fact]
    public void A_further_mortgage_is_possible_on_a_mortgaged_unit()
    {
        Assert.Equal("free transfer=True mortgage=True [MORTGAGED]", On(Today, Of(RestrictionKind.Mortgage, -400), Of(RestrictionKind.Mortgage, -10)));
    }

    [Fact]
    public void A_seizure_dated_in_the_future_blocks_nothing_before_its_first_day_and_everything_from_it()
    {
        var later = Of(RestrictionKind.Seizure, 20, 20 + 364);

        Assert.Equal("free transfer=True mortgage=True [SEIZURE_QUEUED]", On(Today, later));
        Assert.Equal("free transfer=True mortgage=True [SEIZURE_QUEUED]", On(Today.AddDays(19), later));
        Assert.Equal("seized transfer=False mortgage=False [SEIZED]", On(Today.AddDays(20), later));
        Assert.Equal("seized transfer=False mortgage=False [SEIZED]", On(Today.AddDays(20 + 364), later));
        Assert.Equal("free transfer=True mortgage=True []", On(Today.AddDays(20 + 365), later));
    }

    [Fact]
    public void Three_queued_seizures_take_effect_one_after_another_each_for_its_own_term()
    {
        // 轮候查封 (法发〔2004〕5号): each queued seizure is placed from the day after the chain ends and keeps its length.
        var first = Seizure(Today.AddDays(-100), Today.AddDays(50));
        var second = SeizureQueue.Place([first], new SeizureTerm(Today, Today.AddDays(200)), Today)!.Value;
        var secondSeizure = Seizure(second.Term.StartsOn, second.Term.EndsOn);
        var third = SeizureQueue.Place([first, secondSeizure], new SeizureTerm(Today, Today.AddDays(30)), Today)!.Value;
        var thirdSeizure = Seizure(third.Term.StartsOn, third.Term.EndsOn);
        RestrictionInForce[] chain = [first, secondSeizure, thirdSeizure];

        Assert.True(second.Queued && third.Queued);
        Assert.Equal((Today.AddDays(51), Today.AddDays(251)), (second.Term.StartsOn, second.Term.EndsOn));
        Assert.Equal((Today.AddDays(252), Today.AddDays(282)), (third.Term.StartsOn, third.Term.EndsOn));
        // Seized on every day from the first's start to the third's end, without a gap; queued until the last starts.
        Assert.Equal("seized transfer=False mortgage=False [SEIZED,SEIZURE_QUEUED]", On(Today.AddDays(50), chain));
        Assert.Equal("seized transfer=False mortgage=False [SEIZED,SEIZURE_QUEUED]", On(Today.AddDays(251), chain));
        Assert.Equal("seized transfer=False mortgage=False [SEIZED]", On(Today.AddDays(252), chain));
        Assert.Equal("seized transfer=False mortgage=False [SEIZED]", On(Today.AddDays(282), chain));
        Assert.Equal("free transfer=True mortgage=True []", On(Today.AddDays(283), chain));
    }

    [Fact]
    public void A_lapsed_seizure_holds_no_queue_even_for_a_term_asked_from_before_its_end()
    {
        // The earlier seizure ended yesterday and was not renewed: a seizure whose ruling runs from ten days ago is
        // entered as asked, not queued behind the lapsed one.
        var lapsed = Seizure(Today.AddDays(-1000), Today.AddDays(-1));
        var asked = new SeizureTerm(Today.AddDays(-10), Today.AddDays(355));

        Assert.Equal((asked, false), SeizureQueue.Place([lapsed], asked, Today));
    }

    [Fact]
    public void A_seizure_extended_before_it_ends_holds_the_unit_without_a_gap_and_the_queue_waits_for_the_extension()
    {
        // 续封: the extension is registered from the day after the seizure's end, for at most three more years; a seizure
        // queued after it waits for the extension's end.
        var seizure = Seizure(Today.AddDays(-1000), Today.AddDays(95));
        var extensionStarts = Today.AddDays(96);
        var extension = Seizure(extensionStarts, SeizureQueue.LongestEnd(extensionStarts));

        var queued = SeizureQueue.Place([seizure, extension], new SeizureTerm(Today, SeizureQueue.LongestEnd(Today)), Today)!.Value;

        Assert.Equal("seized transfer=False mortgage=False [SEIZED,SEIZURE_QUEUED]", On(Today.AddDays(95), seizure, extension));
        Assert.Equal("seized transfer=False mortgage=False [SEIZED]", On(Today.AddDays(96), seizure, extension));
        Assert.Equal(new DateOnly(2029, 6, 13), extension.EndsOn);
        Assert.Equal("seized transfer=False mortgage=False [SEIZED]", On(extension.EndsOn!.Value, seizure, extension));
        Assert.Equal("free transfer=True mortgage=True []", On(extension.EndsOn.Value.AddDays(1), seizure, extension));
        Assert.Equal(extension.EndsOn.Value.AddDays(1), queued.Term.StartsOn);
    }

    [Fact]
    public void An_advance_notice_counts_to_the_90th_day_after_first_registration_and_then_stops_blocking()
    {
        // Civil Code art. 221, through the verdict: a pre-sale notice of 2024, the developer's first registration on
        // 1 December 2025 (China date) makes the buyer's right registrable; 1 March 2026 is day 90.
        var firstRegistered = new DateTime(2025, 12, 1, 1, 30, 0, DateTimeKind.Utc);
        var startsOn = new DateOnly(2024, 5, 6);
        var notice = new RestrictionInForce(RestrictionKind.AdvanceNotice, startsOn, AdvanceNoticeLapse.EndsOn(startsOn, firstRegistered));

        Assert.Equal(new DateOnly(2026, 3, 1), notice.EndsOn);
        Assert.Equal("free transfer=False mortgage=False [ADVANCE_NOTICE_REGISTERED]", On(new DateOnly(2026, 3, 1), notice));
        Assert.Equal("free transfer=True mortgage=True []", On(new DateOnly(2026, 3, 2), notice));
        Assert.Null(AdvanceNoticeLapse.EndsOn(startsOn, ownershipRegisteredAt: null));
    }

    [Fact]
    public void An_objection_counts_for_15_days_unless_a_lawsuit_is_recorded_and_then_until_it_is_cancelled()
    {
        var registered = new DateOnly(2026, 2, 20);
        var unsued = new RestrictionInForce(RestrictionKind.Objection, registered, ObjectionLapse.EndsOn(registered, lawsuitFiledOn: null));
        var sued = new RestrictionInForce(RestrictionKind.Objection, registered, ObjectionLapse.EndsOn(registered, lawsuitFiledOn: registered.AddDays(15)));

        Assert.Equal("free transfer=True mortgage=True [OBJECTION_REGISTERED]", On(registered.AddDays(15), unsued));
        Assert.Equal("free transfer=True mortgage=True []", On(registered.AddDays(16), unsued));
        Assert.Equal("free transfer=True mortgage=True [OBJECTION_REGISTERED]", On(registered.AddYears(3), sued));
        // The lawsuit is recorded by day 15 at the latest; from day 16 the objection has lapsed.
        Assert.Null(ObjectionLapse.CheckLawsuit(registered, registered.AddDays(15), registered.AddDays(15)));
        Assert.Equal(ObjectionLapse.Lapsed, ObjectionLapse.CheckLawsuit(registered, registered.AddDays(15), registered.AddDays(16)));
    }

    [Fact]
    public void A_unit_without_registered_ownership_cannot_be_disposed_of_whatever_else_is_on_it()
    {
        var verdict = RestrictionVerdict.Decide([Of(RestrictionKind.AdvanceNotice), Of(RestrictionKind.Objection, -3, 12)], hasRegisteredOwnership: false, Today);

        Assert.False(verdict.CanTransfer);
        Assert.False(verdict.CanMortgage);
        Assert.Equal(["NO_REGISTERED_OWNERSHIP", "ADVANCE_NOTICE_REGISTERED", "OBJECTION_REGISTERED"], verdict.Reasons.Select(r => r.Code));
    }
}
