using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Features.Applications;
using OneWindow.Api.Tests.Infrastructure;
using OneWindow.Domain.Applications;

namespace OneWindow.Api.Tests.Features.Applications;

public sealed class ConsentFixture(RegistryFixture registry) : ApplicationsFixture(registry);

/// <summary>
/// Consent of every applicant: a joint application waits until each applicant the submitter named has confirmed it with
/// its own identity; one who declines ends it; an agent's filing waits for its principals and then for a registrar; an
/// operator-approved channel's in-person check stands for the confirmations.
/// </summary>
public sealed class ConsentTests(ConsentFixture fixture) : IClassFixture<ConsentFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<bool> MortgagedAsync(string unitCode) =>
        (await fixture.Bank.RestrictionsAsync(unitCode)).GetProperty("isMortgaged").GetBoolean();

    [Fact]
    public async Task Agency_cancelling_a_banks_mortgage_waits_for_the_bank_and_then_for_a_registrar_and_the_mortgage_stays_until_then()
    {
        var unit = await fixture.MortgagedHouseAsync();
        var certificate = await fixture.ReadAsync(db => db.Rights.Where(r => r.Unit!.UnitCode == unit.UnitCode && r.Kind == RightKind.Mortgage && r.Status == RightStatus.Active)
            .Select(r => r.CertificateNumber).SingleAsync());

        var filed = await fixture.Agency.SubmittedAsync("mortgage-cancellations", new
        {
            certificateNumber = certificate,
            unitCodes = new[] { unit.UnitCode },
            mortgagee = ApplicationCalls.Organisation(ApplicationsFixture.BankName, await fixture.CreditCodeAsync(ApplicationsFixture.BankName)),
            circumstances = new[] { "MORTGAGEE_ALONE" },
            materials = await fixture.RequiredMaterialsAsync(fixture.Agency, BusinessType.MortgageCancellation, "MORTGAGEE_ALONE"),
        });
        var number = filed.GetProperty("businessNumber").GetString()!;

        Assert.Equal("AWAITING_CONFIRMATION", filed.GetProperty("status").GetString());
        Assert.True(filed.GetProperty("filedAsAgent").GetBoolean());
        Assert.Equal(JsonValueKind.Null, filed.GetProperty("deadline").ValueKind);
        Assert.Equal(["WITHDRAW"], filed.GetProperty("availableActions").EnumerateArray().Select(a => a.GetString()));
        Assert.True(await MortgagedAsync(unit.UnitCode));
        // Nobody else answers for the bank: not the agency, not the developer, not the citizen.
        await Problem.AssertAsync(await fixture.Agency.StepAsync(number, "confirm"), 403, "NOT_A_CONFIRMING_PARTY");
        await Problem.AssertAsync(await fixture.Developer.StepAsync(number, "confirm"), 404, "APPLICATION_NOT_FOUND");
        await Problem.AssertAsync(await fixture.Citizen.StepAsync(number, "decline"), 404, "APPLICATION_NOT_FOUND");
        await Problem.AssertAsync(await fixture.Staff.StepAsync(number, "accept"), 409, "ILLEGAL_TRANSITION");

        var seenByBank = await Json.ReadAsync(await fixture.Bank.GetAsync($"/api/v1/applications/{number}", Ct));
        Assert.Equal(["CONFIRM", "DECLINE"], seenByBank.GetProperty("availableActions").EnumerateArray().Select(a => a.GetString()));
        var confirmed = await fixture.Bank.SteppedAsync(number, "confirm");

        // Deemed accepted (暂行条例 art. 17), due the same working day; the mortgage is in force until a registrar enters it.
        Assert.Equal("ACCEPTED", confirmed.GetProperty("status").GetString());
        Assert.Equal("2025-11-20", confirmed.GetProperty("deadline").GetProperty("dueDate").GetString());
        var bank = confirmed.GetProperty("applicants")[0];
        Assert.Equal(("CONFIRMED", "PARTNER_CLIENT"), (bank.GetProperty("confirmation").GetString(), bank.GetProperty("confirmationMethod").GetString()));
        Assert.Equal(
            [("AWAITING_CONFIRMATION", null, "demo-agency"), ("SUBMITTED", "CONFIRM", "demo-bank"), ("ACCEPTED", "ACCEPT", "system")],
            confirmed.GetProperty("timeline").EnumerateArray().Select(e => (e.GetProperty("status").GetString(), e.GetProperty("action").GetString(), e.GetProperty("actor").GetString())));
        Assert.True(await MortgagedAsync(unit.UnitCode));

        await fixture.Staff.SteppedAsync(number, "start-review");
        var recorded = await fixture.Staff.SteppedAsync(number, "record");
        Assert.Equal("RECORDED", recorded.GetProperty("status").GetString());
        Assert.Equal("demo-bank", recorded.GetProperty("applicants")[0].GetProperty("confirmedBy").GetString());
        Assert.False(await MortgagedAsync(unit.UnitCode));
    }

    [Fact]
    public async Task Mortgagor_confirms_with_their_own_account_and_a_declined_mortgage_ends_and_frees_the_unit()
    {
        var unit = await fixture.FreeHouseAsync();
        var owner = (await fixture.HoldersAsync(unit.UnitCode))[0].Party;
        var body = await fixture.OnlineMortgageAsync(unit);

        var filed = await fixture.Bank.SubmittedAsync("mortgage-registrations", body);
        var number = filed.GetProperty("businessNumber").GetString()!;
        Assert.Equal("AWAITING_CONFIRMATION", filed.GetProperty("status").GetString());
        Assert.Equal(["PENDING", "CONFIRMED"], filed.GetProperty("applicants").EnumerateArray().Select(a => a.GetProperty("confirmation").GetString()));
        // The bank cannot confirm for the mortgagor; a stranger with an account cannot see it.
        await Problem.AssertAsync(await fixture.Bank.StepAsync(number, "confirm"), 403, "NOT_A_CONFIRMING_PARTY");
        using var stranger = await fixture.PersonClientAsync(OneWindow.Domain.Identifiers.ResidentIdNumber.Create("441202", new DateOnly(1966, 6, 6), 71).ToString(), "路人");
        await Problem.AssertAsync(await stranger.StepAsync(number, "confirm"), 404, "APPLICATION_NOT_FOUND");

        using var mortgagor = await fixture.PersonClientAsync(owner.IdNumber, owner.Name);
        var declined = await Json.ReadAsync(await mortgagor.StepAsync(number, "decline", "我没有申请这笔贷款。"));

        Assert.Equal("DECLINED", declined.GetProperty("status").GetString());
        Assert.Equal(("DECLINED", "PERSON_SIGN_IN"), (declined.GetProperty("applicants")[0].GetProperty("confirmation").GetString(), declined.GetProperty("applicants")[0].GetProperty("confirmationMethod").GetString()));
        Assert.Equal("我没有申请这笔贷款。", declined.GetProperty("timeline").EnumerateArray().Last().GetProperty("reason").GetString());
        Assert.NotEqual(JsonValueKind.Null, declined.GetProperty("closedAt").ValueKind);
        await Problem.AssertAsync(await mortgagor.StepAsync(number, "confirm"), 409, "ILLEGAL_TRANSITION");
        Assert.False(await MortgagedAsync(unit.UnitCode));

        // The unit is free again: the next mortgage is filed, and this time the mortgagor confirms it.
        var again = await fixture.Bank.SubmittedAsync("mortgage-registrations", await fixture.OnlineMortgageAsync(unit));
        var confirmed = await Json.ReadAsync(await mortgagor.StepAsync(again.GetProperty("businessNumber").GetString()!, "confirm"));
        Assert.Equal("SUBMITTED", confirmed.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, confirmed.GetProperty("deadline").ValueKind);
        Assert.Equal("ACCEPTED", (await fixture.Staff.SteppedAsync(again.GetProperty("businessNumber").GetString()!, "accept")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Submitter_may_withdraw_while_waiting_and_GraphQL_confirms_like_REST()
    {
        var waiting = await fixture.Bank.SubmittedAsync("mortgage-registrations", await fixture.OnlineMortgageAsync(await fixture.FreeHouseAsync()));
        var withdrawn = await fixture.Bank.SteppedAsync(waiting.GetProperty("businessNumber").GetString()!, "withdraw");
        Assert.Equal("WITHDRAWN", withdrawn.GetProperty("status").GetString());

        var unit = await fixture.FreeHouseAsync();
        var owner = (await fixture.HoldersAsync(unit.UnitCode))[0].Party;
        var number = (await fixture.Bank.SubmittedAsync("mortgage-registrations", await fixture.OnlineMortgageAsync(unit))).GetProperty("businessNumber").GetString()!;
        using var mortgagor = await fixture.PersonClientAsync(owner.IdNumber, owner.Name);
        var answer = await Json.ReadAsync(await mortgagor.PostGraphQLAsync(
            "mutation($n: String!) { confirmApplication(input: { businessNumber: $n }) { application { status applicants { confirmation confirmationMethod confirmedBy } } errors { code } } }",
            new { n = number }));

        var payload = answer.GetProperty("data").GetProperty("confirmApplication");
        Assert.Empty(payload.GetProperty("errors").EnumerateArray());
        Assert.Equal("SUBMITTED", payload.GetProperty("application").GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, payload.GetProperty("application").GetProperty("applicants")[0].GetProperty("confirmedBy").ValueKind);
    }

    [Fact]
    public async Task Only_an_approved_bank_or_developer_is_an_authorised_channel_and_only_it_may_declare_one()
    {
        var bankId = await fixture.ReadAsync(db => db.Partners.Where(p => p.Name == ApplicationsFixture.BankName).Select(p => p.Id).SingleAsync());
        var agencyId = await fixture.ReadAsync(db => db.Partners.Where(p => p.Kind == PartnerKind.Agency).Select(p => p.Id).FirstAsync());
        Task<HttpResponseMessage> Set(HttpClient client, long id, bool authorised, string? note = "测试") =>
            client.PutAsync($"/api/v1/admin/partners/{id}/authorised-channel", JsonContent.Create(new { authorised, note }), Ct);

        await Problem.AssertAsync(await Set(fixture.Bank, bankId, true), 403, "FORBIDDEN");
        await Problem.AssertAsync(await Set(fixture.Operator, agencyId, true), 422, "CHANNEL_NOT_ALLOWED");
        await Problem.AssertAsync(await Set(fixture.Operator, bankId, false, null), 400, "INVALID_REVIEW_NOTE");
        var withdrawn = await Json.ReadAsync(await Set(fixture.Operator, bankId, false, "协议到期"));
        Assert.False(withdrawn.GetProperty("authorisedChannel").GetBoolean());
        Assert.Equal("协议到期", withdrawn.GetProperty("channelNote").GetString());

        var errors = await fixture.Bank.RefusedAsync("mortgage-registrations", await fixture.MortgageAsync(fixture.Bank));
        Assert.Contains(("NOT_AN_AUTHORISED_CHANNEL", "circumstances", "AUTHORISED_CHANNEL"), errors);

        var granted = await Json.ReadAsync(await Set(fixture.Operator, bankId, true, "面签协议续签"));
        Assert.True(granted.GetProperty("authorisedChannel").GetBoolean());
        var filed = await fixture.Bank.SubmittedAsync("mortgage-registrations", await fixture.MortgageAsync(fixture.Bank));
        Assert.Equal("SUBMITTED", filed.GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_application_nobody_confirms_in_time_is_ended_by_the_platform_and_frees_its_unit()
    {
        var unit = await fixture.FreeHouseAsync();
        var number = (await fixture.Bank.SubmittedAsync("mortgage-registrations", await fixture.OnlineMortgageAsync(unit))).GetProperty("businessNumber").GetString()!;
        var submittedAt = AppFixture.DemoClock.GetUtcNow().UtcDateTime;

        Task<int> LapseAsync(DateTime cutoff) => fixture.ReadAsync(async _ =>
        {
            await using var scope = fixture.App.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<ConfirmApplication>().LapseAsync(cutoff, Ct);
        });

        await LapseAsync(submittedAt.AddMinutes(-1));
        Assert.Equal("AWAITING_CONFIRMATION", (await Json.ReadAsync(await fixture.Bank.GetAsync($"/api/v1/applications/{number}", Ct))).GetProperty("status").GetString());
        Assert.True(await LapseAsync(submittedAt.AddMinutes(1)) >= 1);

        var ended = await Json.ReadAsync(await fixture.Bank.GetAsync($"/api/v1/applications/{number}", Ct));
        Assert.Equal("DECLINED", ended.GetProperty("status").GetString());
        var last = ended.GetProperty("timeline").EnumerateArray().Last();
        Assert.Equal(("SYSTEM", "申请人未在期限内确认"), (last.GetProperty("actorKind").GetString(), last.GetProperty("reason").GetString()));
        Assert.Equal("AWAITING_CONFIRMATION", (await fixture.Bank.SubmittedAsync("mortgage-registrations", await fixture.OnlineMortgageAsync(unit))).GetProperty("status").GetString());
    }
}
