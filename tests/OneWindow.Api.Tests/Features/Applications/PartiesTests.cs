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
        var passport = "E" + Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var buyer = new { kind = "PERSON", name = "John Smith", idNumber = passport.ToLowerInvariant(), idType = "PASSPORT", nationality = " gbr " };

        var submitted = await fixture.Agency.SubmittedAsync("transfers", await TransferAsync(unit, buyer));
        var number = submitted.GetProperty("businessNumber").GetString()!;
        var applicant = submitted.GetProperty("applicants").EnumerateArray().Single(a => a.GetProperty("role").GetString() == "TRANSFEREE");
        Assert.Equal((passport, "PASSPORT", "GBR"), (applicant.GetProperty("idNumber").GetString(), applicant.GetProperty("idType").GetString(), applicant.GetProperty("nationality").GetString()));
        var stored = await fixture.ReadAsync(db => db.ApplicationParties.Where(p => p.IdNumber == passport).Select(p => new { p.IdType, p.Nationality }).SingleAsync());
        Assert.Equal((IdentityDocumentType.Passport, "GBR"), (stored.IdType, stored.Nationality));

        await fixture.RecordedAsync(number);

        var holder = (await fixture.HoldersAsync(unit.UnitCode))[0].Party;
        Assert.Equal((IdentityDocumentType.Passport, passport, "GBR", "John Smith"), (holder.IdType, holder.IdNumber, holder.Nationality, holder.Name));
        var property = await Json.ReadAsync(await fixture.Bank.GetAsync($"/api/v1/properties/{unit.UnitCode}", TestContext.Current.CancellationToken));
        var shown = property.GetProperty("rights").EnumerateArray().First().GetProperty("holders")[0];
        Assert.Equal("PASSPORT", shown.GetProperty("idType").GetString());
        Assert.Equal(passport[..2] + "*****" + passport[^2..], shown.GetProperty("idNumber").GetString());
        Assert.True(shown.GetProperty("masked").GetBoolean());
        // The issuing state is shown with the masked number: it names a state, not the person.
        Assert.Equal("GBR", shown.GetProperty("nationality").GetString());
        var graph = await Json.ReadAsync(await fixture.Bank.PostGraphQLAsync(
            "query($u: String!) { property(unitCode: $u) { rights { holders { idType idNumber nationality masked } } } }", new { u = unit.UnitCode }));
        var graphHolder = graph.GetProperty("data").GetProperty("property").GetProperty("rights")[0].GetProperty("holders")[0];
        Assert.Equal(("GBR", true), (graphHolder.GetProperty("nationality").GetString(), graphHolder.GetProperty("masked").GetBoolean()));

        // The same number from another state is someone else: not the holder of record.
        var seller = new { kind = "PERSON", name = "John Smith", idNumber = passport, idType = "PASSPORT", nationality = "USA" };
        var refused = await fixture.Agency.RefusedAsync("transfers", new
        {
            unitCode = unit.UnitCode, transferors = new[] { seller },
            transferees = new[] { ApplicationCalls.Person((await fixture.HoldersAsync((await fixture.FreeHouseAsync()).UnitCode))[0].Party) },
            coOwnership = "SOLE", materials = await fixture.RequiredMaterialsAsync(fixture.Agency, BusinessType.Transfer),
        });
        Assert.Contains(("APPLICANT_NOT_HOLDER", "transferors[0]", "unitCode"), refused);
    }

    [Fact]
    public async Task A_passport_without_its_issuing_state_or_with_no_ISO_code_and_a_nationality_on_another_document_are_refused()
    {
        var unit = await fixture.FreeHouseAsync();
        var body = await TransferAsync(unit,
            new { kind = "PERSON", name = "Anna Weber", idNumber = "C01X00T47", idType = "PASSPORT", nationality = (string?)null },
            new { kind = "PERSON", name = "Jean Dupont", idNumber = "12AB34567", idType = "PASSPORT", nationality = (string?)"XYZ" },
            new { kind = "PERSON", name = "Old Germany", idNumber = "C01X00T48", idType = "PASSPORT", nationality = (string?)"D" },
            new { kind = "PERSON", name = "某人", idNumber = ResidentIdNumber.Create("441202", new DateOnly(1990, 1, 1), 33).ToString(), idType = (string?)null, nationality = (string?)"CHN" });

        var refused = await fixture.Agency.RefusedAsync("transfers", body);

        Assert.Contains(("FIELD_REQUIRED", "transferees[0].nationality", "PASSPORT_ISSUING_STATE"), refused);
        Assert.Contains(("INVALID_NATIONALITY", "transferees[1].nationality", "UNKNOWN_COUNTRY"), refused);
        Assert.Contains(("INVALID_NATIONALITY", "transferees[2].nationality", "LENGTH"), refused);
        Assert.Contains(("INVALID_NATIONALITY", "transferees[3].nationality", "ONLY_FOR_PASSPORT"), refused);

        var answer = await Json.ReadAsync(await fixture.Agency.PostGraphQLAsync(TransferMutation, new { input = body, key = Guid.NewGuid().ToString() }));
        var errors = answer.GetProperty("data").GetProperty("submitTransfer").GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("code").GetString(), e.GetProperty("field").GetString(), e.GetProperty("reason").GetString())).ToList();
        Assert.Contains(("INVALID_NATIONALITY", "transferees[1].nationality", "UNKNOWN_COUNTRY"), errors);
        Assert.Contains(("FIELD_REQUIRED", "transferees[0].nationality", "PASSPORT_ISSUING_STATE"), errors);
        Assert.False(await fixture.ReadAsync(db => db.ApplicationUnits.AnyAsync(a => a.UnitCode == unit.UnitCode)));
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
