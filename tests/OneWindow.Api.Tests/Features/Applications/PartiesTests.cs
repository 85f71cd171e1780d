using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Tests.Infrastructure;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Identifiers;

namespace OneWindow.Api.Tests.Features.Applications;

/// <summary>
/// Parties identified by other documents than the resident ID card (issue 18 item 8): passports, the travel and
/// residence permits of Hong Kong, Macao and Taiwan residents, and an organisation code where the register has one.
/// </summary>
public sealed class PartiesTests(ApplicationsFixture fixture) : IClassFixture<ApplicationsFixture>
{
    private const string TransferMutation =
        "mutation($input: TransferInput!, $key: String) { submitTransfer(input: $input, idempotencyKey: $key) { application { businessNumber status } errors { code field reason } } }";

    private async Task<object> TransferAsync(RealEstateUnit unit, params object[] transferees)
    {
        var seller = (await fixture.HoldersAsync(unit.UnitCode))[0].Party;
        return new
        {
            unitCode = unit.UnitCode,
            transferors = new[] { ApplicationCalls.Person(seller) },
            transferees,
            coOwnership = transferees.Length == 1 ? "SOLE" : "JOINT",
            materials = await fixture.RequiredMaterialsAsync(fixture.Agency, BusinessType.Transfer),
        };
    }

    [Fact]
    public async Task A_passport_holder_buys_a_home_and_partners_see_the_passport_number_masked()
    {
        var unit = await fixture.FreeHouseAsync();
        var buyer = new { kind = "PERSON", name = "John Smith", idNumber = "e12345678", idType = "PASSPORT" };

        var submitted = await fixture.Agency.SubmittedAsync("transfers", await TransferAsync(unit, buyer));
        var number = submitted.GetProperty("businessNumber").GetString()!;
        var applicant = submitted.GetProperty("applicants").EnumerateArray().Single(a => a.GetProperty("role").GetString() == "TRANSFEREE");
        Assert.Equal("E12345678", applicant.GetProperty("idNumber").GetString());
        var stored = await fixture.ReadAsync(db => db.ApplicationParties.Where(p => p.IdNumber == "E12345678").Select(p => p.IdType).SingleAsync());
        Assert.Equal(IdentityDocumentType.Passport, stored);

        await fixture.RecordedAsync(number);

        var holder = (await fixture.HoldersAsync(unit.UnitCode))[0].Party;
        Assert.Equal((IdentityDocumentType.Passport, "E12345678", "John Smith"), (holder.IdType, holder.IdNumber, holder.Name));
        var property = await Json.ReadAsync(await fixture.Bank.GetAsync($"/api/v1/properties/{unit.UnitCode}", TestContext.Current.CancellationToken));
        var shown = property.GetProperty("rights").EnumerateArray().First().GetProperty("holders")[0];
        Assert.Equal("PASSPORT", shown.GetProperty("idType").GetString());
        Assert.Equal("E1*****78", shown.GetProperty("idNumber").GetString());
        Assert.True(shown.GetProperty("masked").GetBoolean());
    }

    [Fact]
    public async Task Holders_of_Hong_Kong_Macao_and_Taiwan_permits_are_accepted_with_each_permit_s_format()
    {
        var unit = await fixture.FreeHouseAsync();

        var submitted = await fixture.Agency.SubmittedAsync("transfers", await TransferAsync(unit,
            new { kind = "PERSON", name = "陈港", idNumber = "H12345678", idType = "HONG_KONG_MACAO_TRAVEL_PERMIT" },
            new { kind = "PERSON", name = "林台", idNumber = "12345678", idType = "TAIWAN_TRAVEL_PERMIT" },
            new { kind = "PERSON", name = "何澳", idNumber = "820000198512124568", idType = "HONG_KONG_MACAO_RESIDENCE_PERMIT" },
            new { kind = "PERSON", name = "林居", idNumber = "830000197006067895", idType = "TAIWAN_RESIDENCE_PERMIT" }));

        Assert.Equal("AWAITING_CONFIRMATION", submitted.GetProperty("status").GetString());
        var number = submitted.GetProperty("businessNumber").GetString()!;
        var types = await fixture.ReadAsync(db => db.Applications.Where(a => a.BusinessNumber == number).SelectMany(a => a.Parties).Where(p => p.Role == ApplicantRole.Transferee)
            .OrderBy(p => p.Position).Select(p => p.IdType).ToListAsync());
        Assert.Equal(
            [IdentityDocumentType.HongKongMacaoTravelPermit, IdentityDocumentType.TaiwanTravelPermit, IdentityDocumentType.HongKongMacaoResidencePermit, IdentityDocumentType.TaiwanResidencePermit],
            types);
    }

    [Fact]
    public async Task A_malformed_permit_or_a_document_of_the_wrong_kind_is_refused_with_its_code_over_REST_and_GraphQL_and_nothing_is_stored()
    {
        var unit = await fixture.FreeHouseAsync();
        var body = await TransferAsync(unit,
            new { kind = "PERSON", name = "陈港", idNumber = "X12345678", idType = "HONG_KONG_MACAO_TRAVEL_PERMIT" },
            new { kind = "PERSON", name = "林居", idNumber = "810000199001011230", idType = "TAIWAN_RESIDENCE_PERMIT" },
            new { kind = "PERSON", name = "某人", idNumber = "91350100M000100Y43", idType = "CREDIT_CODE" },
            new { kind = "PERSON", name = "某人二", idNumber = "E1234567", idType = "DRIVING_LICENCE" });

        var refused = await fixture.Agency.RefusedAsync("transfers", body);

        Assert.Contains(("INVALID_TRAVEL_PERMIT_NUMBER", "transferees[0].idNumber", "FORMAT"), refused);
        Assert.Contains(("INVALID_RESIDENCE_PERMIT_NUMBER", "transferees[1].idNumber", "PROVINCE"), refused);
        Assert.Contains(("INVALID_ID_TYPE", "transferees[2].idType", "NOT_A_PERSON_DOCUMENT"), refused);
        Assert.Contains(("INVALID_ID_TYPE", "transferees[3].idType", "NOT_A_PERSON_DOCUMENT"), refused);

        var answer = await Json.ReadAsync(await fixture.Agency.PostGraphQLAsync(TransferMutation, new { input = body, key = Guid.NewGuid().ToString() }));
        var payload = answer.GetProperty("data").GetProperty("submitTransfer");
        Assert.Equal(JsonValueKind.Null, payload.GetProperty("application").ValueKind);
        var errors = payload.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("code").GetString(), e.GetProperty("field").GetString())).ToList();
        Assert.Contains(("INVALID_TRAVEL_PERMIT_NUMBER", "transferees[0].idNumber"), errors);
        Assert.Contains(("INVALID_ID_TYPE", "transferees[2].idType"), errors);

        Assert.False(await fixture.ReadAsync(db => db.ApplicationUnits.AnyAsync(a => a.UnitCode == unit.UnitCode)));
    }

    [Fact]
    public async Task An_organisation_code_is_accepted_only_for_an_organisation_the_register_records_by_it()
    {
        var unit = await fixture.FreeHouseAsync();
        var ofRecord = OrganisationCode.Create("Z7" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant()).Value;
        var unknown = OrganisationCode.Create("Y8" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant()).Value;
        await fixture.ReadAsync(async db =>
        {
            db.Parties.Add(new Party { Kind = PartyKind.Organisation, Name = "肇庆市老字号商行", IdType = IdentityDocumentType.OrganisationCode, IdNumber = ofRecord });
            return await db.SaveChangesAsync();
        });

        var refused = await fixture.Agency.RefusedAsync("transfers", await TransferAsync(unit,
            new { kind = "ORGANISATION", name = "无记录商行", idNumber = unknown[..8] + "-" + unknown[8], idType = "ORGANISATION_CODE" }));
        Assert.Contains(("ORGANISATION_CODE_NOT_OF_RECORD", "transferees", (string?)null), refused);
        var person = await fixture.Agency.RefusedAsync("transfers", await TransferAsync(unit,
            new { kind = "PERSON", name = "某人", idNumber = ofRecord, idType = "ORGANISATION_CODE" }));
        Assert.Contains(("INVALID_ID_TYPE", "transferees[0].idType", "NOT_A_PERSON_DOCUMENT"), person);

        var accepted = await fixture.Agency.SubmittedAsync("transfers", await TransferAsync(unit,
            new { kind = "ORGANISATION", name = "肇庆市老字号商行", idNumber = ofRecord.ToLowerInvariant(), idType = "ORGANISATION_CODE" }));
        Assert.Equal("AWAITING_CONFIRMATION", accepted.GetProperty("status").GetString());
    }
}
