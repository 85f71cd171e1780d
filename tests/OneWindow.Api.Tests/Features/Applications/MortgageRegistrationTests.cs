using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Tests.Infrastructure;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Restrictions;

namespace OneWindow.Api.Tests.Features.Applications;

/// <summary>
/// A bank takes a mortgage from submission to the register: submitted with its materials, accepted, reviewed and
/// entered in the register by staff, the certificate prepared and issued; the register and the restriction status
/// show the mortgage, hash-chained, and the timeline every step.
/// </summary>
public sealed class MortgageRegistrationTests(ApplicationsFixture fixture) : IClassFixture<ApplicationsFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<object> BodyAsync(string unitCode, string kind = "GENERAL", params string[] circumstances)
    {
        var mortgagors = (await fixture.HoldersAsync(unitCode)).Select(h => ApplicationCalls.Person(h.Party)).ToArray();
        var type = kind switch
        {
            "MAXIMUM_AMOUNT" => BusinessType.MortgageRegistrationMaximumAmount,
            "BUILDING_UNDER_CONSTRUCTION" => BusinessType.MortgageRegistrationUnderConstruction,
            _ => BusinessType.MortgageRegistrationGeneral,
        };
        // Filed in the bank's branch, an authorised channel: the in-person check stands for the mortgagors' confirmation.
        circumstances = [.. circumstances, Circumstances.AuthorisedChannel];
        return new
        {
            mortgageKind = kind,
            unitCodes = new[] { unitCode },
            mortgagors,
            mortgagee = ApplicationCalls.Organisation(ApplicationsFixture.BankName, await fixture.CreditCodeAsync(ApplicationsFixture.BankName)),
            securedAmountFen = 80_000_000L,
            debtStartsOn = "2025-11-20",
            debtEndsOn = "2045-11-19",
            circumstances,
            materials = await fixture.RequiredMaterialsAsync(fixture.Bank, type, circumstances),
        };
    }

    [Fact]
    public async Task Bank_mortgage_goes_from_submission_through_every_staff_step_into_the_register()
    {
        var unit = await fixture.FreeHouseAsync();
        var before = await fixture.Bank.RestrictionsAsync(unit.UnitCode);
        Assert.False(before.GetProperty("isMortgaged").GetBoolean());

        var submitted = await fixture.Bank.SubmittedAsync("mortgage-registrations", await BodyAsync(unit.UnitCode));
        var number = submitted.GetProperty("businessNumber").GetString()!;
        Assert.Equal("SUBMITTED", submitted.GetProperty("status").GetString());
        Assert.Equal("MORTGAGE_REGISTRATION_GENERAL", submitted.GetProperty("businessType").GetString());
        Assert.Equal(6, submitted.GetProperty("materials").GetArrayLength());
        Assert.All(submitted.GetProperty("applicants").EnumerateArray(), a => Assert.Equal("CONFIRMED", a.GetProperty("confirmation").GetString()));
        Assert.Equal("AUTHORISED_CHANNEL", submitted.GetProperty("applicants")[0].GetProperty("confirmationMethod").GetString());
        Assert.Equal("SUBMITTER", submitted.GetProperty("applicants").EnumerateArray().Last().GetProperty("confirmationMethod").GetString());
        Assert.Equal(["WITHDRAW"], submitted.GetProperty("availableActions").EnumerateArray().Select(a => a.GetString()));

        var accepted = await fixture.Staff.SteppedAsync(number, "accept");
        Assert.Equal("ACCEPTED", accepted.GetProperty("status").GetString());
        // Accepted on Thursday 2025-11-20 with a limit of 3 working days: Fri 21, Mon 24, Tue 25.
        Assert.Equal("2025-11-25", accepted.GetProperty("deadline").GetProperty("dueDate").GetString());
        Assert.Equal(3, accepted.GetProperty("deadline").GetProperty("workingDays").GetInt32());
        await fixture.Staff.SteppedAsync(number, "start-review");
        var recorded = await fixture.Staff.SteppedAsync(number, "record");
        Assert.Equal("RECORDED", recorded.GetProperty("status").GetString());
        Assert.Equal(2, recorded.GetProperty("recordedCount").GetInt32());
        var certificate = recorded.GetProperty("recorded")[0].GetProperty("certificateNumber").GetString()!;
        Assert.StartsWith("粤(2025)肇庆市不动产证明第", certificate);

        // The register changed: a mortgage right held by the bank, its restriction, the chain intact.
        var after = await fixture.Bank.RestrictionsAsync(unit.UnitCode);
        Assert.True(after.GetProperty("isMortgaged").GetBoolean());
        await fixture.ReadAsync(async db =>
        {
            var mortgage = await db.Rights.Include(r => r.Holders).ThenInclude(h => h.Party)
                .SingleAsync(r => r.BusinessNumber == number && r.Kind == RightKind.Mortgage);
            Assert.Equal(80_000_000L, mortgage.SecuredAmountFen);
            Assert.Equal(certificate, mortgage.CertificateNumber);
            Assert.Equal(ApplicationsFixture.BankName, mortgage.Holders.Single(h => h.Role == HolderRole.Holder).Party!.Name);
            Assert.Single(await db.Restrictions.Where(r => r.RightId == mortgage.Id && r.Kind == RestrictionKind.Mortgage && r.Status == RestrictionStatus.Active).ToListAsync());
            var entries = await db.RegisterEntries.Where(e => e.UnitId == mortgage.UnitId).OrderBy(e => e.Sequence).ToListAsync();
            Assert.Equal(2, entries.Count(e => e.BusinessNumber == number));
            for (var i = 1; i < entries.Count; i++)
            {
                Assert.Equal(entries[i - 1].Hash, entries[i].PreviousHash);
            }
            return 0;
        });

        await Problem.AssertAsync(await fixture.Bank.StepAsync(number, "withdraw"), 409, "ALREADY_RECORDED");
        await fixture.Staff.SteppedAsync(number, "prepare-certificate");
        var completed = await fixture.Staff.SteppedAsync(number, "complete");
        Assert.Equal("COMPLETED", completed.GetProperty("status").GetString());
        Assert.NotEqual(JsonValueKind.Null, completed.GetProperty("closedAt").ValueKind);
        Assert.Equal(
            ["SUBMITTED", "ACCEPTED", "UNDER_REVIEW", "RECORDED", "CERTIFICATE_PREPARED", "COMPLETED"],
            completed.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("status").GetString()));
        Assert.All(completed.GetProperty("timeline").EnumerateArray().Skip(1), e => Assert.Equal("STAFF", e.GetProperty("actorKind").GetString()));

        // The bank sees its application; the staff names on the timeline are for staff only.
        var seen = await Json.ReadAsync(await fixture.Bank.GetAsync($"/api/v1/applications/{number}", Ct));
        Assert.Equal(JsonValueKind.Null, seen.GetProperty("timeline")[1].GetProperty("actor").ValueKind);
        Assert.Equal("demo-bank", seen.GetProperty("timeline")[0].GetProperty("actor").GetString());
    }

    [Fact]
    public async Task Maximum_amount_mortgage_needs_its_contract_and_with_existing_debts_their_contracts_and_consent()
    {
        var unit = await fixture.FreeHouseAsync();
        var body = JsonSerializer.SerializeToNode(await BodyAsync(unit.UnitCode, "MAXIMUM_AMOUNT", "EXISTING_DEBTS_INCLUDED"))!.AsObject();
        // Only the general materials: the maximum-amount contract, existing debt contracts and consent are missing.
        body["materials"] = JsonSerializer.SerializeToNode(await fixture.RequiredMaterialsAsync(fixture.Bank, BusinessType.MortgageRegistrationGeneral));
        body["materials"]!.AsArray().Add(JsonSerializer.SerializeToNode((await fixture.UploadAsync(fixture.Bank, "IN_PERSON_CHECK"))[0]));

        var errors = await fixture.Bank.RefusedAsync("mortgage-registrations", body);

        Assert.Equal(
            ["EXISTING_DEBT_CONTRACTS", "MAXIMUM_AMOUNT_MORTGAGE_CONTRACT", "WRITTEN_CONSENT"],
            errors.Where(e => e.Code == "MATERIAL_MISSING").Select(e => e.Reason).Order());
        // The general mortgage contract (the fifth upload) is not on the maximum-amount checklist.
        Assert.Contains(("MATERIAL_NOT_APPLICABLE", "materials[4].code", null), errors);
    }

    [Fact]
    public async Task Mortgage_contract_may_be_left_out_when_the_main_contract_has_the_mortgage_clause()
    {
        var unit = await fixture.FreeHouseAsync();
        var body = await BodyAsync(unit.UnitCode, "GENERAL", "MAIN_CONTRACT_HAS_MORTGAGE_CLAUSE");

        var submitted = await fixture.Bank.SubmittedAsync("mortgage-registrations", body);

        Assert.DoesNotContain(submitted.GetProperty("materials").EnumerateArray(), m => m.GetProperty("code").GetString() == "MORTGAGE_CONTRACT");
        Assert.Equal(["MAIN_CONTRACT_HAS_MORTGAGE_CLAUSE", "AUTHORISED_CHANNEL"], submitted.GetProperty("circumstances").EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public async Task Building_under_construction_mortgage_by_the_developer_on_its_land()
    {
        var land = await fixture.DevelopersLandAsync();
        var developer = await fixture.CreditCodeAsync(ApplicationsFixture.DeveloperName);
        var body = new
        {
            mortgageKind = "BUILDING_UNDER_CONSTRUCTION",
            unitCodes = new[] { land.UnitCode },
            mortgagors = new[] { ApplicationCalls.Organisation(ApplicationsFixture.DeveloperName, developer) },
            mortgagee = ApplicationCalls.Organisation(ApplicationsFixture.BankName, await fixture.CreditCodeAsync(ApplicationsFixture.BankName)),
            securedAmountFen = 9_000_000_000L,
            debtStartsOn = "2025-11-20",
            debtEndsOn = "2028-11-19",
            materials = await fixture.RequiredMaterialsAsync(fixture.Bank, BusinessType.MortgageRegistrationUnderConstruction),
        };

        var submitted = await fixture.Bank.SubmittedAsync("mortgage-registrations", body);
        var number = submitted.GetProperty("businessNumber").GetString()!;
        // The developer, the mortgagor, confirms through its own client: no deadline runs until then.
        Assert.Equal("AWAITING_CONFIRMATION", submitted.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, submitted.GetProperty("deadline").ValueKind);
        await Problem.AssertAsync(await fixture.Staff.StepAsync(number, "accept"), 409, "ILLEGAL_TRANSITION");
        var confirmed = await Json.ReadAsync(await fixture.Developer.StepAsync(number, "confirm"));
        Assert.Equal("SUBMITTED", confirmed.GetProperty("status").GetString());
        Assert.Equal("PARTNER_CLIENT", confirmed.GetProperty("applicants")[0].GetProperty("confirmationMethod").GetString());
        foreach (var step in new[] { "accept", "start-review", "record" })
        {
            await fixture.Staff.SteppedAsync(number, step);
        }

        var nature = await fixture.ReadAsync(db => db.Rights.Where(r => r.BusinessNumber == number).Select(r => new { r.MortgageKind, r.Nature }).SingleAsync());
        Assert.Equal(MortgageKind.BuildingUnderConstruction, nature.MortgageKind);
        Assert.Equal("在建建筑物抵押", nature.Nature);
        Assert.Contains("PLANNING_PERMIT", submitted.GetProperty("materials").EnumerateArray().Select(m => m.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task Same_mortgage_over_GraphQL_reports_errors_in_the_payload_and_staff_record_it()
    {
        var unit = await fixture.FreeHouseAsync();
        const string submit = "mutation($input: MortgageRegistrationInput!, $key: String) { submitMortgageRegistration(input: $input, idempotencyKey: $key) { application { businessNumber status } errors { code field reason } replayed } }";
        var body = await BodyAsync(unit.UnitCode);
        var bad = JsonSerializer.SerializeToNode(body)!.AsObject();
        bad["securedAmountFen"] = 0;

        var refused = await Json.ReadAsync(await fixture.Bank.PostGraphQLAsync(submit, new { input = bad, key = Guid.NewGuid().ToString() }));
        var payload = refused.GetProperty("data").GetProperty("submitMortgageRegistration");
        Assert.Equal(JsonValueKind.Null, payload.GetProperty("application").ValueKind);
        Assert.Equal("INVALID_AMOUNT", payload.GetProperty("errors")[0].GetProperty("code").GetString());
        Assert.Equal("securedAmountFen", payload.GetProperty("errors")[0].GetProperty("field").GetString());

        var key = Guid.NewGuid().ToString();
        var done = (await Json.ReadAsync(await fixture.Bank.PostGraphQLAsync(submit, new { input = body, key })))
            .GetProperty("data").GetProperty("submitMortgageRegistration");
        var number = done.GetProperty("application").GetProperty("businessNumber").GetString()!;
        Assert.Empty(done.GetProperty("errors").EnumerateArray());

        foreach (var step in new[] { "acceptApplication", "startReview", "recordInRegister" })
        {
            var stepped = await Json.ReadAsync(await fixture.Staff.PostGraphQLAsync(
                $"mutation($n: String!) {{ {step}(input: {{ businessNumber: $n }}) {{ application {{ status }} errors {{ code }} }} }}", new { n = number }));
            Assert.Empty(stepped.GetProperty("data").GetProperty(step).GetProperty("errors").EnumerateArray());
        }
        var read = await Json.ReadAsync(await fixture.Bank.PostGraphQLAsync(
            "query($n: String!) { application(businessNumber: $n) { status recorded { unitCode what certificateNumber } deadline { dueDate state } } }", new { n = number }));
        var application = read.GetProperty("data").GetProperty("application");
        Assert.Equal("RECORDED", application.GetProperty("status").GetString());
        Assert.Equal(["MORTGAGE", "MORTGAGE"], application.GetProperty("recorded").EnumerateArray().Select(r => r.GetProperty("what").GetString()));
        Assert.True((await fixture.Bank.RestrictionsAsync(unit.UnitCode)).GetProperty("isMortgaged").GetBoolean());
    }
}
