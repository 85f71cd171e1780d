using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Tests.Infrastructure;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Calendar;
using OneWindow.Domain.Restrictions;

namespace OneWindow.Api.Tests.Features.Applications;

/// <summary>
/// Decision 0030: while a seizure is in force, a 抵押权变更 that raises the secured amount or lengthens the debt's term is
/// refused (UNIT_SEIZED with the reason); lowering the amount and assigning the loan are not; a seizure not yet in force
/// (dated later, or queued behind one dated later) does not count.
/// </summary>
public sealed class SeizedMortgageChangeTests(ApplicationsFixture fixture) : IClassFixture<ApplicationsFixture>
{
    private static DateOnly Today => ChinaTime.DateOf(AppFixture.DemoClock.GetUtcNow().UtcDateTime);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A house mortgaged to the demo bank by one person, with nothing else on it.</summary>
    private Task<RealEstateUnit> MortgagedHouseAsync() => fixture.TakeUnitAsync(units => units.Where(u => u.Kind == UnitKind.House
        && u.Restrictions.Count(r => r.Status == RestrictionStatus.Active) == 1
        && u.Restrictions.Any(r => r.Status == RestrictionStatus.Active && r.Kind == RestrictionKind.Mortgage && r.Authority == ApplicationsFixture.BankName)
        && u.Rights.Any(r => r.Status == RightStatus.Active && r.Kind == RightKind.Mortgage && r.Holders.Count(h => h.Role == HolderRole.Obligor) == 1
            && r.Holders.All(h => h.Role != HolderRole.Obligor || h.Party!.Kind == PartyKind.Person))));

    private Task<Right> MortgageAsync(string unitCode) => fixture.ReadAsync(db => db.Rights.AsNoTracking().Include(r => r.Holders).ThenInclude(h => h.Party)
        .SingleAsync(r => r.Unit!.UnitCode == unitCode && r.Status == RightStatus.Active && r.Kind == RightKind.Mortgage, Ct));

    private async Task SeizeAsync(string unitCode, string document, DateOnly? startsOn = null, DateOnly? endsOn = null) =>
        await fixture.Court.SubmittedAsync("seizures", new
        {
            unitCodes = new[] { unitCode }, documentNumber = document,
            startsOn = startsOn is { } s ? Day(s) : null, endsOn = endsOn is { } e ? Day(e) : null,
            materials = await fixture.RequiredMaterialsAsync(fixture.Court, BusinessType.Seizure),
        });

    /// <summary>A change of <paramref name="mortgage"/> by the demo bank and its mortgagors, filed in branch.</summary>
    private async Task<object> ChangeAsync(Right mortgage, string unitCode, long? amount, DateOnly? endsOn) => new
    {
        certificateNumber = mortgage.CertificateNumber, unitCodes = new[] { unitCode },
        mortgagee = ApplicationCalls.Organisation(ApplicationsFixture.BankName, await fixture.CreditCodeAsync(ApplicationsFixture.BankName)),
        mortgagors = mortgage.Holders.Where(h => h.Role == HolderRole.Obligor).Select(h => ApplicationCalls.Person(h.Party!)).ToArray(),
        securedAmountFen = amount, debtEndsOn = endsOn is { } e ? Day(e) : null,
        circumstances = new[] { "AUTHORISED_CHANNEL" },
        materials = await fixture.RequiredMaterialsAsync(fixture.Bank, BusinessType.MortgageChange, "AUTHORISED_CHANNEL"),
    };

    /// <summary>Entered and completed (发证), so the unit has no open change left.</summary>
    private async Task CompletedAsync(string number)
    {
        await fixture.RecordedAsync(number);
        await fixture.Staff.SteppedAsync(number, "prepare-certificate");
        Assert.Equal("COMPLETED", (await fixture.Staff.SteppedAsync(number, "complete")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_raise_or_a_longer_term_is_refused_while_the_unit_is_seized_a_lower_amount_is_entered_and_after_the_release_a_raise_is_too()
    {
        var unit = await MortgagedHouseAsync();
        var before = await MortgageAsync(unit.UnitCode);
        var amount = before.SecuredAmountFen!.Value;
        await SeizeAsync(unit.UnitCode, "(2026)粤1202执变1号", endsOn: Today.AddDays(200));

        var raise = await fixture.Bank.SubmitAsync("mortgage-changes", await ChangeAsync(before, unit.UnitCode, amount + 10_000_000L, null), language: "zh-CN");
        var raised = await Problem.AssertAsync(raise, 422, "APPLICATION_INVALID");
        var longer = await fixture.Bank.RefusedAsync("mortgage-changes", await ChangeAsync(before, unit.UnitCode, null, before.TermEnd!.Value.AddYears(5)));
        var both = await fixture.Bank.RefusedAsync("mortgage-changes", await ChangeAsync(before, unit.UnitCode, amount - 10_000_000L, before.TermEnd!.Value.AddDays(1)));

        Assert.Equal([("UNIT_SEIZED", "unitCodes[0]", "RAISES_THE_SECURED_AMOUNT")], ApplicationCalls.Errors(raised));
        Assert.Contains("查封期间不得提高", raised.GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.Equal([("UNIT_SEIZED", "unitCodes[0]", "LENGTHENS_THE_DEBT_TERM")], longer);
        // A lower amount does not make up for a longer term.
        Assert.Equal([("UNIT_SEIZED", "unitCodes[0]", "LENGTHENS_THE_DEBT_TERM")], both);
        var unchanged = await MortgageAsync(unit.UnitCode);
        Assert.Equal((before.Id, amount, before.TermEnd), (unchanged.Id, unchanged.SecuredAmountFen!.Value, unchanged.TermEnd));
        Assert.False(await fixture.ReadAsync(db => db.Applications.AnyAsync(a => a.BusinessType == BusinessType.MortgageChange && a.Payload.Contains(unit.UnitCode), Ct)));

        // A lower amount and a shorter term take nothing from the seizing creditor: filed and entered while seized.
        var lower = await fixture.Bank.SubmittedAsync("mortgage-changes", await ChangeAsync(before, unit.UnitCode, amount - 10_000_000L, before.TermEnd!.Value.AddDays(-1)));
        await CompletedAsync(lower.GetProperty("businessNumber").GetString()!);
        var lowered = await MortgageAsync(unit.UnitCode);
        Assert.Equal((amount - 10_000_000L, before.TermEnd!.Value.AddDays(-1)), (lowered.SecuredAmountFen!.Value, lowered.TermEnd!.Value));
        Assert.True((await fixture.Bank.RestrictionsAsync(unit.UnitCode)).GetProperty("isSeized").GetBoolean());

        // Released: the raise goes through.
        await fixture.Court.SubmittedAsync("seizure-releases", new
        {
            unitCodes = new[] { unit.UnitCode }, seizureDocumentNumber = "(2026)粤1202执变1号", releaseDocumentNumber = "(2026)粤1202执恢变1号",
            materials = await fixture.RequiredMaterialsAsync(fixture.Court, BusinessType.SeizureRelease),
        });
        var raisedLater = await fixture.Bank.SubmittedAsync("mortgage-changes", await ChangeAsync(lowered, unit.UnitCode, amount + 10_000_000L, null));
        await fixture.RecordedAsync(raisedLater.GetProperty("businessNumber").GetString()!);
        Assert.Equal(amount + 10_000_000L, (await MortgageAsync(unit.UnitCode)).SecuredAmountFen!.Value);
    }

    [Fact]
    public async Task A_loan_on_a_seized_unit_is_assigned_to_another_lender()
    {
        var unit = await MortgagedHouseAsync();
        var before = await MortgageAsync(unit.UnitCode);
        await SeizeAsync(unit.UnitCode, "(2026)粤1202执变2号", endsOn: Today.AddDays(200));
        var assignee = ApplicationCalls.Organisation(ApplicationsFixture.DeveloperName, await fixture.CreditCodeAsync(ApplicationsFixture.DeveloperName));

        var assigned = await fixture.Bank.SubmittedAsync("mortgage-changes", new
        {
            certificateNumber = before.CertificateNumber, unitCodes = new[] { unit.UnitCode },
            mortgagee = ApplicationCalls.Organisation(ApplicationsFixture.BankName, await fixture.CreditCodeAsync(ApplicationsFixture.BankName)),
            assignee,
            materials = await fixture.RequiredMaterialsAsync(fixture.Bank, BusinessType.MortgageAssignment),
        });
        await fixture.RecordedAsync(assigned.GetProperty("businessNumber").GetString()!);

        var after = await MortgageAsync(unit.UnitCode);
        Assert.Equal(ApplicationsFixture.DeveloperName, after.Holders.Single(h => h.Role == HolderRole.Holder).Party!.Name);
        Assert.Equal((before.SecuredAmountFen, before.TermEnd), (after.SecuredAmountFen, after.TermEnd));
        Assert.True((await fixture.Bank.RestrictionsAsync(unit.UnitCode)).GetProperty("isSeized").GetBoolean());
    }

    [Fact]
    public async Task A_seizure_dated_later_and_one_queued_behind_it_do_not_stop_a_raise_before_they_start()
    {
        var unit = await MortgagedHouseAsync();
        var before = await MortgageAsync(unit.UnitCode);
        await SeizeAsync(unit.UnitCode, "(2026)粤1202执变3号", Today.AddDays(30), Today.AddDays(60));
        await SeizeAsync(unit.UnitCode, "(2026)粤1202执变4号");
        var seizures = await fixture.ReadAsync(db => db.Restrictions.AsNoTracking()
            .Where(r => r.Unit!.UnitCode == unit.UnitCode && r.Kind == RestrictionKind.Seizure && r.Status == RestrictionStatus.Active)
            .OrderBy(r => r.StartsOn).Select(r => r.StartsOn).ToListAsync(Ct));
        Assert.Equal([Today.AddDays(30), Today.AddDays(61)], seizures);

        var raised = await fixture.Bank.SubmittedAsync("mortgage-changes", await ChangeAsync(before, unit.UnitCode, before.SecuredAmountFen!.Value + 5_000_000L, null));
        await fixture.RecordedAsync(raised.GetProperty("businessNumber").GetString()!);

        Assert.Equal(before.SecuredAmountFen!.Value + 5_000_000L, (await MortgageAsync(unit.UnitCode)).SecuredAmountFen!.Value);
    }
}
