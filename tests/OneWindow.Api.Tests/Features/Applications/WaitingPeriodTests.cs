using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Tests.Infrastructure;
using OneWindow.Domain.Applications;

namespace OneWindow.Api.Tests.Features.Applications;

/// <summary>
/// The waiting periods before 登簿 (issue 18): 补证 waits 15 working days after the loss declaration (实施细则 art. 22),
/// 依职权更正 the holders' 30 working days after the written notice and 15 of public notice (art. 81), both on the
/// official working-day calendar. The host's clock is fixed at Thu 2025-11-20 10:00 China time.
/// </summary>
public sealed class WaitingPeriodTests(ApplicationsFixture fixture) : IClassFixture<ApplicationsFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string DaysAgo(int days) =>
        Domain.Calendar.ChinaTime.DateOf(AppFixture.DemoClock.GetUtcNow().UtcDateTime).AddDays(-days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<(string Number, Right Ownership)> LostCertificateAsync(string publishedOn)
    {
        var unit = await fixture.FreeHouseAsync();
        var ownership = await fixture.ReadAsync(db => db.Rights.AsNoTracking().Include(r => r.Holders).ThenInclude(h => h.Party)
            .SingleAsync(r => r.Unit!.UnitCode == unit.UnitCode && r.Status == RightStatus.Active && r.Kind != RightKind.Mortgage));
        var submitted = await fixture.Agency.SubmittedAsync("certificate-replacements", new
        {
            unitCode = unit.UnitCode, certificateNumber = ownership.CertificateNumber, reason = "LOST",
            holders = ownership.Holders.Select(h => ApplicationCalls.Person(h.Party!)).ToArray(),
            materials = await fixture.RequiredMaterialsAsync(fixture.Agency, BusinessType.CertificateReplacementLost),
            lossNotice = new { publishedIn = "肇庆市不动产登记中心门户网站", publishedOn },
        });
        var number = submitted.GetProperty("businessNumber").GetString()!;
        var waiting = submitted.GetProperty("waitingPeriod");
        Assert.Equal(("LOSS_DECLARATION", publishedOn, 15), (waiting.GetProperty("kind").GetString(), waiting.GetProperty("startsOn").GetString(), waiting.GetProperty("workingDays").GetInt32()));
        await fixture.ConfirmedByEveryoneAsync(number);
        await fixture.Staff.SteppedAsync(number, "accept");
        await fixture.Staff.SteppedAsync(number, "start-review");
        return (number, ownership);
    }

    [Fact]
    public async Task A_lost_certificate_is_not_replaced_on_the_last_working_day_of_its_loss_declaration_and_progress_shows_when_it_ends()
    {
        // Published Thu 2025-10-30: Oct 31 and Nov 3–20 are its 15 working days (20 calendar days would end Nov 19).
        var (number, ownership) = await LostCertificateAsync(DaysAgo(21));

        var refused = await Problem.AssertAsync(await fixture.Staff.StepAsync(number, "record"), 409, "WAITING_PERIOD_NOT_OVER");
        Assert.Equal("LOSS_DECLARATION", refused.GetProperty("reason").GetString());

        var application = await Json.ReadAsync(await fixture.Staff.GetAsync($"/api/v1/applications/{number}", Ct));
        Assert.Equal("UNDER_REVIEW", application.GetProperty("status").GetString());
        Assert.Equal(0, application.GetProperty("recordedCount").GetInt32());
        Assert.Equal(ownership.CertificateNumber, await fixture.ReadAsync(db => db.Rights.Where(r => r.Id == ownership.Id && r.Status == RightStatus.Active).Select(r => r.CertificateNumber).SingleAsync()));

        // The public progress form: when the wait ends (nothing personal).
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/applications/{number}/progress");
        request.Headers.Add("Applicant-Id-Number", ownership.Holders[0].Party!.IdNumber);
        var progress = await Json.ReadAsync(await fixture.Anonymous.SendAsync(request, Ct));
        var waiting = progress.GetProperty("waitingPeriod");
        Assert.Equal(("2025-11-20", false), (waiting.GetProperty("endsOn").GetString(), waiting.GetProperty("over").GetBoolean()));

        // And over GraphQL: the same refusal as a typed error, the same period on the progress query.
        var step = await Json.ReadAsync(await fixture.Staff.PostGraphQLAsync(
            "mutation($n: String!) { recordInRegister(input: { businessNumber: $n }) { application { status } errors { code reason } } }", new { n = number }));
        var error = step.GetProperty("data").GetProperty("recordInRegister").GetProperty("errors")[0];
        Assert.Equal(("WAITING_PERIOD_NOT_OVER", "LOSS_DECLARATION"), (error.GetProperty("code").GetString(), error.GetProperty("reason").GetString()));
        var read = await Json.ReadAsync(await fixture.Anonymous.PostGraphQLAsync(
            "query($n: String!, $id: String!) { applicationProgress(businessNumber: $n, applicantIdNumber: $id) { waitingPeriod { kind workingDays endsOn over } } }",
            new { n = number, id = ownership.Holders[0].Party!.IdNumber }));
        var shown = read.GetProperty("data").GetProperty("applicationProgress").GetProperty("waitingPeriod");
        Assert.Equal(("LOSS_DECLARATION", 15, "2025-11-20"), (shown.GetProperty("kind").GetString(), shown.GetProperty("workingDays").GetInt32(), shown.GetProperty("endsOn").GetString()));
    }

    [Fact]
    public async Task A_lost_certificate_is_replaced_the_day_after_its_loss_declaration_s_fifteenth_working_day()
    {
        // Published Wed 2025-10-29: the 15th working day is Wed Nov 19, so today (Nov 20) it may be entered.
        var (number, ownership) = await LostCertificateAsync(DaysAgo(22));

        var recorded = await fixture.Staff.SteppedAsync(number, "record");

        Assert.Equal("RECORDED", recorded.GetProperty("status").GetString());
        Assert.True(recorded.GetProperty("waitingPeriod").GetProperty("over").GetBoolean());
        Assert.Equal("2025-11-19", recorded.GetProperty("waitingPeriod").GetProperty("endsOn").GetString());
        Assert.NotEqual(ownership.CertificateNumber, await fixture.ReadAsync(db => db.Rights
            .Where(r => r.UnitId == ownership.UnitId && r.Status == RightStatus.Active && r.Kind != RightKind.Mortgage).Select(r => r.CertificateNumber).SingleAsync()));
    }

    [Fact]
    public async Task The_time_limit_s_clock_stands_still_while_the_loss_declaration_runs()
    {
        // Published Mon 2025-11-10: its 15 working days end Mon Dec 1. Accepted today, the 5 working days count from
        // Dec 2: due Mon Dec 8 (without the wait it would be Nov 27).
        var (number, _) = await LostCertificateAsync(DaysAgo(10));

        var application = await Json.ReadAsync(await fixture.Staff.GetAsync($"/api/v1/applications/{number}", Ct));

        Assert.Equal("2025-12-01", application.GetProperty("waitingPeriod").GetProperty("endsOn").GetString());
        Assert.Equal("2025-12-08", application.GetProperty("deadline").GetProperty("dueDate").GetString());
        var stored = await fixture.ReadAsync(db => db.Applications.Where(a => a.BusinessNumber == number).Select(a => a.DueDate).SingleAsync());
        Assert.Equal(new DateOnly(2025, 12, 8), stored);
    }

    [Fact]
    public async Task A_registry_correction_is_entered_only_after_the_holders_thirty_working_days_and_fifteen_of_public_notice()
    {
        async Task<string> FiledAsync(string servedOn)
        {
            var unit = await fixture.FreeHouseAsync();
            var holder = (await fixture.HoldersAsync(unit.UnitCode))[0].Party;
            var filed = await fixture.Staff.SubmittedAsync("registry-corrections", new
            {
                unitCode = unit.UnitCode,
                holders = new[] { ApplicationCalls.Person(holder) },
                newHolders = new[] { new { kind = "PERSON", name = holder.Name + "正", idNumber = holder.IdNumber } },
                noticeDocumentNumber = "肇端不动产更通字〔2025〕7号",
                noticeServedOn = servedOn,
                materials = await fixture.RequiredMaterialsAsync(fixture.Staff, BusinessType.RegistryCorrection),
            });
            var number = filed.GetProperty("businessNumber").GetString()!;
            await fixture.Staff.SteppedAsync(number, "accept");
            await fixture.Staff.SteppedAsync(number, "start-review");
            return number;
        }

        // Served Sun 2025-09-14: 45 working days on the official calendar (make-up Sep 28 and Oct 11 count, Oct 1–8 do
        // not) end today, Nov 20; 45 calendar days or 30 working days would have ended long ago.
        var early = await FiledAsync(DaysAgo(67));
        var refused = await Problem.AssertAsync(await fixture.Staff.StepAsync(early, "record"), 409, "WAITING_PERIOD_NOT_OVER");
        Assert.Equal("REGISTRY_CORRECTION_NOTICE", refused.GetProperty("reason").GetString());
        var application = await Json.ReadAsync(await fixture.Staff.GetAsync($"/api/v1/applications/{early}", Ct));
        var waiting = application.GetProperty("waitingPeriod");
        Assert.Equal(("REGISTRY_CORRECTION_NOTICE", 45, "2025-11-20"),
            (waiting.GetProperty("kind").GetString(), waiting.GetProperty("workingDays").GetInt32(), waiting.GetProperty("endsOn").GetString()));
        Assert.Equal("UNDER_REVIEW", application.GetProperty("status").GetString());

        // Served Thu 2025-09-11: the 45th working day was yesterday.
        var due = await FiledAsync(DaysAgo(70));
        Assert.Equal("RECORDED", (await fixture.Staff.SteppedAsync(due, "record")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_damaged_certificate_waits_for_nothing()
    {
        var unit = await fixture.FreeHouseAsync();
        var holder = (await fixture.HoldersAsync(unit.UnitCode))[0].Party;
        var certificate = await fixture.ReadAsync(db => db.Rights.Where(r => r.Unit!.UnitCode == unit.UnitCode && r.Status == RightStatus.Active && r.Kind != RightKind.Mortgage)
            .Select(r => r.CertificateNumber).SingleAsync());
        var submitted = await fixture.Agency.SubmittedAsync("certificate-replacements", new
        {
            unitCode = unit.UnitCode, certificateNumber = certificate, reason = "DAMAGED", holders = new[] { ApplicationCalls.Person(holder) },
            materials = await fixture.RequiredMaterialsAsync(fixture.Agency, BusinessType.CertificateReplacementDamaged),
        });

        Assert.Equal(JsonValueKind.Null, submitted.GetProperty("waitingPeriod").ValueKind);
        await fixture.RecordedAsync(submitted.GetProperty("businessNumber").GetString()!);
    }
}
