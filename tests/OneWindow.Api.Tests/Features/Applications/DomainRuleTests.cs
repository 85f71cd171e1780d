using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Tests.Infrastructure;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Calendar;
using OneWindow.Domain.Restrictions;

namespace OneWindow.Api.Tests.Features.Applications;

/// <summary>
/// Rules of shared/DOMAIN.md "What restrictions do" that the domain tests cannot reach, checked through the register
/// (docs/domain-rules.md lists every rule with its tests): a seizure's term, a seizure's start date in the register
/// checks, and the verdict after each change of a seizure chain.
/// </summary>
public sealed class DomainRuleTests(ApplicationsFixture fixture) : IClassFixture<ApplicationsFixture>
{
    /// <summary>The host's day: the fixture fixes its clock.</summary>
    private static DateOnly Today => ChinaTime.DateOf(AppFixture.DemoClock.GetUtcNow().UtcDateTime);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<object> SeizureAsync(string unitCode, string document, DateOnly? startsOn, DateOnly? endsOn) => new
    {
        unitCodes = new[] { unitCode }, documentNumber = document,
        startsOn = startsOn is { } s ? Day(s) : null, endsOn = endsOn is { } e ? Day(e) : null,
        materials = await fixture.RequiredMaterialsAsync(fixture.Court, BusinessType.Seizure),
    };

    private async Task ReleaseAsync(string unitCode, string seizure, string release) =>
        await fixture.Court.SubmittedAsync("seizure-releases", new
        {
            unitCodes = new[] { unitCode }, seizureDocumentNumber = seizure, releaseDocumentNumber = release,
            materials = await fixture.RequiredMaterialsAsync(fixture.Court, BusinessType.SeizureRelease),
        });

    private Task<List<Restriction>> SeizuresAsync(string unitCode) => fixture.ReadAsync(db => db.Restrictions.AsNoTracking()
        .Where(r => r.Unit!.UnitCode == unitCode && r.Kind == RestrictionKind.Seizure && r.Status == RestrictionStatus.Active)
        .OrderBy(r => r.StartsOn).ToListAsync());

    /// <summary>The verdict in one line: whether seized, whether it may be transferred and mortgaged, the reason codes in order.</summary>
    private async Task<string> VerdictAsync(string unitCode)
    {
        var status = await fixture.Bank.RestrictionsAsync(unitCode);
        return Verdict(status.GetProperty("isSeized").GetBoolean(), status.GetProperty("canTransfer").GetBoolean(), status.GetProperty("canMortgage").GetBoolean(),
            [.. status.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("code").GetString()!)]);
    }

    private static string Verdict(bool seized, bool transfer, bool mortgage, params string[] reasons) =>
        $"seized={seized} transfer={transfer} mortgage={mortgage} reasons=[{string.Join(",", reasons)}]";

    [Fact]
    public async Task A_seizure_lasts_at_most_three_years_and_cannot_end_before_it_starts()
    {
        // DOMAIN.md: a term of up to 3 years for real estate, renewable (续封) before it ends.
        var unit = await fixture.FreeHouseAsync();

        var tooLong = await fixture.Court.RefusedAsync("seizures", await SeizureAsync(unit.UnitCode, "(2025)粤1202执规1号", Today, Today.AddYears(3)));
        var backwards = await fixture.Court.RefusedAsync("seizures", await SeizureAsync(unit.UnitCode, "(2025)粤1202执规1号", Today, Today.AddDays(-1)));
        var tooLongLater = await fixture.Court.RefusedAsync("seizures", await SeizureAsync(unit.UnitCode, "(2025)粤1202执规1号", Today.AddDays(10), Today.AddDays(10).AddYears(3)));

        Assert.Equal([("INVALID_TERM", "endsOn", "LONGER_THAN_THREE_YEARS")], tooLong);
        Assert.Equal([("INVALID_TERM", "endsOn", "ENDS_BEFORE_IT_STARTS")], backwards);
        Assert.Equal([("INVALID_TERM", "endsOn", "LONGER_THAN_THREE_YEARS")], tooLongLater);
        Assert.Empty(await SeizuresAsync(unit.UnitCode));

        // Three years less a day, counting the first: the longest term, entered as asked.
        var entered = await fixture.Court.SubmittedAsync("seizures", await SeizureAsync(unit.UnitCode, "(2025)粤1202执规1号", Today, SeizureQueue.LongestEnd(Today)));
        Assert.Equal("COMPLETED", entered.GetProperty("status").GetString());
        var seizure = Assert.Single(await SeizuresAsync(unit.UnitCode));
        Assert.Equal((Today, Today.AddYears(3).AddDays(-1)), (seizure.StartsOn, seizure.EndsOn!.Value));
    }

    [Fact]
    public async Task A_seizure_dated_in_the_future_does_not_stop_a_mortgage_before_its_first_day()
    {
        // DOMAIN.md: a seizure dated in the future is not yet in force. The verdict says so, and so does the register
        // check of a disposal filed before it starts.
        var unit = await fixture.FreeHouseAsync();
        await fixture.Court.SubmittedAsync("seizures", await SeizureAsync(unit.UnitCode, "(2025)粤1202执规2号", Today.AddDays(30), Today.AddDays(400)));

        var verdict = await VerdictAsync(unit.UnitCode);
        var mortgage = await fixture.Bank.SubmitAsync("mortgage-registrations", await fixture.MortgageAsync(fixture.Bank, unit));

        Assert.Equal(Verdict(false, true, true, RestrictionVerdict.SeizureQueued), verdict);
        Assert.True((int)mortgage.StatusCode == 201, await mortgage.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_verdict_follows_each_change_of_a_seizure_chain()
    {
        // Seized → a second seizure queued (轮候) → the first released, the queued one in force from today → released.
        var unit = await fixture.FreeHouseAsync();
        Assert.Equal(Verdict(false, true, true), await VerdictAsync(unit.UnitCode));

        await fixture.Court.SubmittedAsync("seizures", await SeizureAsync(unit.UnitCode, "(2025)粤1202执链1号", null, Today.AddDays(60)));
        Assert.Equal(Verdict(true, false, false, RestrictionVerdict.Seized), await VerdictAsync(unit.UnitCode));

        await fixture.Court.SubmittedAsync("seizures", await SeizureAsync(unit.UnitCode, "(2025)粤1202执链2号", null, Today.AddDays(99)));
        Assert.Equal(Verdict(true, false, false, RestrictionVerdict.Seized, RestrictionVerdict.SeizureQueued), await VerdictAsync(unit.UnitCode));
        var queued = (await SeizuresAsync(unit.UnitCode))[1];
        Assert.Equal((Today.AddDays(61), Today.AddDays(61 + 99)), (queued.StartsOn, queued.EndsOn!.Value));

        await ReleaseAsync(unit.UnitCode, "(2025)粤1202执链1号", "(2025)粤1202执恢链1号");
        Assert.Equal(Verdict(true, false, false, RestrictionVerdict.Seized), await VerdictAsync(unit.UnitCode));
        var moved = Assert.Single(await SeizuresAsync(unit.UnitCode));
        Assert.Equal((Today, Today.AddDays(99)), (moved.StartsOn, moved.EndsOn!.Value));

        await ReleaseAsync(unit.UnitCode, "(2025)粤1202执链2号", "(2025)粤1202执恢链2号");
        Assert.Equal(Verdict(false, true, true), await VerdictAsync(unit.UnitCode));
    }
}
