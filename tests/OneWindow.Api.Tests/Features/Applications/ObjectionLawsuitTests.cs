using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Tests.Infrastructure;
using OneWindow.Domain.Applications;

namespace OneWindow.Api.Tests.Features.Applications;

/// <summary>
/// 实施细则 art. 83: an objection lapses 15 days after its registration unless the objector's lawsuit is recorded; only
/// the objector of record (or a court) records it, and the register's chain keeps the amendment.
/// </summary>
public sealed class ObjectionLawsuitTests(DeadlineFixture fixture) : IClassFixture<DeadlineFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The demo bank objects to a free house's register, and a registrar enters it: the unit and the objection's document number.</summary>
    private async Task<(string UnitCode, string DocumentNumber)> BankObjectionAsync()
    {
        var unit = await fixture.FreeHouseAsync();
        var submitted = await fixture.Bank.SubmittedAsync("objections", new
        {
            unitCode = unit.UnitCode,
            objector = ApplicationCalls.Organisation(ApplicationsFixture.BankName, await fixture.CreditCodeAsync(ApplicationsFixture.BankName)),
            matter = "抵押人已将该房屋另行出售，权属存在争议",
            materials = await fixture.RequiredMaterialsAsync(fixture.Bank, BusinessType.Objection),
        });
        var number = submitted.GetProperty("businessNumber").GetString()!;
        await fixture.RecordedAsync(number);
        var document = await fixture.ReadAsync(db => db.Restrictions.Where(r => r.BusinessNumber == number).Select(r => r.DocumentNumber!).SingleAsync());
        return (unit.UnitCode, document);
    }

    private Task<HttpResponseMessage> LawsuitAsync(HttpClient client, string unitCode, string document, string filedOn) =>
        client.PostAsync("/api/v1/objection-lawsuits", JsonContent.Create(new { unitCode, objectionDocumentNumber = document, filedOn, caseNumber = "(2026)粤1202民初123号" }), Ct);

    [Fact]
    public async Task The_objectors_lawsuit_recorded_within_15_days_keeps_the_objection_in_force()
    {
        fixture.Time.Set(new DateOnly(2026, 3, 2));
        var (unitCode, document) = await BankObjectionAsync();
        var registeredOn = await fixture.ReadAsync(db => db.Restrictions.Where(r => r.DocumentNumber == document).Select(r => r.StartsOn).SingleAsync());

        fixture.Time.Set(registeredOn.AddDays(10));
        // Not the objector of record: another partner, whatever it claims; a date outside the window; a wrong objection.
        await Problem.AssertAsync(await LawsuitAsync(fixture.Developer, unitCode, document, registeredOn.AddDays(5).ToString("yyyy-MM-dd")), 403, "NOT_THE_OBJECTOR");
        var early = await Problem.AssertAsync(await LawsuitAsync(fixture.Bank, unitCode, document, registeredOn.AddDays(-1).ToString("yyyy-MM-dd")), 422, "INVALID_LAWSUIT_DATE");
        Assert.Equal("BEFORE_OBJECTION", early.GetProperty("reason").GetString());
        await Problem.AssertAsync(await LawsuitAsync(fixture.Bank, unitCode, document, registeredOn.AddDays(11).ToString("yyyy-MM-dd")), 422, "INVALID_LAWSUIT_DATE");
        await Problem.AssertAsync(await LawsuitAsync(fixture.Bank, (await fixture.FreeHouseAsync()).UnitCode, document, registeredOn.ToString("yyyy-MM-dd")), 404, "OBJECTION_NOT_FOUND");
        var unitId = await fixture.ReadAsync(db => db.Units.Where(u => u.UnitCode == unitCode).Select(u => u.Id).SingleAsync());
        var entriesBefore = await fixture.ReadAsync(db => db.RegisterEntries.CountAsync(e => e.UnitId == unitId));

        var recorded = await Json.ReadAsync(await LawsuitAsync(fixture.Bank, unitCode, document, registeredOn.AddDays(8).ToString("yyyy-MM-dd")));

        Assert.Equal(JsonValueKind.Null, recorded.GetProperty("endsOn").ValueKind);
        Assert.Equal(registeredOn.AddDays(8).ToString("yyyy-MM-dd"), recorded.GetProperty("lawsuitFiledOn").GetString());
        await Problem.AssertAsync(await LawsuitAsync(fixture.Court, unitCode, document, registeredOn.AddDays(8).ToString("yyyy-MM-dd")), 409, "LAWSUIT_ALREADY_RECORDED");
        // The chain records the amendment, and the objection still counts long after its 15 days.
        var amendment = await fixture.ReadAsync(db => db.RegisterEntries.Where(e => e.UnitId == unitId).OrderByDescending(e => e.Sequence).FirstAsync());
        Assert.Equal((RegisterEntryKind.RestrictionAmended, entriesBefore + 1), (amendment.Kind, amendment.Sequence));
        Assert.Contains("lawsuitFiledOn", amendment.Content, StringComparison.Ordinal);
        fixture.Time.Set(registeredOn.AddDays(40));
        Assert.True((await fixture.Bank.RestrictionsAsync(unitCode)).GetProperty("hasObjection").GetBoolean());
    }

    [Fact]
    public async Task Without_a_recorded_lawsuit_the_objection_lapses_and_a_court_may_record_one_in_time()
    {
        fixture.Time.Set(new DateOnly(2026, 4, 1));
        var (lapsingUnit, lapsing) = await BankObjectionAsync();
        var (suedUnit, sued) = await BankObjectionAsync();
        var registeredOn = await fixture.ReadAsync(db => db.Restrictions.Where(r => r.DocumentNumber == lapsing).Select(r => r.StartsOn).SingleAsync());

        // A court records the suit filed with it, on the last day.
        fixture.Time.Set(registeredOn.AddDays(15));
        Assert.Equal(JsonValueKind.Null, (await Json.ReadAsync(await LawsuitAsync(fixture.Court, suedUnit, sued, registeredOn.AddDays(15).ToString("yyyy-MM-dd"))))
            .GetProperty("endsOn").ValueKind);
        Assert.True((await fixture.Bank.RestrictionsAsync(lapsingUnit)).GetProperty("hasObjection").GetBoolean());

        fixture.Time.Set(registeredOn.AddDays(16));
        Assert.False((await fixture.Bank.RestrictionsAsync(lapsingUnit)).GetProperty("hasObjection").GetBoolean());
        Assert.True((await fixture.Bank.RestrictionsAsync(suedUnit)).GetProperty("hasObjection").GetBoolean());
        await Problem.AssertAsync(await LawsuitAsync(fixture.Bank, lapsingUnit, lapsing, registeredOn.AddDays(10).ToString("yyyy-MM-dd")), 409, "OBJECTION_LAPSED");

        // Over GraphQL: the same refusal as a typed error.
        var graph = await Json.ReadAsync(await fixture.Bank.PostGraphQLAsync(
            "mutation($input: ObjectionLawsuitInput!) { recordObjectionLawsuit(input: $input) { objection { endsOn } errors { code } } }",
            new { input = new { unitCode = lapsingUnit, objectionDocumentNumber = lapsing, filedOn = registeredOn.AddDays(10).ToString("yyyy-MM-dd"), caseNumber = "(2026)粤1202民初9号" } }));
        Assert.Equal("OBJECTION_LAPSED", graph.GetProperty("data").GetProperty("recordObjectionLawsuit").GetProperty("errors")[0].GetProperty("code").GetString());
    }
}
