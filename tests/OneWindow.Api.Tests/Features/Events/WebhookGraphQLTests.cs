using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OneWindow.Api.Data;
using OneWindow.Api.Features.Webhooks;
using OneWindow.Api.Tests.Features.Partners;
using OneWindow.Api.Tests.Infrastructure;

namespace OneWindow.Api.Tests.Features.Events;

/// <summary>
/// A partner's webhook endpoints over GraphQL: the same use cases and codes as <c>/api/v1/webhooks</c>, scoped to the
/// partner, refused without webhooks:manage; and a secret rotation that raced with another is refused, never lost.
/// </summary>
public sealed class WebhookGraphQLTests(WebhooksFixture fixture) : IClassFixture<WebhooksFixture>
{
    private const string WebhookFields = "id url eventTypes description createdAt secretExpiresAt previousSecretExpiresAt";

    private const string Register = $$"""
        mutation($input: RegisterWebhookInput!) { registerWebhook(input: $input) { secret webhook { {{WebhookFields}} } errors { code field reason } } }
        """;

    private const string Update = $$"""
        mutation($input: UpdateWebhookInput!) { updateWebhook(input: $input) { webhook { {{WebhookFields}} } errors { code field reason } } }
        """;

    private const string Rotate = $$"""
        mutation($id: ID!) { rotateWebhookSecret(input: { webhookId: $id }) { secret webhook { {{WebhookFields}} } errors { code field } } }
        """;

    private const string Delete = """
        mutation($id: ID!) { deleteWebhook(input: { webhookId: $id }) { deletedWebhookId errors { code } } }
        """;

    private const string Redeliver = """
        mutation($id: ID!, $delivery: ID!) { redeliverWebhookDelivery(input: { webhookId: $id, deliveryId: $delivery }) { delivery { id status attempts } errors { code } } }
        """;

    private const string One = $$"""query($id: ID!) { webhook(id: $id) { {{WebhookFields}} } }""";

    private const string All = $$"""{ webhooks { {{WebhookFields}} } }""";

    private const string Deliveries = """
        query($id: ID!, $status: WebhookDeliveryStatus) {
          webhook(id: $id) { deliveries(status: $status, first: 100) { edges { cursor node { id eventId eventType status attempts attemptLog { number statusCode responseExcerpt durationMs } } } pageInfo { hasNextPage endCursor } } }
        }
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<JsonElement> DataAsync(HttpClient client, string query, object? variables = null) =>
        PartnerSteps.GraphQLDataAsync(client, query, variables);

    private static List<(string? Code, string? Field, string? Reason)> Errors(JsonElement payload) =>
        [.. payload.GetProperty("errors").EnumerateArray().Select(e => (
            e.GetProperty("code").GetString(),
            e.TryGetProperty("field", out var f) ? f.GetString() : null,
            e.TryGetProperty("reason", out var r) ? r.GetString() : null))];

    private static (string? Code, string? Field, string? Reason)[] Expect(string code, string? field = null, string? reason = null) => [(code, field, reason)];

    private async Task<(string Id, string Secret)> RegisterOverGraphQLAsync(HttpClient client, string url, params string[] types)
    {
        using var response = await client.PostGraphQLAsync(Register, new { input = new { url, eventTypes = types, description = "核心系统" } });
        // The answer carries a secret: nothing may keep it.
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var payload = (await Json.ReadAsync(response)).GetProperty("data").GetProperty("registerWebhook");
        Assert.Empty(Errors(payload));
        return (payload.GetProperty("webhook").GetProperty("id").GetString()!, payload.GetProperty("secret").GetString()!);
    }

    [Fact]
    public async Task Over_GraphQL_a_partner_registers_lists_updates_rotates_and_deletes_its_endpoint()
    {
        var (id, secret) = await RegisterOverGraphQLAsync(fixture.Bank, fixture.Receiver.Url("graphql-managed"), "application.*");
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);

        var listed = await DataAsync(fixture.Bank, All);
        var mine = Assert.Single(listed.GetProperty("webhooks").EnumerateArray(), w => w.GetProperty("id").GetString() == id);
        Assert.Equal(["application.*"], mine.GetProperty("eventTypes").EnumerateArray().Select(t => t.GetString()));
        Assert.DoesNotContain(secret, listed.GetRawText(), StringComparison.Ordinal);
        // The same endpoint on REST.
        var rest = await Json.ReadAsync(await fixture.Bank.GetAsync($"/api/v1/webhooks/{id}", Ct));
        var one = (await DataAsync(fixture.Bank, One, new { id })).GetProperty("webhook");
        Assert.Equal(rest.GetProperty("url").GetString(), one.GetProperty("url").GetString());
        Assert.Equal("核心系统", one.GetProperty("description").GetString());

        var updated = (await DataAsync(fixture.Bank, Update, new { input = new { webhookId = id, eventTypes = new[] { "unit.*", "application.submitted" }, description = "" } }))
            .GetProperty("updateWebhook");
        Assert.Empty(Errors(updated));
        Assert.Equal(["application.submitted", "unit.*"], updated.GetProperty("webhook").GetProperty("eventTypes").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(JsonValueKind.Null, updated.GetProperty("webhook").GetProperty("description").ValueKind);
        Assert.Equal(rest.GetProperty("url").GetString(), updated.GetProperty("webhook").GetProperty("url").GetString());
        var afterUpdate = await Json.ReadAsync(await fixture.Bank.GetAsync($"/api/v1/webhooks/{id}", Ct));
        Assert.Equal(["application.submitted", "unit.*"], afterUpdate.GetProperty("eventTypes").EnumerateArray().Select(t => t.GetString()));

        var newUrl = fixture.Receiver.Url("graphql-moved");
        var moved = (await DataAsync(fixture.Bank, Update, new { input = new { webhookId = id, url = newUrl } })).GetProperty("updateWebhook");
        Assert.Equal(newUrl, moved.GetProperty("webhook").GetProperty("url").GetString());

        var rotated = (await DataAsync(fixture.Bank, Rotate, new { id })).GetProperty("rotateWebhookSecret");
        Assert.Empty(Errors(rotated));
        var next = rotated.GetProperty("secret").GetString()!;
        Assert.StartsWith("whsec_", next, StringComparison.Ordinal);
        Assert.NotEqual(secret, next);
        Assert.NotEqual(JsonValueKind.Null, rotated.GetProperty("webhook").GetProperty("previousSecretExpiresAt").ValueKind);
        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            var endpoint = await db.WebhookEndpoints.AsNoTracking().SingleAsync(e => e.Id == long.Parse(id, CultureInfo.InvariantCulture), Ct);
            Assert.Equal([next, secret], scope.ServiceProvider.GetRequiredService<WebhookSecrets>().Signing(endpoint, fixture.Clock.GetUtcNow().UtcDateTime));
        }

        var deleted = (await DataAsync(fixture.Bank, Delete, new { id })).GetProperty("deleteWebhook");
        Assert.Equal(id, deleted.GetProperty("deletedWebhookId").GetString());
        Assert.Equal(JsonValueKind.Null, (await DataAsync(fixture.Bank, One, new { id })).GetProperty("webhook").ValueKind);
        Assert.Equal(Expect("WEBHOOK_NOT_FOUND"), Errors((await DataAsync(fixture.Bank, Delete, new { id })).GetProperty("deleteWebhook")));
        await Problem.AssertAsync(await fixture.Bank.GetAsync($"/api/v1/webhooks/{id}", Ct), 404, "WEBHOOK_NOT_FOUND");
    }

    [Fact]
    public async Task Bad_input_gets_the_REST_codes_in_the_payload_and_changes_nothing()
    {
        var before = await fixture.ReadAsync(db => db.WebhookEndpoints.CountAsync(Ct));
        (object Input, string Code, string Field, string? Reason)[] refused =
        [
            (new { url = "", eventTypes = new[] { "*" } }, "FIELD_REQUIRED", "url", null),
            (new { url = "ftp://example.cn/hook", eventTypes = new[] { "*" } }, "INVALID_WEBHOOK_URL", "url", "MALFORMED"),
            (new { url = fixture.Receiver.Url("bad"), eventTypes = new[] { "application.nonsense" } }, "INVALID_WEBHOOK_EVENT_TYPES", "eventTypes", null),
            (new { url = fixture.Receiver.Url("bad"), eventTypes = Array.Empty<string>() }, "INVALID_WEBHOOK_EVENT_TYPES", "eventTypes", null),
            (new { url = fixture.Receiver.Url("bad"), eventTypes = new[] { "*" }, description = new string('说', 201) }, "INVALID_TEXT", "description", "AT_MOST_200_CHARACTERS"),
        ];
        foreach (var (input, code, field, reason) in refused)
        {
            var payload = (await DataAsync(fixture.Bank, Register, new { input })).GetProperty("registerWebhook");
            Assert.Equal(JsonValueKind.Null, payload.GetProperty("webhook").ValueKind);
            Assert.Equal(JsonValueKind.Null, payload.GetProperty("secret").ValueKind);
            Assert.Equal(Expect(code, field, reason), Errors(payload));
        }
        Assert.Equal(before, await fixture.ReadAsync(db => db.WebhookEndpoints.CountAsync(Ct)));

        var (id, _) = await RegisterOverGraphQLAsync(fixture.Bank, fixture.Receiver.Url("graphql-unchanged"), "unit.*");
        var badUpdate = (await DataAsync(fixture.Bank, Update, new { input = new { webhookId = id, url = "ftp://example.cn/hook" } })).GetProperty("updateWebhook");
        Assert.Equal("INVALID_WEBHOOK_URL", Assert.Single(Errors(badUpdate)).Code);
        Assert.Equal(Expect("INVALID_WEBHOOK_EVENT_TYPES", "eventTypes"),
            Errors((await DataAsync(fixture.Bank, Update, new { input = new { webhookId = id, eventTypes = new[] { "x.y" } } })).GetProperty("updateWebhook")));
        var kept = await Json.ReadAsync(await fixture.Bank.GetAsync($"/api/v1/webhooks/{id}", Ct));
        Assert.Equal(fixture.Receiver.Url("graphql-unchanged"), kept.GetProperty("url").GetString());
        Assert.Equal(["unit.*"], kept.GetProperty("eventTypes").EnumerateArray().Select(t => t.GetString()));
        // The same refusal on REST, as problem details.
        await Problem.AssertAsync(await fixture.Bank.PatchAsJsonAsync($"/api/v1/webhooks/{id}", new { eventTypes = new[] { "x.y" } }, Ct), 400, "INVALID_WEBHOOK_EVENT_TYPES");
        Assert.Equal(HttpStatusCode.NoContent, (await fixture.Bank.DeleteAsync($"/api/v1/webhooks/{id}", Ct)).StatusCode);
    }

    [Fact]
    public async Task Another_partners_endpoint_is_invisible_and_unchangeable_over_GraphQL()
    {
        var (id, _) = await RegisterOverGraphQLAsync(fixture.Bank, fixture.Receiver.Url("graphql-banks"), "unit.*");
        var other = fixture.Developer;

        Assert.DoesNotContain((await DataAsync(other, All)).GetProperty("webhooks").EnumerateArray(), w => w.GetProperty("id").GetString() == id);
        Assert.Equal(JsonValueKind.Null, (await DataAsync(other, One, new { id })).GetProperty("webhook").ValueKind);
        Assert.Equal("WEBHOOK_NOT_FOUND", Assert.Single(Errors((await DataAsync(other, Update,
            new { input = new { webhookId = id, url = fixture.Receiver.Url("stolen") } })).GetProperty("updateWebhook"))).Code);
        var rotate = (await DataAsync(other, Rotate, new { id })).GetProperty("rotateWebhookSecret");
        Assert.Equal("WEBHOOK_NOT_FOUND", Assert.Single(Errors(rotate)).Code);
        Assert.Equal(JsonValueKind.Null, rotate.GetProperty("secret").ValueKind);
        Assert.Equal("WEBHOOK_NOT_FOUND", Assert.Single(Errors((await DataAsync(other, Delete, new { id })).GetProperty("deleteWebhook"))).Code);
        Assert.Equal("WEBHOOK_NOT_FOUND", Assert.Single(Errors((await DataAsync(other, Redeliver, new { id, delivery = "1" })).GetProperty("redeliverWebhookDelivery"))).Code);

        // Nothing the other partner did touched it.
        var kept = await Json.ReadAsync(await fixture.Bank.GetAsync($"/api/v1/webhooks/{id}", Ct));
        Assert.Equal(fixture.Receiver.Url("graphql-banks"), kept.GetProperty("url").GetString());
        Assert.Equal(JsonValueKind.Null, kept.GetProperty("previousSecretExpiresAt").ValueKind);
        Assert.Equal(HttpStatusCode.NoContent, (await fixture.Bank.DeleteAsync($"/api/v1/webhooks/{id}", Ct)).StatusCode);
    }

    [Fact]
    public async Task Without_webhooks_manage_every_webhook_field_is_refused_at_the_top_level_and_nothing_is_written()
    {
        var before = await fixture.ReadAsync(db => db.WebhookEndpoints.CountAsync(Ct));
        using var verifier = await fixture.App.CreateClientAsync("demo-verifier");
        var input = new { url = fixture.Receiver.Url("refused"), eventTypes = new[] { "*" } };
        foreach (var (client, code) in new[] { (verifier, "FORBIDDEN"), (fixture.Citizen, "FORBIDDEN"), (fixture.Anonymous, "UNAUTHENTICATED") })
        {
            foreach (var (query, variables) in new (string, object?)[] { (All, null), (One, new { id = "1" }), (Register, new { input }), (Rotate, new { id = "1" }), (Delete, new { id = "1" }) })
            {
                var answer = await PartnerSteps.GraphQLAsync(client, query, variables);
                var error = answer.GetProperty("errors")[0];
                Assert.Equal(code, error.GetProperty("extensions").GetProperty("code").GetString());
                Assert.False(answer.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
                    && data.EnumerateObject().Any(p => p.Value.ValueKind != JsonValueKind.Null), answer.GetRawText());
            }
        }
        Assert.Equal(before, await fixture.ReadAsync(db => db.WebhookEndpoints.CountAsync(Ct)));
    }

    [Fact]
    public async Task The_delivery_log_lists_dead_letters_and_a_redelivery_over_GraphQL_delivers_them()
    {
        var failing = true;
        fixture.Receiver.Answer("graphql-dead", _ => Task.FromResult(Volatile.Read(ref failing) ? 500 : 200));
        var (id, _) = await RegisterOverGraphQLAsync(fixture.Bank, fixture.Receiver.Url("graphql-dead"), "application.submitted");
        await fixture.BankMortgageAsync();

        async Task<List<JsonElement>> DeliveriesAsync(string? status) =>
            [.. (await DataAsync(fixture.Bank, Deliveries, new { id, status })).GetProperty("webhook").GetProperty("deliveries").GetProperty("edges").EnumerateArray()
                .Select(e => e.GetProperty("node"))];

        var dead = (await Eventually.WaitAsync(() => DeliveriesAsync("DEAD_LETTERED"), d => d.Count > 0, "a dead letter")).First();
        Assert.Equal("DEAD_LETTERED", dead.GetProperty("status").GetString());
        var log = dead.GetProperty("attemptLog").EnumerateArray().ToList();
        Assert.Equal([1, 2, 3], log.Select(a => a.GetProperty("number").GetInt32()));
        Assert.All(log, a => Assert.Equal(500, a.GetProperty("statusCode").GetInt32()));
        Assert.Contains(await DeliveriesAsync(null), d => d.GetProperty("id").GetString() == dead.GetProperty("id").GetString());

        Volatile.Write(ref failing, false);
        var deliveryId = dead.GetProperty("id").GetString()!;
        var redelivered = (await DataAsync(fixture.Bank, Redeliver, new { id, delivery = deliveryId })).GetProperty("redeliverWebhookDelivery");
        Assert.Empty(Errors(redelivered));
        Assert.Equal("PENDING", redelivered.GetProperty("delivery").GetProperty("status").GetString());
        await Eventually.WaitAsync(() => DeliveriesAsync("DELIVERED"), d => d.Any(x => x.GetProperty("id").GetString() == deliveryId), "the redelivered delivery");
        Assert.Equal("WEBHOOK_DELIVERY_NOT_FOUND",
            Assert.Single(Errors((await DataAsync(fixture.Bank, Redeliver, new { id, delivery = "999999999" })).GetProperty("redeliverWebhookDelivery"))).Code);
        var badStatus = await PartnerSteps.GraphQLAsync(fixture.Bank, Deliveries, new { id, status = "LOST" });
        Assert.True(badStatus.TryGetProperty("errors", out _), badStatus.GetRawText());
        Assert.Equal(HttpStatusCode.NoContent, (await fixture.Bank.DeleteAsync($"/api/v1/webhooks/{id}", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_rotation_that_raced_with_another_is_refused_with_CONCURRENT_CHANGE_and_the_first_secret_stays()
    {
        var (id, first) = await fixture.Bank.RegisterAsync(fixture.Receiver.Url("raced"), "unit.*");
        var endpointId = long.Parse(id, CultureInfo.InvariantCulture);
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<RegistryDbContext>();
        // This rotation read the endpoint ...
        var endpoint = await db.WebhookEndpoints.SingleAsync(e => e.Id == endpointId, Ct);
        // ... and another one committed before it saved.
        var won = await Json.ReadAsync(await fixture.Bank.PostAsync($"/api/v1/webhooks/{id}/rotate-secret", null, Ct));
        var winner = won.GetProperty("secret").GetString()!;

        var lost = await ManageWebhooks.RotateSecretAsync(endpoint, db, services.GetRequiredService<WebhookSecrets>(),
            services.GetRequiredService<IOptions<WebhooksOptions>>(), fixture.Clock, Ct);
        Assert.Equal("CONCURRENT_CHANGE", lost.Error?.Code);
        Assert.Equal(409, lost.Error?.Status);

        // The winner's secret signs, beside the one it replaced; nothing of the refused rotation was stored.
        var stored = await fixture.ReadAsync(d => d.WebhookEndpoints.AsNoTracking().SingleAsync(e => e.Id == endpointId, Ct));
        Assert.Equal([winner, first], services.GetRequiredService<WebhookSecrets>().Signing(stored, fixture.Clock.GetUtcNow().UtcDateTime));
        Assert.Equal(HttpStatusCode.NoContent, (await fixture.Bank.DeleteAsync($"/api/v1/webhooks/{id}", Ct)).StatusCode);
    }

    [Fact]
    public async Task Racing_rotations_over_REST_and_GraphQL_each_succeed_in_turn_or_get_409_and_no_secret_is_lost()
    {
        var (id, first) = await fixture.Bank.RegisterAsync(fixture.Receiver.Url("racing"), "unit.*");
        var rest = Enumerable.Range(0, 3).Select(async _ =>
        {
            using var response = await fixture.Bank.PostAsync($"/api/v1/webhooks/{id}/rotate-secret", null, Ct);
            if (response.StatusCode == HttpStatusCode.Conflict)
            {
                await Problem.AssertAsync(response, 409, "CONCURRENT_CHANGE");
                return null;
            }
            return (await Json.ReadAsync(response)).GetProperty("secret").GetString();
        });
        var graphql = Enumerable.Range(0, 3).Select(async _ =>
        {
            var payload = (await DataAsync(fixture.Bank, Rotate, new { id })).GetProperty("rotateWebhookSecret");
            if (payload.GetProperty("secret").GetString() is { } secret)
            {
                return secret;
            }
            Assert.Equal("CONCURRENT_CHANGE", Assert.Single(Errors(payload)).Code);
            return null;
        });
        var answers = await Task.WhenAll(rest.Concat(graphql));
        var won = answers.OfType<string>().ToList();
        Assert.NotEmpty(won);

        // Successful rotations happened one after the other: the current secret is one of them, and the previous one
        // is the secret it replaced (the first, or another winner), never a secret no caller holds.
        var stored = await fixture.ReadAsync(d => d.WebhookEndpoints.AsNoTracking().SingleAsync(e => e.Id == long.Parse(id, CultureInfo.InvariantCulture), Ct));
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var signing = scope.ServiceProvider.GetRequiredService<WebhookSecrets>().Signing(stored, fixture.Clock.GetUtcNow().UtcDateTime);
        Assert.Equal(2, signing.Count);
        Assert.Contains(signing[0], won);
        Assert.Contains(signing[1], won.Append(first));
        Assert.Equal(HttpStatusCode.NoContent, (await fixture.Bank.DeleteAsync($"/api/v1/webhooks/{id}", Ct)).StatusCode);
    }
}
