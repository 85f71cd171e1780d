using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using OneWindow.Api.Tests.Features.Applications;
using OneWindow.Api.Tests.Infrastructure;
using OneWindow.Domain.Applications;

namespace OneWindow.Api.Tests.Features.Events;

/// <summary>A host whose webhooks may call the test's loopback receiver, retry within a second, and wait long on a slow one.</summary>
public sealed class WebhooksFixture(RegistryFixture registry) : ApplicationsFixture(registry), IAsyncLifetime
{
    private readonly RunningClock _clock = new(DemoClock.GetUtcNow());

    public WebhookReceiver Receiver { get; private set; } = null!;

    public TimeProvider Clock => _clock;

    protected override TimeProvider HostClock => _clock;

    protected override IReadOnlyDictionary<string, string?>? Settings => WebhookSettings.Loopback(
        retries: ["00:00:00.2", "00:00:00.2"], timeout: "00:03:00");

    public override async ValueTask InitializeAsync()
    {
        Receiver = await WebhookReceiver.StartAsync();
        await base.InitializeAsync();
    }

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        await DisposeAsync();
        await Receiver.DisposeAsync();
    }
}

/// <summary>Settings of a host that delivers to the test's loopback receiver (never used outside tests: Production refuses them).</summary>
public static class WebhookSettings
{
    public static Dictionary<string, string?> Loopback(string[] retries, string timeout = "00:00:30", string? expiryWarning = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Webhooks:AllowPrivateAddresses"] = "true",
            ["Webhooks:AllowInsecureHttp"] = "true",
            ["Webhooks:PollInterval"] = "00:00:00.1",
            ["Webhooks:Timeout"] = timeout,
        };
        for (var i = 0; i < retries.Length; i++)
        {
            settings[$"Webhooks:RetrySchedule:{i}"] = retries[i];
        }
        if (expiryWarning is not null)
        {
            settings["Webhooks:SecretExpiryWarning"] = expiryWarning;
        }
        return settings;
    }
}

/// <summary>What a receiver does with a delivery (docs/events.md, Webhooks: the same check in C#).</summary>
public static class Receiving
{
    /// <summary>Whether one of the header's v1 signatures is the HMAC-SHA256 of "{t}.{body}" under <paramref name="secret"/>.</summary>
    public static bool SignedWith(string header, string body, string secret)
    {
        var parts = header.Split(',').Select(p => p.Split('=', 2)).ToList();
        var t = parts.Single(p => p[0] == "t")[1];
        var expected = Encoding.ASCII.GetBytes(Convert.ToHexStringLower(
            HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(t + "." + body))));
        return parts.Where(p => p[0] == "v1").Any(p => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(p[1]), expected));
    }

    public static DateTimeOffset Timestamp(string header) =>
        DateTimeOffset.FromUnixTimeSeconds(long.Parse(header.Split(',').Single(p => p.StartsWith("t=", StringComparison.Ordinal))[2..], CultureInfo.InvariantCulture));

    public static int SignatureCount(string header) => header.Split(',').Count(p => p.StartsWith("v1=", StringComparison.Ordinal));

    public static JsonElement Body(this ReceivedWebhook request) => JsonDocument.Parse(request.Body).RootElement;

    public static string? BusinessNumber(this ReceivedWebhook request) =>
        request.Body().TryGetProperty("businessNumber", out var number) ? number.GetString() : null;

    public static async Task<(string Id, string Secret)> RegisterAsync(this HttpClient partner, string url, params string[] types)
    {
        var response = await partner.PostAsJsonAsync("/api/v1/webhooks", new { url, eventTypes = types }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var body = await Json.ReadAsync(response);
        return (body.GetProperty("webhook").GetProperty("id").GetString()!, body.GetProperty("secret").GetString()!);
    }

    public static async Task<List<JsonElement>> DeliveriesAsync(this HttpClient partner, string webhookId)
    {
        var page = await Json.ReadAsync(await partner.GetAsync($"/api/v1/webhooks/{webhookId}/deliveries?limit=100", TestContext.Current.CancellationToken));
        return [.. page.GetProperty("items").EnumerateArray()];
    }
}

/// <summary>
/// Signed webhooks on PostgreSQL (docs/events.md, Webhooks): a receiver in the test checks the signatures, sees retries
/// after failures, the order of an application's events, dead letters and redelivery, and hears only what the partner
/// hears on the feed.
/// </summary>
public sealed class WebhookTests(WebhooksFixture fixture) : IClassFixture<WebhooksFixture>
{
    private const string OtherBank = "岭南示范银行股份有限公司肇庆分行";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private WebhookReceiver Receiver => fixture.Receiver;

    private async Task<List<JsonElement>> FeedOfAsync(HttpClient client, string businessNumber)
    {
        var page = await Json.ReadAsync(await client.GetAsync("/api/v1/events?limit=100", Ct));
        var events = page.GetProperty("events").EnumerateArray().ToList();
        var after = page.GetProperty("nextCursor").GetString();
        while (page.GetProperty("hasMore").GetBoolean())
        {
            page = await Json.ReadAsync(await client.GetAsync($"/api/v1/events?limit=100&after={after}", Ct));
            events.AddRange(page.GetProperty("events").EnumerateArray());
            after = page.GetProperty("nextCursor").GetString();
        }
        return [.. events.Where(e => e.GetProperty("businessNumber").GetString() == businessNumber)];
    }

    private static bool Acknowledged(WebhookReceiver receiver, string path, string eventId) =>
        receiver.At(path).Any(r => r.EventId == eventId && r.Answered == 200);

    [Fact]
    public async Task A_delivery_is_the_feed_event_signed_with_the_endpoint_secret_over_timestamp_and_body()
    {
        var (id, secret) = await fixture.Bank.RegisterAsync(Receiver.Url("signed"), "application.*");
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        var listed = await fixture.Bank.GetStringAsync("/api/v1/webhooks", Ct);
        Assert.Contains(id, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, listed, StringComparison.Ordinal);
        var stored = await fixture.ReadAsync(db => db.WebhookEndpoints.Where(e => e.Id == long.Parse(id, CultureInfo.InvariantCulture)).Select(e => e.ProtectedSecret).SingleAsync(Ct));
        Assert.DoesNotContain(secret[6..], stored, StringComparison.Ordinal);

        var (number, _) = await fixture.BankMortgageAsync();
        var feed = await FeedOfAsync(fixture.Bank, number);
        var submitted = feed.First(e => e.GetProperty("type").GetString() == "application.submitted");
        var eventId = submitted.GetProperty("id").GetString()!;
        await Receiver.WaitForAsync(r => Acknowledged(r, "signed", eventId), "the submission's event");

        var delivery = Receiver.At("signed").First(r => r.EventId == eventId);
        Assert.True(Receiving.SignedWith(delivery.Signature, delivery.Body, secret), delivery.Signature);
        Assert.Equal(1, Receiving.SignatureCount(delivery.Signature));
        Assert.False(Receiving.SignedWith(delivery.Signature, delivery.Body.Replace(number, number + "0", StringComparison.Ordinal), secret));
        Assert.False(Receiving.SignedWith(delivery.Signature, delivery.Body, "whsec_" + new string('A', 43)));
        // Fresh by the host's clock: a receiver's 5-minute window holds.
        Assert.True((fixture.Clock.GetUtcNow() - Receiving.Timestamp(delivery.Signature)).Duration() < TimeSpan.FromMinutes(5));
        Assert.Equal("application.submitted", delivery.EventType);
        var body = delivery.Body();
        foreach (var field in new[] { "id", "type", "occurredAt", "businessNumber", "unitCode", "cursor" })
        {
            Assert.Equal(submitted.GetProperty(field).GetRawText(), body.GetProperty(field).GetRawText());
        }
        Assert.Equal(submitted.GetProperty("data").GetProperty("toStatus").GetString(), body.GetProperty("data").GetProperty("toStatus").GetString());

        // The receiver answered before the dispatcher recorded the answer.
        var entry = (await Eventually.WaitAsync(
            async () => (await fixture.Bank.DeliveriesAsync(id)).Cast<JsonElement?>().FirstOrDefault(d => d!.Value.GetProperty("eventId").GetString() == eventId),
            d => d?.GetProperty("status").GetString() == "DELIVERED", "the delivery recorded as delivered"))!.Value;
        var attempt = Assert.Single(entry.GetProperty("attemptLog").EnumerateArray());
        Assert.Equal(200, attempt.GetProperty("statusCode").GetInt32());
        Assert.Equal("ok", attempt.GetProperty("responseExcerpt").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await fixture.Bank.DeleteAsync($"/api/v1/webhooks/{id}", Ct)).StatusCode);
        await Problem.AssertAsync(await fixture.Bank.GetAsync($"/api/v1/webhooks/{id}", Ct), 404, "WEBHOOK_NOT_FOUND");
    }

    [Fact]
    public async Task A_failed_delivery_is_retried_until_it_succeeds_and_the_log_shows_every_attempt()
    {
        var failures = 0;
        Receiver.Answer("flaky", r => Task.FromResult(r.EventType == "application.submitted" && Interlocked.Increment(ref failures) <= 2 ? 500 : 200));
        var (id, _) = await fixture.Bank.RegisterAsync(Receiver.Url("flaky"), "application.submitted");

        var (number, _) = await fixture.BankMortgageAsync();
        var eventId = (await FeedOfAsync(fixture.Bank, number)).First(e => e.GetProperty("type").GetString() == "application.submitted").GetProperty("id").GetString()!;
        await Receiver.WaitForAsync(r => Acknowledged(r, "flaky", eventId), "the third attempt");

        var attempts = Receiver.At("flaky").Where(r => r.EventId == eventId).ToList();
        Assert.Equal([500, 500, 200], attempts.Select(a => a.Answered));
        Assert.Equal(["1", "2", "3"], attempts.Select(a => a.Headers["OneWindow-Delivery-Attempt"]));
        Assert.Single(attempts.Select(a => a.Body).Distinct());
        var entry = (await Eventually.WaitAsync(
            async () => (await fixture.Bank.DeliveriesAsync(id)).Cast<JsonElement?>().FirstOrDefault(d => d!.Value.GetProperty("eventId").GetString() == eventId),
            d => d?.GetProperty("status").GetString() == "DELIVERED", "the delivery recorded as delivered"))!.Value;
        var log = entry.GetProperty("attemptLog").EnumerateArray().ToList();
        Assert.Equal([500, 500, 200], log.Select(a => a.GetProperty("statusCode").GetInt32()));
        Assert.Equal([1, 2, 3], log.Select(a => a.GetProperty("number").GetInt32()));
        Assert.Equal("receiver failed on purpose", log[0].GetProperty("responseExcerpt").GetString());
        Assert.All(log, a => Assert.True(a.GetProperty("durationMs").GetInt32() >= 0));
        await fixture.Bank.DeleteAsync($"/api/v1/webhooks/{id}", Ct);
    }

    [Fact]
    public async Task An_applications_events_arrive_in_feed_order_while_a_slow_endpoint_delays_no_other()
    {
        // The first submission this endpoint gets hangs until the test lets it fail; the application's later events wait.
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = 0;
        Receiver.Answer("ordered", r => r.EventType == "application.submitted" && Interlocked.Increment(ref held) == 1 ? release.Task : Task.FromResult(200));
        var (slow, _) = await fixture.Bank.RegisterAsync(Receiver.Url("ordered"), "application.*");
        var (fast, _) = await fixture.Bank.RegisterAsync(Receiver.Url("fast"), "application.*");

        var (number, _) = await fixture.BankMortgageAsync();
        await fixture.Staff.SteppedAsync(number, "accept");
        var feed = (await FeedOfAsync(fixture.Bank, number)).Select(e => e.GetProperty("id").GetString()!).ToList();
        Assert.True(feed.Count >= 2);

        // The other endpoint has every event while the slow one still holds the first.
        await Receiver.WaitForAsync(r => feed.All(e => Acknowledged(r, "fast", e)), "every event at the fast endpoint");
        await Eventually.WaitAsync(async () => (await fixture.Bank.DeliveriesAsync(slow)).Count, n => n >= feed.Count, "the slow endpoint's queue");
        Assert.Empty(Receiver.At("ordered"));
        release.SetResult(500);

        await Receiver.WaitForAsync(r => feed.All(e => Acknowledged(r, "ordered", e)), "every event at the slow endpoint");
        var arrivals = Receiver.At("ordered").Where(r => feed.Contains(r.EventId)).ToList();
        Assert.Equal(feed, arrivals.Select(r => r.EventId).Distinct());
        Assert.Equal((feed[0], 500), (arrivals[0].EventId, arrivals[0].Answered));
        Assert.Equal((feed[0], 200), (arrivals[1].EventId, arrivals[1].Answered));
        Assert.Equal(feed, arrivals.Where(r => r.Answered == 200).Select(r => r.EventId));
        await fixture.Bank.DeleteAsync($"/api/v1/webhooks/{slow}", Ct);
        await fixture.Bank.DeleteAsync($"/api/v1/webhooks/{fast}", Ct);
    }

    [Fact]
    public async Task A_delivery_that_fails_every_attempt_is_dead_lettered_and_the_partner_redelivers_it()
    {
        var down = new StrongBox<bool>(true);
        Receiver.Answer("dead", _ => Task.FromResult(Volatile.Read(ref down.Value) ? 503 : 200));
        var (id, _) = await fixture.Bank.RegisterAsync(Receiver.Url("dead"), "application.submitted");

        var (number, _) = await fixture.BankMortgageAsync();
        var eventId = (await FeedOfAsync(fixture.Bank, number)).First(e => e.GetProperty("type").GetString() == "application.submitted").GetProperty("id").GetString()!;
        var dead = (await Eventually.WaitAsync(
            async () => (await fixture.Bank.DeliveriesAsync(id)).Cast<JsonElement?>().FirstOrDefault(d => d!.Value.GetProperty("eventId").GetString() == eventId),
            d => d?.GetProperty("status").GetString() == "DEAD_LETTERED", "the dead letter"))!.Value;
        // The schedule has two retries: three attempts, all refused.
        Assert.Equal(3, dead.GetProperty("attempts").GetInt32());
        Assert.Equal([503, 503, 503], dead.GetProperty("attemptLog").EnumerateArray().Select(a => a.GetProperty("statusCode").GetInt32()));
        var deliveryId = dead.GetProperty("id").GetString()!;
        var listed = await Json.ReadAsync(await fixture.Bank.GetAsync($"/api/v1/webhooks/{id}/deliveries?status=DEAD_LETTERED", Ct));
        Assert.Contains(listed.GetProperty("items").EnumerateArray(), d => d.GetProperty("id").GetString() == deliveryId);

        Volatile.Write(ref down.Value, false);
        var redelivered = await fixture.Bank.PostAsync($"/api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver", null, Ct);
        Assert.Equal(HttpStatusCode.Accepted, redelivered.StatusCode);
        await Receiver.WaitForAsync(r => Acknowledged(r, "dead", eventId), "the redelivery");
        var delivered = (await Eventually.WaitAsync(
            async () => (await fixture.Bank.DeliveriesAsync(id)).Cast<JsonElement?>().FirstOrDefault(d => d!.Value.GetProperty("id").GetString() == deliveryId),
            d => d?.GetProperty("status").GetString() == "DELIVERED", "the redelivery recorded"))!.Value;
        Assert.Equal([503, 503, 503, 200], delivered.GetProperty("attemptLog").EnumerateArray().Select(a => a.GetProperty("statusCode").GetInt32()));

        await Problem.AssertAsync(await fixture.Bank.PostAsync($"/api/v1/webhooks/{id}/deliveries/999999999/redeliver", null, Ct), 404, "WEBHOOK_DELIVERY_NOT_FOUND");
        // Another partner cannot see or redeliver the bank's endpoint.
        await Problem.AssertAsync(await fixture.Developer.PostAsync($"/api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver", null, Ct), 404, "WEBHOOK_NOT_FOUND");
        await Problem.AssertAsync(await fixture.Developer.GetAsync($"/api/v1/webhooks/{id}/deliveries", Ct), 404, "WEBHOOK_NOT_FOUND");
        await fixture.Bank.DeleteAsync($"/api/v1/webhooks/{id}", Ct);
    }

    [Fact]
    public async Task A_bank_hears_of_a_seizure_on_its_mortgaged_unit_by_webhook_and_another_bank_does_not()
    {
        var other = await OtherBankAsync();
        var (mine, _) = await fixture.Bank.RegisterAsync(Receiver.Url("bank-units"), "unit.*");
        var (theirs, _) = await other.RegisterAsync(Receiver.Url("other-bank"), "*");

        var unit = await fixture.MortgagedHouseAsync();
        var materials = await fixture.RequiredMaterialsAsync(fixture.Court, BusinessType.Seizure);
        var seized = await fixture.Court.SubmittedAsync("seizures", new { unitCodes = new[] { unit.UnitCode }, documentNumber = "(2025)粤1202执6161号", materials });
        Assert.Equal("COMPLETED", seized.GetProperty("status").GetString());

        await Receiver.WaitForAsync(r => r.At("bank-units").Any(x => x.EventType == "unit.seized" && x.Body().GetProperty("unitCode").GetString() == unit.UnitCode),
            "the seizure at the bank's endpoint");
        var seizure = await fixture.ReadAsync(db => db.OutboxEvents.Where(e => e.UnitCode == unit.UnitCode && e.Type == "unit.seized").Select(e => new { e.Id, e.Position }).SingleAsync(Ct));
        // The other bank's endpoint has been queued past the seizure: it was not among its events.
        var theirId = long.Parse(theirs, CultureInfo.InvariantCulture);
        await Eventually.WaitAsync(() => fixture.ReadAsync(db => db.WebhookEndpoints.Where(e => e.Id == theirId).Select(e => (long?)e.LastPosition).SingleAsync(Ct)),
            p => p >= seizure.Position, "the other bank's queue past the seizure");
        Assert.False(await fixture.ReadAsync(db => db.WebhookDeliveries.AnyAsync(d => d.EndpointId == theirId && d.EventId == seizure.Id, Ct)));
        Assert.DoesNotContain(Receiver.At("other-bank"), r => r.Body.Contains(unit.UnitCode, StringComparison.Ordinal));
        await fixture.Bank.DeleteAsync($"/api/v1/webhooks/{mine}", Ct);
        await other.DeleteAsync($"/api/v1/webhooks/{theirs}", Ct);
    }

    [Fact]
    public async Task After_a_rotation_both_the_new_and_the_previous_secret_sign_during_the_overlap()
    {
        var (id, first) = await fixture.Bank.RegisterAsync(Receiver.Url("rotated"), "application.submitted");
        var rotated = await fixture.Bank.PostAsync($"/api/v1/webhooks/{id}/rotate-secret", null, Ct);
        var body = await Json.ReadAsync(rotated);
        var second = body.GetProperty("secret").GetString()!;
        Assert.NotEqual(first, second);
        Assert.Equal(JsonValueKind.String, body.GetProperty("webhook").GetProperty("previousSecretExpiresAt").ValueKind);

        var (number, _) = await fixture.BankMortgageAsync();
        await Receiver.WaitForAsync(r => r.At("rotated").Any(x => x.BusinessNumber() == number && x.Answered == 200), "the delivery after the rotation");
        var delivery = Receiver.At("rotated").First(x => x.BusinessNumber() == number);
        Assert.Equal(2, Receiving.SignatureCount(delivery.Signature));
        Assert.True(Receiving.SignedWith(delivery.Signature, delivery.Body, second));
        Assert.True(Receiving.SignedWith(delivery.Signature, delivery.Body, first));
        // The first v1 is the new secret's.
        var newOnly = string.Join(',', delivery.Signature.Split(',').Take(2));
        Assert.True(Receiving.SignedWith(newOnly, delivery.Body, second));
        await fixture.Bank.DeleteAsync($"/api/v1/webhooks/{id}", Ct);
    }

    [Fact]
    public async Task Bad_registrations_are_refused_with_stable_codes_and_write_nothing()
    {
        var before = await fixture.ReadAsync(db => db.WebhookEndpoints.CountAsync(Ct));
        async Task RefusedAsync(object body, string code, string? reason = null)
        {
            var problem = await Problem.AssertAsync(await fixture.Bank.PostAsJsonAsync("/api/v1/webhooks", body, Ct), 400, code);
            if (reason is not null)
            {
                Assert.Equal(reason, problem.GetProperty("reason").GetString());
            }
        }
        await RefusedAsync(new { eventTypes = new[] { "*" } }, "FIELD_REQUIRED");
        await RefusedAsync(new { url = "not a url", eventTypes = new[] { "*" } }, "INVALID_WEBHOOK_URL", "MALFORMED");
        await RefusedAsync(new { url = "ftp://example.com/hook", eventTypes = new[] { "*" } }, "INVALID_WEBHOOK_URL", "MALFORMED");
        await RefusedAsync(new { url = "https://user:pass@example.com/hook", eventTypes = new[] { "*" } }, "INVALID_WEBHOOK_URL", "CREDENTIALS_IN_URL");
        await RefusedAsync(new { url = Receiver.Url("x"), eventTypes = Array.Empty<string>() }, "INVALID_WEBHOOK_EVENT_TYPES");
        await RefusedAsync(new { url = Receiver.Url("x"), eventTypes = new[] { "unit.exploded" } }, "INVALID_WEBHOOK_EVENT_TYPES");
        await RefusedAsync(new { url = Receiver.Url("x"), eventTypes = new[] { "*" }, description = new string('x', 201) }, "INVALID_TEXT");
        Assert.Equal(before, await fixture.ReadAsync(db => db.WebhookEndpoints.CountAsync(Ct)));

        using var verifier = await fixture.App.CreateClientAsync("demo-verifier");
        await Problem.AssertAsync(await verifier.GetAsync("/api/v1/webhooks", Ct), 403, "FORBIDDEN");
        await Problem.AssertAsync(await fixture.Citizen.GetAsync("/api/v1/webhooks", Ct), 403, "FORBIDDEN");
        await Problem.AssertAsync(await fixture.Anonymous.GetAsync("/api/v1/webhooks", Ct), 401, "UNAUTHENTICATED");
    }

    /// <summary>The other bank of the demo register (a mortgagee of other units) signs up, is approved and gets a client.</summary>
    private async Task<HttpClient> OtherBankAsync()
    {
        var code = await fixture.ReadAsync(db => db.Parties.Where(p => p.Name == OtherBank).Select(p => p.IdNumber).FirstAsync(Ct));
        var signedUp = await Json.ReadAsync(await fixture.Anonymous.PostAsJsonAsync("/api/v1/partners/sign-up", new
        {
            name = OtherBank, creditCode = code, kind = "BANK", contactName = "林联络", contactPhone = "13800138001", contactEmail = "lin@example.cn",
        }, Ct));
        var partnerId = signedUp.GetProperty("id").GetInt64();
        await Json.ReadAsync(await fixture.Operator.PostAsJsonAsync($"/api/v1/admin/partners/{partnerId}/approve", new { note = "测试" }, Ct));
        var client = await Json.ReadAsync(await fixture.Operator.PostAsync($"/api/v1/admin/partners/{partnerId}/clients", null, Ct));
        var http = fixture.App.CreateClient();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
            await fixture.App.TokenAsync(client.GetProperty("client").GetProperty("clientId").GetString()!, secret: client.GetProperty("clientSecret").GetString()!));
        return http;
    }
}

/// <summary>
/// The dispatcher keeps nothing only in memory: a host stopped mid-way (deliveries refused, retries pending) and events
/// committed while no host runs are all delivered by the next host, in order per application, each event queued once.
/// </summary>
public sealed class WebhookRestartTests(RegistryFixture registry)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<List<string>> AddEventsAsync(RegistryApp app, long partnerId, params (string Number, string Type)[] events)
    {
        var ids = new List<string>();
        foreach (var (number, type) in events)
        {
            // Each in its own transaction, as the changes that write them commit one by one.
            await using var db = app.CreateDbContext();
            var added = OneWindow.Api.Events.Outbox.Add(db, type, DateTime.UtcNow, number, null, new { businessNumber = number }, ["partner:" + partnerId.ToString(CultureInfo.InvariantCulture)]);
            await db.SaveChangesAsync(Ct);
            ids.Add(added.Id.ToString(CultureInfo.InvariantCulture));
        }
        return ids;
    }

    [Fact]
    public async Task A_host_stopped_mid_way_loses_nothing_and_the_next_host_delivers_every_event_in_order_per_application()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var down = new StrongBox<bool>(true);
        receiver.Answer("restart", _ => Task.FromResult(Volatile.Read(ref down.Value) ? 503 : 200));
        // Quick retries first, then waits of seconds: nothing is dead-lettered while the host is down.
        var settings = WebhookSettings.Loopback(["00:00:00.2", "00:00:00.2", "00:00:02", "00:00:02", "00:00:02", "00:00:02", "00:00:02", "00:00:02"]);
        var first = await RegistryApp.CreateAsync(registry, "webhook-restart", settings: settings);
        using (var bank = await first.CreateClientAsync("demo-bank"))
        {
            await bank.RegisterAsync(receiver.Url("restart"), "application.*");
        }
        await using var db = first.CreateDbContext();
        var partnerId = await db.Partners.Where(p => p.Name == ApplicationsFixture.BankName).Select(p => p.Id).SingleAsync(Ct);
        var before = await AddEventsAsync(first, partnerId,
            ("WH-RESTART-A", "application.submitted"), ("WH-RESTART-B", "application.submitted"), ("WH-RESTART-A", "application.accepted"),
            ("WH-RESTART-B", "application.accepted"), ("WH-RESTART-A", "application.underReview"));
        await receiver.WaitForAsync(r => r.At("restart").Count >= 2, "refused attempts before the stop");
        await first.DisposeAsync();

        // Committed while no instance runs.
        var during = await AddEventsAsync(first, partnerId, ("WH-RESTART-B", "application.underReview"), ("WH-RESTART-A", "application.recorded"));
        Volatile.Write(ref down.Value, false);
        await using var second = first.Twin();
        _ = second.Services;

        var all = before.Concat(during).ToList();
        await receiver.WaitForAsync(r => all.All(id => r.At("restart").Any(x => x.EventId == id && x.Answered == 200)), "every event after the restart");
        foreach (var number in new[] { "WH-RESTART-A", "WH-RESTART-B" })
        {
            var acknowledged = receiver.At("restart").Where(x => x.Answered == 200 && x.BusinessNumber() == number).Select(x => x.EventId).ToList();
            var expected = await db.OutboxEvents.Where(e => e.BusinessNumber == number).OrderBy(e => e.Position).Select(e => e.Id).ToListAsync(Ct);
            Assert.Equal(expected.Select(id => id.ToString(CultureInfo.InvariantCulture)), acknowledged.Distinct());
        }
        Assert.Equal(all.Count, await db.WebhookDeliveries.CountAsync(Ct));
    }
}

/// <summary>The embedded default (SQLite): queued, claimed and delivered the same way; an expiring secret is an event.</summary>
public sealed class EmbeddedWebhookTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task On_SQLite_the_secret_expiry_warning_is_delivered_signed_and_is_in_the_partners_feed()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        // Every secret lives 90 days: a warning 91 days ahead is due at once.
        await using var app = new EmbeddedApp(WebhookSettings.Loopback(["00:00:00.2"], expiryWarning: "91.00:00:00"));
        using var bank = app.CreateClient();
        var token = await Json.ReadAsync(await bank.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "demo-bank", ["client_secret"] = "demo-secret",
        }), Ct));
        bank.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token.GetProperty("access_token").GetString());

        var (id, secret) = await bank.RegisterAsync(receiver.Url("embedded"), "unit.seized");
        await receiver.WaitForAsync(r => r.At("embedded").Any(x => x.EventType == "webhook.secretExpiring" && x.Answered == 200), "the expiry warning");

        var warning = receiver.At("embedded").First(x => x.EventType == "webhook.secretExpiring");
        Assert.True(Receiving.SignedWith(warning.Signature, warning.Body, secret));
        Assert.Equal(id, warning.Body().GetProperty("data").GetProperty("webhookId").GetString());
        var feed = await Json.ReadAsync(await bank.GetAsync("/api/v1/events?limit=100", Ct));
        Assert.Contains(feed.GetProperty("events").EnumerateArray(), e => e.GetProperty("id").GetString() == warning.EventId);
        // Once per secret.
        Assert.Single(receiver.At("embedded"), x => x.EventType == "webhook.secretExpiring");
        var log = await Eventually.WaitAsync(() => bank.DeliveriesAsync(id), l => l.Count == 1 && l[0].GetProperty("status").GetString() == "DELIVERED",
            "the warning recorded as delivered");
        Assert.Equal(200, Assert.Single(log[0].GetProperty("attemptLog").EnumerateArray()).GetProperty("statusCode").GetInt32());
    }
}

/// <summary>
/// SSRF: where private addresses are not allowed (the default, and always in Production), an endpoint on a loopback,
/// private, link-local or otherwise non-public address is refused at registration, and a name that resolves to one is
/// refused again at connect time.
/// </summary>
public sealed class WebhookAddressTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("http://example.com/hook", "HTTPS_REQUIRED")]
    [InlineData("https://127.0.0.1/hook", "PRIVATE_ADDRESS")]
    [InlineData("https://localhost:8443/hook", "PRIVATE_ADDRESS")]
    [InlineData("https://10.20.30.40/hook", "PRIVATE_ADDRESS")]
    [InlineData("https://172.16.5.4/hook", "PRIVATE_ADDRESS")]
    [InlineData("https://192.168.1.10/hook", "PRIVATE_ADDRESS")]
    [InlineData("https://169.254.169.254/latest/meta-data", "PRIVATE_ADDRESS")]
    [InlineData("https://100.64.0.1/hook", "PRIVATE_ADDRESS")]
    [InlineData("https://[::1]/hook", "PRIVATE_ADDRESS")]
    [InlineData("https://[::ffff:127.0.0.1]/hook", "PRIVATE_ADDRESS")]
    [InlineData("https://[fd00::1]/hook", "PRIVATE_ADDRESS")]
    [InlineData("https://[fe80::1]/hook", "PRIVATE_ADDRESS")]
    [InlineData("https://0.0.0.0/hook", "PRIVATE_ADDRESS")]
    [InlineData("https://2130706433/hook", "PRIVATE_ADDRESS")]
    public async Task An_endpoint_on_a_non_public_address_or_without_https_is_refused(string url, string reason)
    {
        var problem = await Problem.AssertAsync(await fixture.Client.PostAsJsonAsync("/api/v1/webhooks", new { url, eventTypes = new[] { "*" } }, Ct), 400, "INVALID_WEBHOOK_URL");
        Assert.Equal(reason, problem.GetProperty("reason").GetString());
        Assert.Equal("url", problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task A_public_https_endpoint_is_accepted()
    {
        var (id, _) = await fixture.Client.RegisterAsync("https://93.184.215.14/hook", "unit.*");
        Assert.Equal(HttpStatusCode.NoContent, (await fixture.Client.DeleteAsync($"/api/v1/webhooks/{id}", Ct)).StatusCode);
    }

    [Fact]
    public async Task At_connect_time_a_name_resolving_to_loopback_is_refused_and_nothing_reaches_it()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var sender = new OneWindow.Api.Features.Webhooks.WebhookSender(Microsoft.Extensions.Options.Options.Create(
            new OneWindow.Api.Features.Webhooks.WebhooksOptions { Timeout = TimeSpan.FromMinutes(1) }));
        // As if DNS had given a public address at registration and now gives 127.0.0.1 (rebinding).
        var url = new Uri($"http://localhost:{receiver.BaseUri.Port}/rebound");
        var result = await sender.SendAsync(url, "{}", new Dictionary<string, string>(), Ct);
        Assert.Equal("ADDRESS_NOT_ALLOWED", result.Error);
        Assert.Null(result.StatusCode);
        var literal = await sender.SendAsync(new Uri(receiver.Url("rebound")), "{}", new Dictionary<string, string>(), Ct);
        Assert.Equal("ADDRESS_NOT_ALLOWED", literal.Error);
        Assert.Empty(receiver.Received);

        // With the test switch the same call goes through: the refusal above was the address check.
        using var allowed = new OneWindow.Api.Features.Webhooks.WebhookSender(Microsoft.Extensions.Options.Options.Create(
            new OneWindow.Api.Features.Webhooks.WebhooksOptions { Timeout = TimeSpan.FromMinutes(1), AllowPrivateAddresses = true }));
        Assert.Equal(200, (await allowed.SendAsync(url, "{}", new Dictionary<string, string>(), Ct)).StatusCode);
    }

    [Theory]
    [InlineData("8.8.8.8", true)]
    [InlineData("93.184.215.14", true)]
    [InlineData("2606:4700:4700::1111", true)]
    [InlineData("::ffff:8.8.8.8", true)]
    [InlineData("64:ff9b::808:808", true)]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.0.0.1", false)]
    [InlineData("172.31.255.255", false)]
    [InlineData("172.32.0.1", true)]
    [InlineData("192.168.0.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("198.18.0.1", false)]
    [InlineData("224.0.0.1", false)]
    [InlineData("255.255.255.255", false)]
    [InlineData("::", false)]
    [InlineData("::1", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("64:ff9b::a00:1", false)]
    [InlineData("fc00::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("ff02::1", false)]
    [InlineData("2001:db8::1", false)]
    [InlineData("2002:7f00:1::1", false)]
    public void Only_public_unicast_addresses_are_public(string address, bool expected)
    {
        Assert.Equal(expected, OneWindow.Api.Features.Webhooks.WebhookAddresses.IsPublic(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("Production", "Webhooks:AllowPrivateAddresses", true)]
    [InlineData("Production", "Webhooks:AllowInsecureHttp", true)]
    [InlineData("Staging", "Webhooks:AllowPrivateAddresses", false)]
    public void Production_refuses_to_start_with_the_address_checks_switched_off(string environment, string setting, bool refused)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [setting] = "true" }).Build();
        var host = new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = environment };
        Assert.Equal(refused, OneWindow.Api.Features.Webhooks.WebhooksFeature.ProductionRefusal(configuration, host) is not null);
    }
}
