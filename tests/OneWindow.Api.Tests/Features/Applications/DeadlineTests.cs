using System.Text.Json;
using OneWindow.Api.Tests.Infrastructure;

namespace OneWindow.Api.Tests.Features.Applications;

/// <summary>A host whose clock the tests move (tokens live long enough not to expire on the way).</summary>
public sealed class DeadlineFixture(RegistryFixture registry) : ApplicationsFixture(registry)
{
    public AdjustableClock Time { get; } = new(new DateTimeOffset(2025, 9, 1, 2, 0, 0, TimeSpan.Zero));

    protected override TimeProvider HostClock => Time;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Auth:AccessTokenLifetime"] = "1000.00:00:00",
        ["Auth:StatusCheckInterval"] = "1000.00:00:00",
    };
}

/// <summary>
/// Time limits in working days on the official calendar, through the API: across the National Day and Spring
/// Festival holidays with their make-up working days, paused while waiting for correction, provisional beyond the
/// last announced year, and the staff's list of applications near or past their deadline.
/// </summary>
public sealed class DeadlineTests(DeadlineFixture fixture) : IClassFixture<DeadlineFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static (string? DueDate, bool Provisional, string? State) Deadline(JsonElement application)
    {
        var deadline = application.GetProperty("deadline");
        return (deadline.GetProperty("dueDate").GetString(), deadline.GetProperty("provisional").GetBoolean(), deadline.GetProperty("state").GetString());
    }

    [Fact]
    public async Task Mortgage_accepted_before_National_Day_is_due_on_the_make_up_Saturday()
    {
        fixture.Time.Set(new DateOnly(2025, 9, 29));
        var number = (await fixture.BankMortgageAsync()).Number;
        fixture.Time.Set(new DateOnly(2025, 9, 30));

        var accepted = await fixture.Staff.SteppedAsync(number, "accept");

        // Oct 1–8 off; Thu 9 and Fri 10 count, and Saturday Oct 11 is worked (调休): the third working day.
        Assert.Equal(("2025-10-11", false, "ON_TIME"), Deadline(accepted));
        fixture.Time.Set(new DateOnly(2025, 10, 10));
        Assert.Equal("DUE_SOON", Deadline(await Json.ReadAsync(await fixture.Staff.GetAsync($"/api/v1/applications/{number}", Ct))).State);
        fixture.Time.Set(new DateOnly(2025, 10, 13));
        Assert.Equal("OVERDUE", Deadline(await Json.ReadAsync(await fixture.Staff.GetAsync($"/api/v1/applications/{number}", Ct))).State);

        var overdue = await Json.ReadAsync(await fixture.Staff.GetAsync("/api/v1/applications?deadline=OVERDUE", Ct));
        Assert.Contains(overdue.GetProperty("items").EnumerateArray(), a => a.GetProperty("businessNumber").GetString() == number);
        Assert.Equal("OVERDUE", overdue.GetProperty("items").EnumerateArray().First(a => a.GetProperty("businessNumber").GetString() == number)
            .GetProperty("deadline").GetProperty("state").GetString());
        var recorded = await fixture.Staff.SteppedAsync(number, "start-review");
        Assert.Equal("2025-10-11", Deadline(recorded).DueDate);
    }

    [Fact]
    public async Task Correction_stops_the_clock_over_the_Spring_Festival_and_supplying_restarts_it()
    {
        fixture.Time.Set(new DateOnly(2026, 2, 12));
        var number = (await fixture.BankMortgageAsync()).Number;
        fixture.Time.Set(new DateOnly(2026, 2, 13));
        var accepted = await fixture.Staff.SteppedAsync(number, "accept");
        // Sat Feb 14 is worked; Feb 15–23 off; Tue 24 and Wed 25 complete the three working days.
        Assert.Equal(("2026-02-25", false, "ON_TIME"), Deadline(accepted));

        fixture.Time.Set(new DateOnly(2026, 2, 24));
        var waiting = await Json.ReadAsync(await fixture.Staff.RequestCorrectionAsync(number, "请补充抵押合同的签字页。", ("MORTGAGE_CONTRACT", "FAULTY")));
        Assert.Equal("CORRECTION_REQUESTED", waiting.GetProperty("status").GetString());
        Assert.Equal((null, false, "PAUSED"), Deadline(waiting));

        fixture.Time.Set(new DateOnly(2026, 2, 26));
        var supplied = await fixture.Bank.PostAsync($"/api/v1/applications/{number}/supplement",
            System.Net.Http.Json.JsonContent.Create(new { materials = await fixture.UploadAsync(fixture.Bank, "MORTGAGE_CONTRACT") }), Ct);
        var resumed = await Json.ReadAsync(supplied);
        Assert.Equal("ACCEPTED", resumed.GetProperty("status").GetString());
        // Feb 14 and 24 counted; 25 and 26 were in the wait; Fri Feb 27 is the third.
        Assert.Equal(("2026-02-27", false, "DUE_SOON"), Deadline(resumed));
        Assert.Equal(7, resumed.GetProperty("materials").GetArrayLength());
    }

    [Fact]
    public async Task Deadline_beyond_the_last_announced_year_is_provisional()
    {
        fixture.Time.Set(new DateOnly(2026, 12, 29));
        var number = (await fixture.BankMortgageAsync()).Number;

        var accepted = await fixture.Staff.SteppedAsync(number, "accept");

        // Wed Dec 30, Thu Dec 31, then 2027 is not announced: Jan 1 is kept as a holiday, Mon Jan 4 is the third day.
        Assert.Equal(("2027-01-04", true, "ON_TIME"), Deadline(accepted));
        var listed = await Json.ReadAsync(await fixture.Bank.GetAsync("/api/v1/applications?status=ACCEPTED", Ct));
        Assert.True(listed.GetProperty("items").EnumerateArray().First(a => a.GetProperty("businessNumber").GetString() == number)
            .GetProperty("deadline").GetProperty("provisional").GetBoolean());
    }
}
