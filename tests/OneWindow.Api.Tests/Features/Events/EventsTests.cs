using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Tests.Features.Applications;
using OneWindow.Api.Tests.Infrastructure;
using OneWindow.Domain.Applications;

namespace OneWindow.Api.Tests.Features.Events;

/// <summary>
/// The outbox and the feed: an event exists exactly when its change committed, is heard by the application's parties and
/// the unit's holders of record and by nobody else, and the feed replays the same events in the same order from any
/// cursor.
/// </summary>
public sealed class EventsTests(ApplicationsFixture fixture) : IClassFixture<ApplicationsFixture>
{
    private const string OtherBank = "岭南示范银行股份有限公司肇庆分行";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<List<JsonElement>> FeedAsync(HttpClient client, string? after = null, int limit = 100)
    {
        var events = new List<JsonElement>();
        while (true)
        {
            var page = await Json.ReadAsync(await client.GetAsync($"/api/v1/events?limit={limit}" + (after is null ? "" : $"&after={after}"), Ct));
            events.AddRange(page.GetProperty("events").EnumerateArray());
            after = page.GetProperty("nextCursor").GetString();
            if (!page.GetProperty("hasMore").GetBoolean())
            {
                return events;
            }
        }
    }

    private static IEnumerable<JsonElement> Of(IEnumerable<JsonElement> events, string? businessNumber = null, string? unitCode = null) =>
        events.Where(e => (businessNumber is null || e.GetProperty("businessNumber").GetString() == businessNumber)
            && (unitCode is null || e.GetProperty("unitCode").GetString() == unitCode));

    [Fact]
    public async Task Each_step_of_an_application_is_one_event_committed_with_it_and_a_refused_step_writes_none()
    {
        var (number, unitCode) = await fixture.BankMortgageAsync();
        var refused = await fixture.Bank.StepAsync(number, "accept");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        await fixture.Staff.SteppedAsync(number, "accept");

        var steps = await fixture.ReadAsync(db => db.ApplicationEvents.CountAsync(e => db.Applications.Any(a => a.Id == e.ApplicationId && a.BusinessNumber == number), Ct));
        var stored = await fixture.ReadAsync(db => db.OutboxEvents.Where(e => e.BusinessNumber == number).OrderBy(e => e.Id).Select(e => e.Type).ToListAsync(Ct));
        Assert.Equal(steps, stored.Count);
        Assert.Equal("application.accepted", stored[^1]);

        var heard = Of(await FeedAsync(fixture.Bank), number).ToList();
        Assert.Equal(stored, heard.Select(e => e.GetProperty("type").GetString()));
        Assert.All(heard, e => Assert.Equal(unitCode, e.GetProperty("unitCode").GetString()));
        // No names or ID numbers travel: the mortgagors are people.
        var owners = await fixture.HoldersAsync(unitCode);
        Assert.All(heard, e => Assert.All(owners, o =>
        {
            Assert.DoesNotContain(o.Party.Name, e.GetProperty("data").GetRawText(), StringComparison.Ordinal);
            Assert.DoesNotContain(o.Party.IdNumber, e.GetProperty("data").GetRawText(), StringComparison.Ordinal);
        }));
    }

    [Fact]
    public async Task A_refused_submission_writes_no_event()
    {
        var unit = await fixture.SeizedHouseAsync();
        var body = await fixture.MortgageAsync(fixture.Bank, unit);
        var response = await fixture.Bank.SubmitAsync("mortgage-registrations", body);
        Assert.False(response.IsSuccessStatusCode);

        var events = await fixture.ReadAsync(db => db.OutboxEvents.CountAsync(e => e.UnitCode == unit.UnitCode || e.Data.Contains(unit.UnitCode), Ct));
        Assert.Equal(0, events);
    }

    [Fact]
    public async Task A_bank_hears_of_a_seizure_on_the_unit_it_holds_a_mortgage_on_and_another_bank_does_not()
    {
        var unit = await fixture.MortgagedHouseAsync();
        var materials = await fixture.RequiredMaterialsAsync(fixture.Court, BusinessType.Seizure);
        var seized = await fixture.Court.SubmittedAsync("seizures", new { unitCodes = new[] { unit.UnitCode }, documentNumber = "(2025)粤1202执5151号", materials });
        Assert.Equal("COMPLETED", seized.GetProperty("status").GetString());

        var bankHears = Of(await FeedAsync(fixture.Bank), unitCode: unit.UnitCode).Where(e => e.GetProperty("type").GetString() == "unit.seized").ToList();
        var seizure = Assert.Single(bankHears);
        Assert.Equal("(2025)粤1202执5151号", seizure.GetProperty("data").GetProperty("documentNumber").GetString());
        // The court hears it too (it seized), after its own application's steps, in the timeline's order.
        var courtHears = Of(await FeedAsync(fixture.Court), seized.GetProperty("businessNumber").GetString()).Select(e => e.GetProperty("type").GetString());
        Assert.Equal(["application.submitted", "application.recorded", "application.completed", "unit.seized"], courtHears);

        // Another partner holds nothing on the unit: it hears nothing of it, and nothing is addressed to the other bank.
        Assert.Empty(Of(await FeedAsync(fixture.Developer), unitCode: unit.UnitCode));
        var otherBank = "org:" + await fixture.ReadAsync(db => db.Parties.Where(p => p.Name == OtherBank).Select(p => p.IdNumber).FirstAsync(Ct));
        var eventId = long.Parse(seizure.GetProperty("id").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var recipients = await fixture.ReadAsync(db => db.OutboxRecipients.Where(r => r.EventId == eventId).Select(r => r.Recipient).ToListAsync(Ct));
        Assert.Contains("org:" + await fixture.CreditCodeAsync(ApplicationsFixture.BankName), recipients);
        Assert.DoesNotContain(otherBank, recipients);
    }

    [Fact]
    public async Task A_partner_never_hears_of_another_partners_applications()
    {
        var (number, _) = await fixture.BankMortgageAsync();

        Assert.NotEmpty(Of(await FeedAsync(fixture.Bank), number));
        foreach (var other in new[] { fixture.Developer, fixture.Agency, fixture.Court })
        {
            Assert.Empty(Of(await FeedAsync(other), number));
        }
        var anonymous = await fixture.Anonymous.GetAsync("/api/v1/events", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task The_feed_replays_the_same_events_in_the_same_order_from_any_cursor_over_REST_and_GraphQL()
    {
        // Four events of its own at least (submitted and accepted, twice), whatever other tests ran before.
        for (var i = 0; i < 2; i++)
        {
            var (number, _) = await fixture.BankMortgageAsync();
            await fixture.Staff.SteppedAsync(number, "accept");
        }

        var all = await FeedAsync(fixture.Bank);
        var paged = await FeedAsync(fixture.Bank, limit: 2);
        Assert.True(all.Count >= 4);
        Assert.Equal(all.Select(e => e.GetProperty("id").GetString()), paged.Select(e => e.GetProperty("id").GetString()));
        var middle = all.Count / 2;
        var replayed = await FeedAsync(fixture.Bank, all[middle].GetProperty("cursor").GetString());
        Assert.Equal(all.Skip(middle + 1).Select(e => e.GetProperty("id").GetString()), replayed.Select(e => e.GetProperty("id").GetString()));

        var graph = await Json.ReadAsync(await fixture.Bank.PostGraphQLAsync(
            "query($after: String) { events(after: $after, first: 100) { events { id type data cursor } nextCursor hasMore } }",
            new { after = all[middle].GetProperty("cursor").GetString() }));
        var graphIds = graph.GetProperty("data").GetProperty("events").GetProperty("events").EnumerateArray().Select(e => e.GetProperty("id").GetString());
        Assert.Equal(all.Skip(middle + 1).Take(100).Select(e => e.GetProperty("id").GetString()), graphIds);
    }

    [Theory]
    [InlineData("not-a-cursor", 400, "INVALID_CURSOR")]
    // event:1:0 — an event of 1970, long past the retention period.
    [InlineData("ZXZlbnQ6MTow", 410, "EVENT_CURSOR_EXPIRED")]
    public async Task A_bad_cursor_is_refused_with_a_stable_code(string cursor, int status, string code)
    {
        await Problem.AssertAsync(await fixture.Bank.GetAsync($"/api/v1/events?after={cursor}", Ct), status, code);
        var answer = await fixture.Bank.PostGraphQLAsync("query($after: String) { events(after: $after) { hasMore } }", new { after = cursor });
        var graph = JsonDocument.Parse(await answer.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal(code, graph.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }
}
