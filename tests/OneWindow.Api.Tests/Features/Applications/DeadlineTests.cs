using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Tests.Infrastructure;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Identifiers;

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
/// last announced year, and the staff's list of applications near or past their deadline. With them, the other rules
/// that need the clock to move: a seizure is extended only until its last day, and certificate numbers run per year.
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

    [Fact]
    public async Task A_seizure_is_extended_on_its_last_day_but_not_the_day_after()
    {
        fixture.Time.Set(new DateOnly(2026, 4, 1));
        var lapsing = await fixture.FreeHouseAsync();
        var ending = await fixture.FreeHouseAsync();
        foreach (var (unit, document, endsOn) in new[] { (lapsing, "(2026)粤1202执续50号", "2026-04-29"), (ending, "(2026)粤1202执续51号", "2026-04-30") })
        {
            await fixture.Court.SubmittedAsync("seizures", new
            {
                unitCodes = new[] { unit.UnitCode }, documentNumber = document, endsOn,
                materials = await fixture.RequiredMaterialsAsync(fixture.Court, BusinessType.Seizure),
            });
        }
        async Task<object> ExtensionAsync(string unitCode, string seizure) => new
        {
            unitCodes = new[] { unitCode }, seizureDocumentNumber = seizure, documentNumber = seizure + "之一",
            materials = await fixture.RequiredMaterialsAsync(fixture.Court, BusinessType.SeizureExtension),
        };

        fixture.Time.Set(new DateOnly(2026, 4, 30));
        var lapsed = await fixture.Court.RefusedAsync("seizure-extensions", await ExtensionAsync(lapsing.UnitCode, "(2026)粤1202执续50号"));
        var extended = await fixture.Court.SubmittedAsync("seizure-extensions", await ExtensionAsync(ending.UnitCode, "(2026)粤1202执续51号"));

        // A lapsed seizure is not renewed: the court files a new seizure.
        Assert.Equal([("SEIZURE_NOT_FOUND", "unitCodes[0]", "seizureDocumentNumber")], lapsed);
        Assert.Equal("COMPLETED", extended.GetProperty("status").GetString());
        Assert.True((await fixture.Bank.RestrictionsAsync(ending.UnitCode)).GetProperty("isSeized").GetBoolean());
    }

    [Fact]
    public async Task Certificate_numbers_run_per_year_and_start_again_in_January()
    {
        var lastDay = new DateOnly(2027, 12, 31);
        async Task<CertificateNumber> RecordedOnAsync(DateOnly day)
        {
            fixture.Time.Set(day);
            var number = (await fixture.BankMortgageAsync()).Number;
            foreach (var step in new[] { "accept", "start-review", "record" })
            {
                await fixture.Staff.SteppedAsync(number, step);
            }
            return CertificateNumber.Parse(await fixture.ReadAsync(db => db.Rights.Where(r => r.BusinessNumber == number).Select(r => r.CertificateNumber!).SingleAsync()), lastDay);
        }
        // The highest number of 2027 the register holds before this test (other tests of the class may enter some).
        var before = await fixture.ReadAsync(async db =>
            (await db.Rights.Where(r => r.CertificateNumber != null).Select(r => r.CertificateNumber).ToListAsync())
            .Concat(await db.Restrictions.Where(r => r.DocumentNumber != null).Select(r => r.DocumentNumber).ToListAsync())
            .Select(n => CertificateNumber.TryParse(n, out var parsed, out _, lastDay) ? parsed : null)
            .Where(n => n is { Kind: CertificateKind.Registration, Year: 2027 }).Select(n => n!.Sequence).DefaultIfEmpty(0).Max());

        var december = await RecordedOnAsync(new DateOnly(2026, 12, 30));
        var lastOfDecember = await RecordedOnAsync(new DateOnly(2026, 12, 31));
        var january = await RecordedOnAsync(new DateOnly(2027, 1, 4));

        Assert.Equal((2026, december.Sequence + 1), (lastOfDecember.Year, lastOfDecember.Sequence));
        Assert.Equal((2027, before + 1), (january.Year, january.Sequence));
        Assert.Equal((december.Province, december.Registry, december.Kind), (january.Province, january.Registry, january.Kind));
    }
}
