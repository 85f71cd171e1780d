using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Tests.Infrastructure;
using OneWindow.Domain.Identifiers;

namespace OneWindow.Api.Tests.Features.Applications;

/// <summary>
/// The workflow's rules through the API (illegal steps, reasons, who may act, concurrent changes, withdrawal), who
/// sees an application (its submitter, its parties, staff; nobody else), the public progress form, lists, and
/// uploads into an application.
/// </summary>
public sealed class WorkflowAndProgressTests(ApplicationsFixture fixture) : IClassFixture<ApplicationsFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A well-formed business number no application has.</summary>
    private static readonly string Unknown = BusinessNumber.Create("441202", new DateOnly(2025, 11, 20), 999_999).ToString();

    /// <summary>An agency files a mortgage for the demo citizen's unit with the demo bank: three parties to it.</summary>
    /// <summary>An agency files a mortgage for the demo citizen's unit with the demo bank: three parties to it.</summary>
    private async Task<string> AgencyMortgageForCitizenAsync()
    {
        var unit = await fixture.TakeUnitAsync(units => units.Where(u => u.Rights.Any(r => r.Status == RightStatus.Active
            && r.Kind == RightKind.LandUseAndHouseOwnership && r.Holders.Any(h => h.Party!.Name == "李明华"))
            && !u.Restrictions.Any(r => r.Status == RestrictionStatus.Active
                && (r.Kind == Domain.Restrictions.RestrictionKind.Seizure || r.Kind == Domain.Restrictions.RestrictionKind.AdvanceNotice))));
        var submitted = await fixture.Agency.SubmittedAsync("mortgage-registrations", await fixture.MortgageAsync(fixture.Agency, unit, null, "AGENT_APPLIES"));
        return submitted.GetProperty("businessNumber").GetString()!;
    }

    /// <summary>The demo bank's mortgage of a free house: its business number and the mortgagor's ID number.</summary>
    private async Task<(string Number, string UnitCode, string MortgagorId)> BankMortgageAsync()
    {
        var (number, unitCode) = await fixture.BankMortgageAsync();
        return (number, unitCode, (await fixture.HoldersAsync(unitCode))[0].Party.IdNumber);
    }

    [Fact]
    public async Task Steps_out_of_order_without_a_reason_or_by_the_wrong_actor_are_refused_and_change_nothing()
    {
        var (number, _, _) = await BankMortgageAsync();

        await Problem.AssertAsync(await fixture.Staff.StepAsync(number, "record"), 409, "ILLEGAL_TRANSITION");
        await Problem.AssertAsync(await fixture.Staff.StepAsync(number, "prepare-certificate"), 409, "ILLEGAL_TRANSITION");
        var noReason = await Problem.AssertAsync(await fixture.Staff.StepAsync(number, "refuse"), 422, "REASON_REQUIRED");
        Assert.Equal("reason", noReason.GetProperty("field").GetString());
        await Problem.AssertAsync(await fixture.Bank.StepAsync(number, "accept"), 403, "FORBIDDEN");
        await Problem.AssertAsync(await fixture.Staff.StepAsync(number, "withdraw"), 403, "FORBIDDEN");
        await Problem.AssertAsync(await fixture.Staff.StepAsync(number, "accept", version: 7), 409, "CONCURRENT_CHANGE");
        await Problem.AssertAsync(await fixture.Staff.StepAsync(Unknown, "accept"), 404, "APPLICATION_NOT_FOUND");
        await Problem.AssertAsync(await fixture.Staff.StepAsync("12345", "accept"), 400, "INVALID_BUSINESS_NUMBER");

        var application = await Json.ReadAsync(await fixture.Bank.GetAsync($"/api/v1/applications/{number}", Ct));
        Assert.Equal("SUBMITTED", application.GetProperty("status").GetString());
        Assert.Equal(1, application.GetProperty("version").GetInt32());
        Assert.Single(application.GetProperty("timeline").EnumerateArray());
    }

    [Fact]
    public async Task Refusal_at_the_window_and_withdrawal_close_the_application_and_free_its_units()
    {
        var (refused, refusedUnit, _) = await BankMortgageAsync();
        var (withdrawn, withdrawnUnit, _) = await BankMortgageAsync();

        var closed = await fixture.Staff.SteppedAsync(refused, "refuse", "申请材料与登记簿记载不一致。");
        await fixture.Staff.SteppedAsync(withdrawn, "accept");
        var gone = await fixture.Bank.SteppedAsync(withdrawn, "withdraw", "客户已另行安排。");

        Assert.Equal("REFUSED", closed.GetProperty("status").GetString());
        Assert.Equal("申请材料与登记簿记载不一致。", closed.GetProperty("timeline")[1].GetProperty("reason").GetString());
        Assert.Equal("WITHDRAWN", gone.GetProperty("status").GetString());
        Assert.Empty(gone.GetProperty("availableActions").EnumerateArray());
        await Problem.AssertAsync(await fixture.Staff.StepAsync(withdrawn, "start-review"), 409, "ILLEGAL_TRANSITION");
        // Both units are free for a new mortgage application.
        Assert.Equal(0, await fixture.ReadAsync(db => db.ApplicationUnits.CountAsync(u => (u.UnitCode == refusedUnit || u.UnitCode == withdrawnUnit) && u.IsOpen)));
    }

    [Fact]
    public async Task Submitter_parties_and_staff_see_an_application_and_no_one_else_does()
    {
        var number = await AgencyMortgageForCitizenAsync();

        foreach (var client in new[] { fixture.Agency, fixture.Bank, fixture.Citizen, fixture.Staff })
        {
            var seen = await Json.ReadAsync(await client.GetAsync($"/api/v1/applications/{number}", Ct));
            Assert.Equal("李明华", seen.GetProperty("applicants")[0].GetProperty("name").GetString());
        }
        await Problem.AssertAsync(await fixture.Developer.GetAsync($"/api/v1/applications/{number}", Ct), 404, "APPLICATION_NOT_FOUND");
        await Problem.AssertAsync(await fixture.Court.GetAsync($"/api/v1/applications/{number}", Ct), 404, "APPLICATION_NOT_FOUND");
        var graph = await Json.ReadAsync(await fixture.Developer.PostGraphQLAsync("query($n: String!) { application(businessNumber: $n) { status } }", new { n = number }));
        Assert.Equal(JsonValueKind.Null, graph.GetProperty("data").GetProperty("application").ValueKind);
        // Only the submitter acts as the applicant: the bank, a party, may not withdraw it.
        await Problem.AssertAsync(await fixture.Bank.StepAsync(number, "withdraw"), 403, "NOT_ALLOWED_FOR_ACTOR");
        // Each unmasked answer is in the audit log.
        var audited = await fixture.ReadAsync(db => db.AuditRecords.Where(a => a.Subject == $"application:{number}").Select(a => a.Caller).ToListAsync());
        Assert.Contains("demo-bank", audited);
        Assert.Contains("demo-citizen", audited);
    }

    [Fact]
    public async Task Public_progress_form_needs_the_business_number_and_an_applicants_id_and_shows_nothing_personal()
    {
        var (number, _, mortgagorId) = await BankMortgageAsync();
        await fixture.Staff.SteppedAsync(number, "accept");

        async Task<HttpResponseMessage> Progress(string businessNumber, string? idNumber)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/applications/{businessNumber}/progress");
            if (idNumber is not null)
            {
                request.Headers.Add("Applicant-Id-Number", idNumber);
            }
            return await fixture.Anonymous.SendAsync(request, Ct);
        }

        var response = await Progress(number, mortgagorId);
        var body = await response.Content.ReadAsStringAsync(Ct);
        var progress = await Json.ReadAsync(response);
        Assert.Equal("ACCEPTED", progress.GetProperty("status").GetString());
        Assert.Equal("受理", progress.GetProperty("statusName").GetString());
        Assert.Equal(["SUBMITTED", "ACCEPTED"], progress.GetProperty("timeline").EnumerateArray().Select(s => s.GetProperty("status").GetString()));
        Assert.Equal("2025-11-25", progress.GetProperty("deadline").GetProperty("dueDate").GetString());
        Assert.DoesNotContain(mortgagorId, body);
        Assert.DoesNotContain("demo-", body);
        // The bank's credit code works too.
        Assert.Equal(HttpStatusCode.OK, (await Progress(number, await fixture.CreditCodeAsync(ApplicationsFixture.BankName))).StatusCode);

        var wrongPerson = await Problem.AssertAsync(await Progress(number, "110101199003074514"), 404, "APPLICATION_NOT_FOUND");
        var unknown = await Problem.AssertAsync(await Progress(Unknown, mortgagorId), 404, "APPLICATION_NOT_FOUND");
        Assert.Equal(wrongPerson.GetProperty("title").GetString(), unknown.GetProperty("title").GetString());
        await Problem.AssertAsync(await Progress(number, null), 400, "INVALID_ID_NUMBER");
        await Problem.AssertAsync(await Progress("not-a-number", mortgagorId), 400, "INVALID_BUSINESS_NUMBER");

        var graph = await Json.ReadAsync(await fixture.Anonymous.PostGraphQLAsync(
            "query($n: String!, $id: String!) { applicationProgress(businessNumber: $n, applicantIdNumber: $id) { status deadline { dueDate } timeline { statusName } } }",
            new { n = number, id = mortgagorId }));
        Assert.Equal("ACCEPTED", graph.GetProperty("data").GetProperty("applicationProgress").GetProperty("status").GetString());
        var mismatch = await Json.ReadAsync(await fixture.Anonymous.PostGraphQLAsync(
            "query($n: String!) { applicationProgress(businessNumber: $n, applicantIdNumber: \"110101199003074514\") { status } }", new { n = number }));
        Assert.Equal(JsonValueKind.Null, mismatch.GetProperty("data").GetProperty("applicationProgress").ValueKind);
    }

    [Fact]
    public async Task Lists_show_each_caller_its_own_newest_first_in_pages_and_staff_everything()
    {
        var mine = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            mine.Add((await BankMortgageAsync()).Number);
        }

        var first = await Json.ReadAsync(await fixture.Bank.GetAsync("/api/v1/applications?limit=2&businessType=MORTGAGE_REGISTRATION_GENERAL", Ct));
        var second = await Json.ReadAsync(await fixture.Bank.GetAsync($"/api/v1/applications?limit=2&businessType=MORTGAGE_REGISTRATION_GENERAL&after={first.GetProperty("nextCursor").GetString()}", Ct));
        var listed = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).Select(a => a.GetProperty("businessNumber").GetString()).ToList();

        Assert.Equal(mine.AsEnumerable().Reverse().Take(2), listed.Take(2));
        Assert.Equal(listed.Count, listed.Distinct().Count());
        var developers = await Json.ReadAsync(await fixture.Developer.GetAsync("/api/v1/applications", Ct));
        Assert.DoesNotContain(developers.GetProperty("items").EnumerateArray(), a => mine.Contains(a.GetProperty("businessNumber").GetString()!));
        var staff = await Json.ReadAsync(await fixture.Staff.GetAsync("/api/v1/applications?status=SUBMITTED&limit=100", Ct));
        Assert.All(mine, n => Assert.Contains(staff.GetProperty("items").EnumerateArray(), a => a.GetProperty("businessNumber").GetString() == n));
        await Problem.AssertAsync(await fixture.Bank.GetAsync("/api/v1/applications?status=FLYING", Ct), 400, "INVALID_STATUS");
        await Problem.AssertAsync(await fixture.Bank.GetAsync("/api/v1/applications?deadline=SOMEDAY", Ct), 400, "INVALID_DEADLINE_FILTER");
        await Problem.AssertAsync(await fixture.Bank.GetAsync("/api/v1/applications?after=xyz", Ct), 400, "INVALID_CURSOR");

        var graph = await Json.ReadAsync(await fixture.Bank.PostGraphQLAsync(
            "{ applications(first: 2, businessType: MORTGAGE_REGISTRATION_GENERAL) { edges { cursor node { businessNumber status } } pageInfo { hasNextPage endCursor } } }"));
        var edges = graph.GetProperty("data").GetProperty("applications").GetProperty("edges");
        Assert.Equal(listed.Take(2), edges.EnumerateArray().Select(e => e.GetProperty("node").GetProperty("businessNumber").GetString()));
    }

    [Fact]
    public async Task Submitter_uploads_into_its_application_while_it_waits_for_correction()
    {
        var (number, _, _) = await BankMortgageAsync();
        await fixture.Staff.SteppedAsync(number, "accept");

        async Task<HttpResponseMessage> Upload(HttpClient client, string code)
        {
            var bytes = Encoding.ASCII.GetBytes($"%PDF-1.4\n% correction {code} {Guid.NewGuid()}\n%%EOF\n");
            using var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(file, "file", "signature-page.pdf");
            form.Add(new StringContent(Convert.ToHexStringLower(SHA256.HashData(bytes))), "sha256");
            form.Add(new StringContent(code), "materialCode");
            return await client.PostAsync($"/api/v1/applications/{number}/materials", form, Ct);
        }

        await Problem.AssertAsync(await Upload(fixture.Bank, "MORTGAGE_CONTRACT"), 409, "ILLEGAL_TRANSITION");
        await Json.ReadAsync(await fixture.Staff.RequestCorrectionAsync(number, "抵押合同缺少签字页。", ("MORTGAGE_CONTRACT", "FAULTY")));
        await Problem.AssertAsync(await Upload(fixture.Bank, "COURT_RULING"), 422, "MATERIAL_NOT_APPLICABLE");
        // On the checklist but not among the items the correction listed.
        await Problem.AssertAsync(await Upload(fixture.Bank, "MAIN_CREDIT_CONTRACT"), 422, "CORRECTION_ITEM_NOT_REQUESTED");
        await Problem.AssertAsync(await Upload(fixture.Agency, "MORTGAGE_CONTRACT"), 404, "APPLICATION_NOT_FOUND");
        var uploaded = await Json.ReadAsync(await Upload(fixture.Bank, "MORTGAGE_CONTRACT"));
        var resumed = await Json.ReadAsync(await fixture.Bank.PostAsync($"/api/v1/applications/{number}/supplement",
            JsonContent.Create(new { reason = "已补充签字页。" }), Ct));

        Assert.Equal("ACCEPTED", resumed.GetProperty("status").GetString());
        Assert.Contains(resumed.GetProperty("materials").EnumerateArray(), m => m.GetProperty("materialId").GetString() == uploaded.GetProperty("materialId").GetString());
        Assert.Equal(["SUBMITTED", "ACCEPTED", "CORRECTION_REQUESTED", "ACCEPTED"], resumed.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Over_GraphQL_staff_ask_for_correction_and_the_submitter_supplies_the_materials()
    {
        var (number, _, _) = await BankMortgageAsync();
        await fixture.Staff.SteppedAsync(number, "accept");
        const string step = "mutation($input: ApplicationStepInput!) { %s(input: $input) { application { status version materials { code } correctionItems { round materialCode defect note suppliedAt } } errors { code field reason } } }";

        var asked = await Json.ReadAsync(await fixture.Staff.PostGraphQLAsync(step.Replace("%s", "requestCorrection", StringComparison.Ordinal),
            new { input = new { businessNumber = number, reason = "请补充主债权合同附件。", items = new[] { new { materialCode = "MAIN_CREDIT_CONTRACT", defect = "FAULTY", note = "缺少附件" } } } }));
        var again = await Json.ReadAsync(await fixture.Staff.PostGraphQLAsync(step.Replace("%s", "requestCorrection", StringComparison.Ordinal),
            new { input = new { businessNumber = number, reason = "还缺抵押合同。", items = new[] { new { materialCode = "MORTGAGE_CONTRACT", defect = "MISSING" } } } }));
        var materials = await fixture.UploadAsync(fixture.Bank, "MAIN_CREDIT_CONTRACT");
        var noReason = await Json.ReadAsync(await fixture.Staff.PostGraphQLAsync(step.Replace("%s", "returnApplication", StringComparison.Ordinal),
            new { input = new { businessNumber = number } }));
        var supplied = await Json.ReadAsync(await fixture.Bank.PostGraphQLAsync(step.Replace("%s", "supplementApplication", StringComparison.Ordinal),
            new { input = new { businessNumber = number, materials } }));

        Assert.Equal("CORRECTION_REQUESTED", asked.GetProperty("data").GetProperty("requestCorrection").GetProperty("application").GetProperty("status").GetString());
        var listed = Assert.Single(asked.GetProperty("data").GetProperty("requestCorrection").GetProperty("application").GetProperty("correctionItems").EnumerateArray());
        Assert.Equal(("MAIN_CREDIT_CONTRACT", "FAULTY", "缺少附件", 1), (listed.GetProperty("materialCode").GetString(), listed.GetProperty("defect").GetString(),
            listed.GetProperty("note").GetString(), listed.GetProperty("round").GetInt32()));
        Assert.Equal(JsonValueKind.Null, listed.GetProperty("suppliedAt").ValueKind);
        // 一次性告知: no second request before the applicant supplied.
        Assert.Equal("CORRECTION_ALREADY_REQUESTED", again.GetProperty("data").GetProperty("requestCorrection").GetProperty("errors")[0].GetProperty("code").GetString());
        Assert.Equal("REASON_REQUIRED", noReason.GetProperty("data").GetProperty("returnApplication").GetProperty("errors")[0].GetProperty("code").GetString());
        var payload = supplied.GetProperty("data").GetProperty("supplementApplication");
        Assert.Empty(payload.GetProperty("errors").EnumerateArray());
        Assert.Equal("ACCEPTED", payload.GetProperty("application").GetProperty("status").GetString());
        Assert.Equal(7, payload.GetProperty("application").GetProperty("materials").GetArrayLength());
        Assert.Equal(JsonValueKind.String, payload.GetProperty("application").GetProperty("correctionItems")[0].GetProperty("suppliedAt").ValueKind);
    }
}
