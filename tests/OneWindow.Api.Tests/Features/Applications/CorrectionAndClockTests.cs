using System.Net.Http.Json;
using System.Text.Json;
using OneWindow.Api.Tests.Infrastructure;

namespace OneWindow.Api.Tests.Features.Applications;

/// <summary>
/// The application's life on a clock the tests move (no sleeps): the correction request (补正) as a list of checklist
/// items, told once per submission round, before or after acceptance, with the supplement checked against it; the
/// extension of a complex case's time limit; the survey and public-notice pauses of the clock.
/// </summary>
public sealed class CorrectionAndClockTests(DeadlineFixture fixture) : IClassFixture<DeadlineFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string? DueDate(JsonElement application) =>
        application.GetProperty("deadline").ValueKind == JsonValueKind.Null ? null : application.GetProperty("deadline").GetProperty("dueDate").GetString();

    private async Task<List<JsonElement>> FeedAsync(HttpClient client, string businessNumber)
    {
        var events = new List<JsonElement>();
        string? after = null;
        while (true)
        {
            var page = await Json.ReadAsync(await client.GetAsync("/api/v1/events?limit=100" + (after is null ? "" : $"&after={after}"), Ct));
            events.AddRange(page.GetProperty("events").EnumerateArray().Where(e => e.GetProperty("businessNumber").GetString() == businessNumber));
            after = page.GetProperty("nextCursor").GetString();
            if (!page.GetProperty("hasMore").GetBoolean())
            {
                return events;
            }
        }
    }

    private Task<HttpResponseMessage> SupplyAsync(string number, object[] materials) =>
        fixture.Bank.PostAsync($"/api/v1/applications/{number}/supplement", JsonContent.Create(new { materials }), Ct);

    [Fact]
    public async Task Correction_before_acceptance_lists_the_items_once_and_the_clock_starts_at_acceptance()
    {
        fixture.Time.Set(new DateOnly(2026, 3, 2));
        var number = (await fixture.BankMortgageAsync()).Number;

        var asked = await Json.ReadAsync(await fixture.Staff.RequestCorrectionAsync(number, "材料不齐全，请一次补齐。",
            ("MORTGAGE_CONTRACT", "FAULTY"), ("MAIN_CREDIT_CONTRACT", "MISSING")));

        Assert.Equal("CORRECTION_REQUESTED", asked.GetProperty("status").GetString());
        Assert.Null(DueDate(asked));
        // The applicant sees what to supply.
        var seen = await Json.ReadAsync(await fixture.Bank.GetAsync($"/api/v1/applications/{number}", Ct));
        Assert.Equal([("MORTGAGE_CONTRACT", "FAULTY", 1), ("MAIN_CREDIT_CONTRACT", "MISSING", 1)], seen.GetProperty("correctionItems").EnumerateArray()
            .Select(i => (i.GetProperty("materialCode").GetString(), i.GetProperty("defect").GetString(), i.GetProperty("round").GetInt32())));
        Assert.All(seen.GetProperty("correctionItems").EnumerateArray(), i => Assert.Equal(JsonValueKind.Null, i.GetProperty("suppliedAt").ValueKind));
        // 一次性告知: a second request in the same round is refused and changes nothing.
        await Problem.AssertAsync(await fixture.Staff.RequestCorrectionAsync(number, "还缺身份证明。", ("IDENTITY", "MISSING")), 409, "CORRECTION_ALREADY_REQUESTED");

        // Only part of what was listed, or something not listed: refused, every reason at once.
        var part = Errors(await Problem.AssertAsync(await SupplyAsync(number, await fixture.UploadAsync(fixture.Bank, "MORTGAGE_CONTRACT")), 422, "APPLICATION_INVALID"));
        Assert.Equal([("CORRECTION_ITEM_NOT_SUPPLIED", "materials", "MAIN_CREDIT_CONTRACT")], part);
        var unlisted = Errors(await Problem.AssertAsync(await SupplyAsync(number,
            await fixture.UploadAsync(fixture.Bank, "MORTGAGE_CONTRACT", "MAIN_CREDIT_CONTRACT", "APPLICATION_FORM")), 422, "APPLICATION_INVALID"));
        Assert.Equal([("CORRECTION_ITEM_NOT_REQUESTED", "materials[2].code", null)], unlisted);

        fixture.Time.Set(new DateOnly(2026, 3, 4));
        var supplied = await Json.ReadAsync(await SupplyAsync(number, await fixture.UploadAsync(fixture.Bank, "MORTGAGE_CONTRACT", "MAIN_CREDIT_CONTRACT")));
        Assert.Equal("SUBMITTED", supplied.GetProperty("status").GetString());
        Assert.All(supplied.GetProperty("correctionItems").EnumerateArray(), i => Assert.Equal(JsonValueKind.String, i.GetProperty("suppliedAt").ValueKind));

        // The time limit runs from acceptance (暂行条例 arts. 17, 20): Thu Mar 5 accepted, Fri 6, Mon 9, Tue 10 counted.
        fixture.Time.Set(new DateOnly(2026, 3, 5));
        var accepted = await fixture.Staff.SteppedAsync(number, "accept");
        Assert.Equal("2026-03-10", DueDate(accepted));

        // The event lists the items by code and defect, never the registrar's notes.
        var requested = Assert.Single(await FeedAsync(fixture.Bank, number), e => e.GetProperty("type").GetString() == "application.correctionRequested");
        Assert.Equal([("MORTGAGE_CONTRACT", "FAULTY"), ("MAIN_CREDIT_CONTRACT", "MISSING")], requested.GetProperty("data").GetProperty("correctionItems").EnumerateArray()
            .Select(i => (i.GetProperty("materialCode").GetString(), i.GetProperty("defect").GetString())));
        Assert.DoesNotContain("须补正", requested.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Correction_request_without_valid_items_is_refused_with_every_reason()
    {
        fixture.Time.Set(new DateOnly(2026, 3, 2));
        var number = (await fixture.BankMortgageAsync()).Number;

        var none = await fixture.Staff.PostAsync($"/api/v1/applications/{number}/request-correction", JsonContent.Create(new { reason = "材料不齐。" }), Ct);
        var bad = await fixture.Staff.PostAsync($"/api/v1/applications/{number}/request-correction", JsonContent.Create(new
        {
            reason = "材料不齐。",
            items = new object[]
            {
                new { materialCode = "COURT_RULING", defect = "MISSING" },
                new { materialCode = "MORTGAGE_CONTRACT", defect = "LOST" },
                new { materialCode = "MAIN_CREDIT_CONTRACT", defect = "MISSING" },
                new { materialCode = "MAIN_CREDIT_CONTRACT", defect = "FAULTY" },
                new { materialCode = "", defect = "" },
            },
        }), Ct);

        Assert.Equal([("FIELD_REQUIRED", "items", null)], Errors(await Problem.AssertAsync(none, 422, "APPLICATION_INVALID")));
        Assert.Equal(
            [
                ("MATERIAL_NOT_APPLICABLE", "items[0].materialCode", null), ("INVALID_CORRECTION_DEFECT", "items[1].defect", null),
                ("DUPLICATE_MATERIAL", "items[3].materialCode", null), ("FIELD_REQUIRED", "items[4].materialCode", null), ("FIELD_REQUIRED", "items[4].defect", null),
            ],
            Errors(await Problem.AssertAsync(bad, 422, "APPLICATION_INVALID")));
        var unchanged = await Json.ReadAsync(await fixture.Bank.GetAsync($"/api/v1/applications/{number}", Ct));
        Assert.Equal("SUBMITTED", unchanged.GetProperty("status").GetString());
        Assert.Empty(unchanged.GetProperty("correctionItems").EnumerateArray());
        // Only staff ask for correction (the step needs the registry:staff scope).
        await Problem.AssertAsync(await fixture.Bank.RequestCorrectionAsync(number, "自己要求补正。", ("MORTGAGE_CONTRACT", "FAULTY")), 403, "FORBIDDEN");
    }

    private Task<HttpResponseMessage> ClockStepAsync(string number, string step, object body) =>
        fixture.Staff.PostAsync($"/api/v1/applications/{number}/{step}", JsonContent.Create(body), Ct);

    private async Task<JsonElement> ProgressAsync(string number)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/applications/{number}/progress");
        request.Headers.Add("Applicant-Id-Number", await fixture.CreditCodeAsync(ApplicationsFixture.BankName));
        return await Json.ReadAsync(await fixture.Anonymous.SendAsync(request, Ct));
    }

    [Fact]
    public async Task A_complex_case_is_extended_once_by_at_most_30_working_days_with_a_reason()
    {
        fixture.Time.Set(new DateOnly(2026, 3, 9));
        var number = (await fixture.BankMortgageAsync()).Number;
        // Accepted Mon Mar 9: Tue 10, Wed 11, Thu 12.
        Assert.Equal("2026-03-12", DueDate(await fixture.Staff.SteppedAsync(number, "accept")));

        fixture.Time.Set(new DateOnly(2026, 3, 10));
        Assert.Equal([("INVALID_EXTENSION", "workingDays", "1_TO_30")],
            Errors(await Problem.AssertAsync(await ClockStepAsync(number, "extend-deadline", new { reason = "非公证继承，需核实。", workingDays = 31 }), 422, "APPLICATION_INVALID")));
        Assert.Equal([("FIELD_REQUIRED", "workingDays", null)],
            Errors(await Problem.AssertAsync(await ClockStepAsync(number, "extend-deadline", new { reason = "非公证继承，需核实。" }), 422, "APPLICATION_INVALID")));
        await Problem.AssertAsync(await ClockStepAsync(number, "extend-deadline", new { workingDays = 10 }), 422, "REASON_REQUIRED");
        await Problem.AssertAsync(await fixture.Bank.PostAsync($"/api/v1/applications/{number}/extend-deadline",
            JsonContent.Create(new { reason = "自行延长。", workingDays = 10 }), Ct), 403, "FORBIDDEN");

        var extended = await Json.ReadAsync(await ClockStepAsync(number, "extend-deadline", new { reason = "非公证继承，需核实。", workingDays = 10 }));

        // 3 + 10 working days from Mar 9: Mar 10–13, 16–20, 23–26.
        Assert.Equal("ACCEPTED", extended.GetProperty("status").GetString());
        Assert.Equal(("2026-03-26", 13, 10), (DueDate(extended), extended.GetProperty("deadline").GetProperty("workingDays").GetInt32(),
            extended.GetProperty("deadline").GetProperty("extendedWorkingDays").GetInt32()));
        var step = extended.GetProperty("timeline").EnumerateArray().Last();
        Assert.Equal(("EXTEND_DEADLINE", "非公证继承，需核实。"), (step.GetProperty("action").GetString(), step.GetProperty("reason").GetString()));
        Assert.DoesNotContain("EXTEND_DEADLINE", extended.GetProperty("availableActions").EnumerateArray().Select(a => a.GetString()));
        await Problem.AssertAsync(await ClockStepAsync(number, "extend-deadline", new { reason = "再延长。", workingDays = 5 }), 409, "DEADLINE_ALREADY_EXTENDED");

        // The applicant's progress form and list show the extended limit; the event says by how much and the new due date.
        var progress = await ProgressAsync(number);
        Assert.Equal(("2026-03-26", 10), (DueDate(progress), progress.GetProperty("deadline").GetProperty("extendedWorkingDays").GetInt32()));
        var listed = await Json.ReadAsync(await fixture.Staff.GetAsync("/api/v1/applications?status=ACCEPTED", Ct));
        Assert.Equal(13, listed.GetProperty("items").EnumerateArray().First(a => a.GetProperty("businessNumber").GetString() == number)
            .GetProperty("deadline").GetProperty("workingDays").GetInt32());
        var heard = Assert.Single(await FeedAsync(fixture.Bank, number), e => e.GetProperty("type").GetString() == "application.deadlineExtended");
        Assert.Equal((10, "2026-03-26"), (heard.GetProperty("data").GetProperty("extensionWorkingDays").GetInt32(), heard.GetProperty("data").GetProperty("dueDate").GetString()));
        Assert.DoesNotContain("非公证继承", heard.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Survey_and_public_notice_periods_stop_the_clock_and_move_the_due_date()
    {
        fixture.Time.Set(new DateOnly(2026, 3, 9));
        var number = (await fixture.BankMortgageAsync()).Number;
        Assert.Equal("2026-03-12", DueDate(await fixture.Staff.SteppedAsync(number, "accept")));

        fixture.Time.Set(new DateOnly(2026, 3, 10));
        await Problem.AssertAsync(await ClockStepAsync(number, "resume-clock", new { }), 409, "CLOCK_NOT_PAUSED");
        Assert.Equal([("INVALID_CLOCK_PAUSE", "pause", null)],
            Errors(await Problem.AssertAsync(await ClockStepAsync(number, "pause-clock", new { reason = "外出。", pause = "HOLIDAY" }), 422, "APPLICATION_INVALID")));
        var paused = await Json.ReadAsync(await ClockStepAsync(number, "pause-clock", new { reason = "需实地测绘。", pause = "SURVEY" }));
        Assert.Equal((null, "PAUSED", "SURVEY"), (DueDate(paused), paused.GetProperty("deadline").GetProperty("state").GetString(),
            paused.GetProperty("deadline").GetProperty("pausedFor").GetString()));
        Assert.Contains("RESUME_CLOCK", paused.GetProperty("availableActions").EnumerateArray().Select(a => a.GetString()));
        await Problem.AssertAsync(await ClockStepAsync(number, "pause-clock", new { reason = "公告。", pause = "PUBLIC_NOTICE" }), 409, "CLOCK_ALREADY_PAUSED");

        // Mar 10 counted (the clock ran at its start); 11, 12 and the day it resumed (Fri 13) did not: Mon 16, Tue 17.
        fixture.Time.Set(new DateOnly(2026, 3, 13));
        var resumed = await Json.ReadAsync(await ClockStepAsync(number, "resume-clock", new { }));
        Assert.Equal(("2026-03-17", "ACCEPTED"), (DueDate(resumed), resumed.GetProperty("status").GetString()));
        Assert.Equal(JsonValueKind.Null, resumed.GetProperty("deadline").GetProperty("pausedFor").ValueKind);

        // A public notice in review: Mon 16 counted, 17 and 18 stopped, Thu 19 is the third day.
        fixture.Time.Set(new DateOnly(2026, 3, 16));
        await fixture.Staff.SteppedAsync(number, "start-review");
        Assert.Equal("PUBLIC_NOTICE", (await Json.ReadAsync(await ClockStepAsync(number, "pause-clock", new { reason = "公告期。", pause = "PUBLIC_NOTICE" })))
            .GetProperty("deadline").GetProperty("pausedFor").GetString());
        fixture.Time.Set(new DateOnly(2026, 3, 18));
        Assert.Equal("2026-03-19", DueDate(await Json.ReadAsync(await ClockStepAsync(number, "resume-clock", new { }))));

        var events = await FeedAsync(fixture.Bank, number);
        Assert.Equal([("application.clockPaused", "SURVEY"), ("application.clockResumed", "SURVEY"), ("application.clockPaused", "PUBLIC_NOTICE"), ("application.clockResumed", "PUBLIC_NOTICE")],
            events.Where(e => e.GetProperty("type").GetString()!.StartsWith("application.clock", StringComparison.Ordinal))
                .Select(e => (e.GetProperty("type").GetString(), e.GetProperty("data").GetProperty("clockPause").GetString())));
        Assert.Equal("2026-03-17", events.First(e => e.GetProperty("type").GetString() == "application.clockResumed").GetProperty("data").GetProperty("dueDate").GetString());
    }

    [Fact]
    public async Task Over_GraphQL_staff_extend_and_pause_and_the_deadline_shows_it()
    {
        fixture.Time.Set(new DateOnly(2026, 3, 9));
        var number = (await fixture.BankMortgageAsync()).Number;
        await fixture.Staff.SteppedAsync(number, "accept");
        const string step = "mutation($input: ApplicationStepInput!) { %s(input: $input) { application { deadline { dueDate workingDays extendedWorkingDays pausedFor state } } errors { code field reason } } }";
        async Task<JsonElement> Step(string name, object input) =>
            (await Json.ReadAsync(await fixture.Staff.PostGraphQLAsync(step.Replace("%s", name, StringComparison.Ordinal), new { input })))
                .GetProperty("data").GetProperty(name);

        var tooLong = await Step("extendDeadline", new { businessNumber = number, reason = "复杂。", workingDays = 0 });
        var extended = await Step("extendDeadline", new { businessNumber = number, reason = "复杂。", workingDays = 1 });
        var again = await Step("extendDeadline", new { businessNumber = number, reason = "复杂。", workingDays = 1 });
        var paused = await Step("pauseClock", new { businessNumber = number, reason = "实地查看。", pause = "SITE_INSPECTION" });
        var noPause = await Step("pauseClock", new { businessNumber = number, reason = "实地查看。" });

        Assert.Equal("INVALID_EXTENSION", tooLong.GetProperty("errors")[0].GetProperty("code").GetString());
        Assert.Equal(("2026-03-13", 4, 1), (extended.GetProperty("application").GetProperty("deadline").GetProperty("dueDate").GetString(),
            extended.GetProperty("application").GetProperty("deadline").GetProperty("workingDays").GetInt32(),
            extended.GetProperty("application").GetProperty("deadline").GetProperty("extendedWorkingDays").GetInt32()));
        Assert.Equal("DEADLINE_ALREADY_EXTENDED", again.GetProperty("errors")[0].GetProperty("code").GetString());
        Assert.Equal(("SITE_INSPECTION", "PAUSED"), (paused.GetProperty("application").GetProperty("deadline").GetProperty("pausedFor").GetString(),
            paused.GetProperty("application").GetProperty("deadline").GetProperty("state").GetString()));
        Assert.Equal("CLOCK_ALREADY_PAUSED", noPause.GetProperty("errors")[0].GetProperty("code").GetString());
    }

    private static List<(string Code, string? Field, string? Reason)> Errors(JsonElement problem) => ApplicationCalls.Errors(problem);
}
