using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Data.Entities;
using OneWindow.Domain.Applications;

namespace OneWindow.Api.Tests.Features.Applications;

/// <summary>
/// 实施细则 art. 78, in a class of its own: the first registrations of other tests on the demo developer's land convert
/// and end its mortgage of the building under construction, so this test needs the demo region as seeded.
/// </summary>
public sealed class ConstructionMortgageTests(ApplicationsFixture fixture) : IClassFixture<ApplicationsFixture>
{
    private Task RecordedAsync(string number) => fixture.RecordedAsync(number);

    [Fact]
    public async Task A_mortgage_of_the_building_under_construction_becomes_a_mortgage_of_each_new_unit_at_first_registration()
    {
        // 实施细则 art. 78. The demo developer's land, with a mortgage of the building under construction to the demo bank.
        var land = await fixture.DevelopersLandAsync();
        var bankCode = await fixture.CreditCodeAsync(ApplicationsFixture.BankName);
        var developerCode = await fixture.CreditCodeAsync(ApplicationsFixture.DeveloperName);
        async Task<List<Right>> ConstructionMortgagesAsync() => await fixture.ReadAsync(db => db.Rights.AsNoTracking().Include(r => r.Holders).ThenInclude(h => h.Party)
            .Where(r => r.UnitId == land.Id && r.Status == RightStatus.Active && r.MortgageKind == MortgageKind.BuildingUnderConstruction).ToListAsync());
        if ((await ConstructionMortgagesAsync()).Count == 0)
        {
            var body = await fixture.MortgageAsync(fixture.Bank, land);
            body["mortgageKind"] = "BUILDING_UNDER_CONSTRUCTION";
            body["materials"] = System.Text.Json.Nodes.JsonNode.Parse(JsonSerializer.Serialize(await fixture.RequiredMaterialsAsync(
                fixture.Bank, BusinessType.MortgageRegistrationUnderConstruction, "AUTHORISED_CHANNEL")));
            body["mortgagors"] = System.Text.Json.Nodes.JsonNode.Parse(JsonSerializer.Serialize(new[]
            {
                ApplicationCalls.Organisation(ApplicationsFixture.DeveloperName, await fixture.CreditCodeAsync(ApplicationsFixture.DeveloperName)),
            }));
            await RecordedAsync((await fixture.Bank.SubmittedAsync("mortgage-registrations", body)).GetProperty("businessNumber").GetString()!);
        }
        var construction = await ConstructionMortgagesAsync();

        var (number, codes) = await fixture.RecordedNewBuildingAsync(land, "0095", 2);

        var converted = await fixture.ReadAsync(db => db.Rights.AsNoTracking().Include(r => r.Holders).ThenInclude(h => h.Party).Include(r => r.Unit)
            .Where(r => r.BusinessNumber == number && r.Kind == RightKind.Mortgage).ToListAsync());
        Assert.Equal(codes.Length * construction.Count, converted.Count);
        foreach (var (original, i) in construction.OrderBy(m => m.Id).Select((m, i) => (m, i)))
        {
            var onUnits = converted.Where(r => r.Notes!.Contains(original.CertificateNumber!)).ToList();
            Assert.Equal(codes.Order(), onUnits.Select(r => r.Unit!.UnitCode).Order());
            Assert.Single(onUnits.Select(r => r.CertificateNumber).Distinct());
            var mortgagee = original.Holders.Single(h => h.Role == HolderRole.Holder).Party!.IdNumber;
            Assert.All(onUnits, r =>
            {
                Assert.Equal((MortgageKind.General, original.SecuredAmountFen, original.TermEnd), (r.MortgageKind!.Value, r.SecuredAmountFen, r.TermEnd));
                Assert.Equal([(HolderRole.Holder, mortgagee), (HolderRole.Obligor, developerCode)], r.Holders.OrderBy(h => h.Position).Select(h => (h.Role, h.Party!.IdNumber)));
            });
        }
        Assert.True((await fixture.Bank.RestrictionsAsync(codes[0])).GetProperty("isMortgaged").GetBoolean());

        // The land's mortgage ends only when no building of the parcel is still under construction.
        var stillBuilding = await fixture.ReadAsync(db => db.Buildings.AnyAsync(b => b.ParcelId == land.ParcelId && b.Stage == BuildingStage.UnderConstruction));
        Assert.Equal(stillBuilding ? construction.Count : 0, (await ConstructionMortgagesAsync()).Count);
    }
}
