using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Tests.Infrastructure;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Identifiers;
using OneWindow.Domain.Restrictions;

namespace OneWindow.Api.Tests.Features.Applications;

/// <summary>
/// Two courts on one unit (issue 18 item 5): a court acts only on its own seizure, found by its verified credit code,
/// never by the document number it names. The demo region's second court (肇庆市中级人民法院, whose seizures the demo
/// register holds) signs up as a partner here and gets a client of its own.
/// </summary>
public sealed class OtherCourtTests(ApplicationsFixture fixture) : IClassFixture<ApplicationsFixture>
{
    private const string OtherCourt = "肇庆市中级人民法院";

    /// <summary>The intermediate court signs up with its credit code of record, is approved and gets a client.</summary>
    private async Task<HttpClient> OtherCourtAsync() =>
        (await fixture.PartnerOfRecordAsync(OtherCourt, OtherCourt, "COURT", "周执行", "13800138002", "zhou@example.cn")).Client;

    private Task<List<Restriction>> SeizuresAsync(string unitCode) => fixture.ReadAsync(db => db.Restrictions.AsNoTracking().Include(r => r.BeneficiaryParty)
        .Where(r => r.Unit!.UnitCode == unitCode && r.Kind == RestrictionKind.Seizure && r.Status == RestrictionStatus.Active).OrderBy(r => r.StartsOn).ToListAsync());

    [Fact]
    public async Task A_court_can_neither_release_extend_nor_transfer_by_another_court_s_seizure_and_its_own_queued_seizure_gives_way_to_the_one_in_force()
    {
        var unit = await fixture.FreeHouseAsync();
        var owner = (await fixture.HoldersAsync(unit.UnitCode))[0].Party;
        const string ours = "(2025)粤1202执7001号";
        await fixture.Court.SubmittedAsync("seizures", new
        {
            unitCodes = new[] { unit.UnitCode }, documentNumber = ours, materials = await fixture.RequiredMaterialsAsync(fixture.Court, BusinessType.Seizure),
        });
        var before = (await SeizuresAsync(unit.UnitCode)).Single();
        var other = await OtherCourtAsync();
        var buyer = new { kind = "PERSON", name = "竞买人乙", idNumber = ResidentIdNumber.Create("441202", new DateOnly(1979, 9, 9), 77).ToString() };
        var transferMaterials = await fixture.RequiredMaterialsAsync(other, BusinessType.CourtOrderedTransfer);

        // demo-court's seizure, named by its document number: not the intermediate court's to lift, extend or dispose of.
        var release = await other.RefusedAsync("seizure-releases", new
        {
            unitCodes = new[] { unit.UnitCode }, seizureDocumentNumber = ours, releaseDocumentNumber = "(2025)粤12执恢1号",
            materials = await fixture.RequiredMaterialsAsync(other, BusinessType.SeizureRelease),
        });
        Assert.Contains(("SEIZURE_NOT_FOUND", "unitCodes[0]", "seizureDocumentNumber"), release);
        var extension = await other.RefusedAsync("seizure-extensions", new
        {
            unitCodes = new[] { unit.UnitCode }, seizureDocumentNumber = ours, documentNumber = "(2025)粤12执2号",
            materials = await fixture.RequiredMaterialsAsync(other, BusinessType.SeizureExtension),
        });
        Assert.Contains(("SEIZURE_NOT_FOUND", "unitCodes[0]", "seizureDocumentNumber"), extension);
        var transfer = await other.RefusedAsync("court-transfers", new
        {
            unitCode = unit.UnitCode, seizureDocumentNumber = ours, documentNumber = "(2025)粤12执3号之一", transferees = new[] { buyer }, materials = transferMaterials,
        });
        Assert.Contains(("SEIZURE_NOT_FOUND", "unitCode", "seizureDocumentNumber"), transfer);

        // Its own seizure is queued behind demo-court's (轮候查封): while demo-court's is in force it may not dispose of the unit.
        const string theirs = "(2025)粤12执4号";
        await other.SubmittedAsync("seizures", new
        {
            unitCodes = new[] { unit.UnitCode }, documentNumber = theirs, materials = await fixture.RequiredMaterialsAsync(other, BusinessType.Seizure),
        });
        var queued = (await SeizuresAsync(unit.UnitCode)).Single(s => s.DocumentNumber == theirs);
        Assert.True(queued.StartsOn > new DateOnly(2025, 11, 20), "queued behind demo-court's seizure, not in force today");
        var transferBody = new
        {
            unitCode = unit.UnitCode, seizureDocumentNumber = theirs, documentNumber = "(2025)粤12执4号之一", transferees = new[] { buyer }, materials = transferMaterials,
        };
        var behind = await other.RefusedAsync("court-transfers", transferBody);
        Assert.Contains(("UNIT_SEIZED", "unitCode", "SEIZED_BY_ANOTHER_COURT"), behind);
        var graph = await Json.ReadAsync(await other.PostGraphQLAsync(
            "mutation($input: CourtTransferInput!, $key: String) { submitCourtTransfer(input: $input, idempotencyKey: $key) { application { businessNumber } errors { code field reason } } }",
            new { input = transferBody, key = Guid.NewGuid().ToString() }));
        var errors = graph.GetProperty("data").GetProperty("submitCourtTransfer").GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("code").GetString(), e.GetProperty("reason").GetString())).ToList();
        Assert.Contains(("UNIT_SEIZED", "SEIZED_BY_ANOTHER_COURT"), errors);

        // Nothing changed: demo-court's seizure as it was, the owner still the owner, no application holds the unit.
        var after = (await SeizuresAsync(unit.UnitCode)).Single(s => s.DocumentNumber == ours);
        Assert.Equal((before.Id, before.EndsOn), (after.Id, after.EndsOn));
        Assert.Equal(owner.IdNumber, (await fixture.HoldersAsync(unit.UnitCode))[0].Party.IdNumber);
        Assert.False(await fixture.ReadAsync(db => db.ApplicationUnits.AnyAsync(a => a.UnitCode == unit.UnitCode && a.IsOpen)));

        // demo-court lifts its seizure: the queued one takes effect today, and the intermediate court's transfer goes through.
        await fixture.Court.SubmittedAsync("seizure-releases", new
        {
            unitCodes = new[] { unit.UnitCode }, seizureDocumentNumber = ours, releaseDocumentNumber = "(2025)粤1202执恢7001号",
            materials = await fixture.RequiredMaterialsAsync(fixture.Court, BusinessType.SeizureRelease),
        });
        var accepted = await other.SubmittedAsync("court-transfers", transferBody);
        Assert.Equal("ACCEPTED", accepted.GetProperty("status").GetString());
        var number = accepted.GetProperty("businessNumber").GetString()!;
        await fixture.Staff.SteppedAsync(number, "start-review");
        Assert.Equal("RECORDED", (await fixture.Staff.SteppedAsync(number, "record")).GetProperty("status").GetString());
        Assert.Equal(buyer.idNumber, (await fixture.HoldersAsync(unit.UnitCode))[0].Party.IdNumber);
    }

    [Fact]
    public async Task A_court_cannot_transfer_a_unit_by_another_court_s_seizure_in_the_demo_register()
    {
        // A unit the intermediate court seized (the demo register's data): demo-court names that seizure's own number.
        var unit = await fixture.SeizedHouseAsync(OtherCourt);
        var document = (await SeizuresAsync(unit.UnitCode)).First(s => s.BeneficiaryParty!.Name == OtherCourt).DocumentNumber;
        var refused = await fixture.Court.RefusedAsync("court-transfers", new
        {
            unitCode = unit.UnitCode, seizureDocumentNumber = document, documentNumber = "(2025)粤1202执8001号之一",
            transferees = new[] { new { kind = "PERSON", name = "竞买人丙", idNumber = ResidentIdNumber.Create("441202", new DateOnly(1981, 1, 1), 79).ToString() } },
            materials = await fixture.RequiredMaterialsAsync(fixture.Court, BusinessType.CourtOrderedTransfer),
        });
        Assert.Contains(("SEIZURE_NOT_FOUND", "unitCode", "seizureDocumentNumber"), refused);
        var extension = await fixture.Court.RefusedAsync("seizure-extensions", new
        {
            unitCodes = new[] { unit.UnitCode }, seizureDocumentNumber = document, documentNumber = "(2025)粤1202执8002号",
            materials = await fixture.RequiredMaterialsAsync(fixture.Court, BusinessType.SeizureExtension),
        });
        Assert.Contains(("SEIZURE_NOT_FOUND", "unitCodes[0]", "seizureDocumentNumber"), extension);
    }
}
