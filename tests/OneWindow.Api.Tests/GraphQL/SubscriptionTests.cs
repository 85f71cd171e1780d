using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using GraphQL.Types;
using OneWindow.Api.GraphQL.Schema;
using OneWindow.Api.Tests.Auth;
using OneWindow.Api.Tests.Features.Applications;
using OneWindow.Api.Tests.Infrastructure;
using OneWindow.Domain.Applications;

namespace OneWindow.Api.Tests.GraphQL;

/// <summary>
/// The applications scenario host on Kestrel (WebSockets need real sockets), with small WebSocket limits, and the publishing job
/// slowed to an hour: an event reaches a subscriber only by the commit nudge and the announcement (Redis pub/sub
/// between instances), never by the periodic look.
/// </summary>
public sealed class SubscriptionsFixture(RegistryFixture registry) : ApplicationsFixture(registry)
{
    public const int MaxSubscriptions = 2;
    public const int MaxMessageBytes = 16 * 1024;

    public static readonly IReadOnlyDictionary<string, string?> HostSettings = new Dictionary<string, string?>
    {
        ["GraphQL:MaxSubscriptionsPerConnection"] = MaxSubscriptions.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["GraphQL:MaxWebSocketMessageBytes"] = MaxMessageBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Events:PublishInterval"] = "01:00:00",
        // Every test connects and signs in from 127.0.0.1: the per-address limits (Limits/ tests them) stay out of the way.
        ["Limits:SignIn:PermitLimit"] = "10000",
        ["Limits:Anonymous:PermitLimit"] = "10000",
    };

    protected override bool Kestrel => true;

    protected override IReadOnlyDictionary<string, string?>? Settings => HostSettings;
}

/// <summary>
/// GraphQL subscriptions over WebSocket (graphql-transport-ws) with ClientWebSocket against real Kestrel hosts: the
/// protocol and each of its close codes, authorisation like the matching queries, delivery across instances through
/// PostgreSQL and Redis, and the embedded default. Waits are on messages, bounded by minutes, never by sleeps.
/// </summary>
public sealed class SubscriptionTests(SubscriptionsFixture fixture) : IClassFixture<SubscriptionsFixture>
{
    private const string ProgressSubscription = """
        subscription($number: String!) {
          applicationProgressChanged(businessNumber: $number) { eventId type occurredAt progress { businessNumber status timeline { status } } }
        }
        """;

    private const string UnitSubscription = """
        subscription($unit: String!) { unitChanged(unitCode: $unit) { eventId type unitCode property { unitCode restrictions { kind } } } }
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_connection_is_acknowledged_with_the_subprotocol_and_answers_ping_with_pong()
    {
        await using var client = await WsClient.ConnectAsync(fixture.App);
        Assert.Equal("graphql-transport-ws", client.Socket.SubProtocol);
        await client.InitAsync(await fixture.App.TokenAsync());

        await client.SendAsync(new { type = "ping" });
        Assert.Equal("pong", (await client.ReceiveAsync()).GetProperty("type").GetString());
        // An unsolicited pong is a heartbeat: nothing answers it, and the connection stays.
        await client.SendAsync(new { type = "pong" });
        await client.SendAsync(new { type = "ping", payload = new { at = 1 } });
        Assert.Equal("pong", (await client.ReceiveAsync()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_handshake_without_the_subprotocol_is_refused()
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(WsClient.Endpoint(fixture.App), Ct));
        Assert.Equal(HttpStatusCode.BadRequest, socket.HttpStatusCode);
    }

    [Fact]
    public async Task Invalid_messages_close_the_socket_with_4400()
    {
        string[] invalid =
        [
            "not json",
            """["connection_init"]""",
            """{"payload":{}}""",
            """{"type":"nonsense"}""",
            """{"type":"subscribe","payload":{"query":"subscription { x }"}}""",
            """{"type":"subscribe","id":"1","payload":{"variables":{}}}""",
            """{"type":"complete"}""",
        ];
        var token = await fixture.App.TokenAsync();
        foreach (var message in invalid)
        {
            await using var client = await WsClient.ConnectAsync(fixture.App);
            await client.InitAsync(token);
            await client.SendRawAsync(message);
            Assert.Equal(4400, await client.ClosedAsync());
        }
        // A binary message is not a protocol message either.
        await using var binary = await WsClient.ConnectAsync(fixture.App);
        await binary.Socket.SendAsync(new byte[] { 1, 2, 3 }, WebSocketMessageType.Binary, true, Ct);
        Assert.Equal(4400, await binary.ClosedAsync());
    }

    [Fact]
    public async Task Subscribe_before_the_acknowledgement_closes_with_4401()
    {
        await using var client = await WsClient.ConnectAsync(fixture.App);
        await client.SendAsync(new { id = "1", type = "subscribe", payload = new { query = UnitSubscription, variables = new { unit = "x" } } });
        Assert.Equal(4401, await client.ClosedAsync());
    }

    [Fact]
    public async Task A_missing_or_invalid_token_closes_with_4403()
    {
        await using (var none = await WsClient.ConnectAsync(fixture.App))
        {
            await none.SendAsync(new { type = "connection_init" });
            Assert.Equal(4403, await none.ClosedAsync());
        }
        await using (var bad = await WsClient.ConnectAsync(fixture.App))
        {
            await bad.SendAsync(new { type = "connection_init", payload = new { Authorization = "Bearer not-a-token" } });
            Assert.Equal(4403, await bad.ClosedAsync());
        }
        // A token signed by us but altered is refused the same way.
        var token = await fixture.App.TokenAsync();
        await using var altered = await WsClient.ConnectAsync(fixture.App);
        await altered.SendAsync(new { type = "connection_init", payload = new { Authorization = "Bearer " + token[..^4] + "AAAA" } });
        Assert.Equal(4403, await altered.ClosedAsync());
    }

    [Fact]
    public async Task A_second_connection_init_closes_with_4429()
    {
        await using var client = await WsClient.ConnectAsync(fixture.App);
        var token = await fixture.App.TokenAsync();
        await client.InitAsync(token);
        await client.SendAsync(new { type = "connection_init", payload = new { Authorization = "Bearer " + token } });
        Assert.Equal(4429, await client.ClosedAsync());
    }

    [Fact]
    public async Task A_second_subscriber_with_a_running_id_closes_with_4409_and_a_completed_id_may_be_used_again()
    {
        var unit = await fixture.MortgagedHouseAsync();
        await using var client = await WsClient.ConnectAsync(fixture.App);
        await client.InitAsync(await fixture.App.TokenAsync());
        await client.SubscribeAsync("a", UnitSubscription, new { unit = unit.UnitCode });
        // Complete and reuse: allowed once the first has ended (a ping round trip orders the messages).
        await client.SendAsync(new { id = "a", type = "complete" });
        await client.SubscribeAsync("a", UnitSubscription, new { unit = unit.UnitCode });
        await client.SendAsync(new { type = "ping" });
        Assert.Equal("pong", (await client.ReceiveAsync()).GetProperty("type").GetString());

        await client.SubscribeAsync("a", UnitSubscription, new { unit = unit.UnitCode });
        Assert.Equal(4409, await client.ClosedAsync());
    }

    [Fact]
    public async Task The_connection_init_timeout_closes_with_4408()
    {
        await using var app = await RegistryApp.CreateAsync(fixture.Registry, "subscriptions_init_timeout",
            settings: new Dictionary<string, string?> { ["GraphQL:ConnectionInitTimeout"] = "00:00:01" });
        app.UseKestrel(0);
        app.StartServer();
        await using var client = await WsClient.ConnectAsync(app);
        Assert.Equal(4408, await client.ClosedAsync());
    }

    [Fact]
    public async Task A_connection_ends_with_4403_when_its_token_expires()
    {
        // Long enough for connection_init to arrive before it ends on a loaded machine; the wait after is on the close.
        await using var app = await RegistryApp.CreateAsync(fixture.Registry, "subscriptions_token_expiry",
            settings: new Dictionary<string, string?> { ["Auth:AccessTokenLifetime"] = "00:00:20" });
        app.UseKestrel(0);
        app.StartServer();
        var unit = await fixture.MortgagedHouseAsync();
        await using var client = await WsClient.ConnectAsync(app);
        await client.InitAsync(await app.TokenAsync());
        await client.SubscribeAsync("unit", UnitSubscription, new { unit = unit.UnitCode });

        Assert.Equal(4403, await client.ClosedAsync());
        Assert.Contains("expired", client.Socket.CloseStatusDescription, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connection_ends_with_4403_when_its_client_is_revoked_or_its_partner_suspended_and_hears_nothing_more()
    {
        // Status is re-read every second here (30 s by default): the wait below is on the close, not on the interval.
        var settings = new Dictionary<string, string?>(SubscriptionsFixture.HostSettings) { ["Auth:StatusCheckInterval"] = "00:00:01" };
        await using var app = await RegistryApp.CreateAsync(fixture.Registry, "subscriptions_revoked", settings: settings);
        app.UseKestrel(0);
        app.StartServer();
        var first = await fixture.FreeHouseAsync();
        var second = await fixture.FreeHouseAsync();
        using var court = await app.CreateClientAsync("demo-court");
        using var @operator = await PersonSignIn.ClientAsync(app, "demo-operator");
        long developerPartner;
        await using (var db = app.CreateDbContext())
        {
            developerPartner = await db.Partners.Where(p => p.Name == ApplicationsFixture.DeveloperName).Select(p => p.Id).SingleAsync(Ct);
        }

        async Task<WsClient> FollowAsync(string token)
        {
            var client = await WsClient.ConnectAsync(app);
            await client.InitAsync(token);
            await client.SubscribeAsync("first", UnitSubscription, new { unit = first.UnitCode });
            await client.SubscribeAsync("second", UnitSubscription, new { unit = second.UnitCode });
            await client.SendAsync(new { type = "ping" });
            Assert.Equal("pong", (await client.ReceiveAsync()).GetProperty("type").GetString());
            return client;
        }
        var bankToken = await app.TokenAsync("demo-bank");
        await using var bank = await FollowAsync(bankToken);
        await using var developer = await FollowAsync(await app.TokenAsync("demo-developer"));
        await using var staff = await FollowAsync(await PersonSignIn.TokenAsync(app, "demo-staff"));

        var materials = await ApplicationCalls.RequiredMaterialsAsync(court, BusinessType.Seizure);
        await court.SubmittedAsync("seizures", new { unitCodes = new[] { first.UnitCode }, documentNumber = "(2025)粤1202执6464号", materials });
        foreach (var subscriber in new[] { bank, developer, staff })
        {
            await subscriber.NextAsync("first", e => e.GetProperty("unitChanged").GetProperty("type").GetString() == "unit.seized");
        }

        Assert.True((await @operator.PostAsync("/api/v1/admin/clients/demo-bank/revoke", null, Ct)).IsSuccessStatusCode);
        Assert.True((await @operator.PostAsJsonAsync($"/api/v1/admin/partners/{developerPartner}/suspend", new { note = "测试：停止订阅" }, Ct)).IsSuccessStatusCode);
        foreach (var cut in new[] { bank, developer })
        {
            Assert.Equal(4403, await cut.ClosedAsync());
            Assert.Contains("revoked", cut.Socket.CloseStatusDescription, StringComparison.Ordinal);
        }

        // A change after the close reaches the subscriber that may still act, and no longer the two that were cut off.
        await court.SubmittedAsync("seizures", new { unitCodes = new[] { second.UnitCode }, documentNumber = "(2025)粤1202执6565号", materials });
        var heard = await staff.NextAsync("second", e => e.GetProperty("unitChanged").GetProperty("type").GetString() == "unit.seized");
        Assert.Equal(second.UnitCode, heard.GetProperty("unitChanged").GetProperty("unitCode").GetString());
        Assert.All(new[] { bank, developer }, cut => Assert.NotEqual(WebSocketState.Open, cut.Socket.State));
        // The revoked client's token, still within its lifetime, opens no new connection either.
        await using var again = await WsClient.ConnectAsync(app);
        await again.SendAsync(new { type = "connection_init", payload = new { Authorization = "Bearer " + bankToken } });
        Assert.Equal(4403, await again.ClosedAsync());
    }

    [Fact]
    public async Task A_message_over_the_limit_closes_with_1009_and_subscriptions_over_the_limit_get_an_error()
    {
        var token = await fixture.App.TokenAsync();
        await using (var big = await WsClient.ConnectAsync(fixture.App))
        {
            await big.InitAsync(token);
            await big.SendAsync(new { type = "ping", payload = new { pad = new string('x', SubscriptionsFixture.MaxMessageBytes) } });
            Assert.Equal((int)WebSocketCloseStatus.MessageTooBig, await big.ClosedAsync());
        }

        var unit = await fixture.MortgagedHouseAsync();
        await using var client = await WsClient.ConnectAsync(fixture.App);
        await client.InitAsync(token);
        for (var i = 0; i < SubscriptionsFixture.MaxSubscriptions; i++)
        {
            await client.SubscribeAsync($"s{i}", UnitSubscription, new { unit = unit.UnitCode });
        }
        await client.SubscribeAsync("one-too-many", UnitSubscription, new { unit = unit.UnitCode });
        var error = await client.ReceiveAsync();
        Assert.Equal("error", error.GetProperty("type").GetString());
        Assert.Equal("one-too-many", error.GetProperty("id").GetString());
        Assert.Equal("TOO_MANY_SUBSCRIPTIONS", error.GetProperty("payload")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Queries_go_over_HTTP_and_subscriptions_over_WebSocket()
    {
        await using var client = await WsClient.ConnectAsync(fixture.App);
        await client.InitAsync(await fixture.App.TokenAsync());
        await client.SubscribeAsync("q", "{ apiVersion }");
        var error = await client.ReceiveAsync();
        Assert.Equal("error", error.GetProperty("type").GetString());
        Assert.Equal("GRAPHQL_VALIDATION_FAILED", error.GetProperty("payload")[0].GetProperty("extensions").GetProperty("code").GetString());

        var overHttp = await fixture.Bank.PostGraphQLAsync(UnitSubscription, new { unit = "441202001001GB00001F00010203" });
        Assert.Equal(HttpStatusCode.BadRequest, overHttp.StatusCode);
        var body = JsonDocument.Parse(await overHttp.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal("GRAPHQL_VALIDATION_FAILED", body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_partner_cannot_subscribe_to_another_partners_application_and_a_token_without_the_scope_is_forbidden()
    {
        var (number, _) = await fixture.BankMortgageAsync();

        await using var developer = await WsClient.ConnectAsync(fixture.App);
        await developer.InitAsync(await fixture.App.TokenAsync("demo-developer"));
        await developer.SubscribeAsync("p", ProgressSubscription, new { number });
        var refused = await developer.ReceiveAsync();
        Assert.Equal("error", refused.GetProperty("type").GetString());
        Assert.Equal("APPLICATION_NOT_FOUND", refused.GetProperty("payload")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.DoesNotContain(number, refused.GetProperty("payload").GetRawText(), StringComparison.Ordinal);

        await using var verifier = await WsClient.ConnectAsync(fixture.App);
        await verifier.InitAsync(await fixture.App.TokenAsync("demo-verifier"));
        await verifier.SubscribeAsync("p", ProgressSubscription, new { number });
        var forbidden = await verifier.ReceiveAsync();
        Assert.Equal("error", forbidden.GetProperty("type").GetString());
        Assert.Equal("FORBIDDEN", forbidden.GetProperty("payload")[0].GetProperty("extensions").GetProperty("code").GetString());

        // The developer's connection still works after the refusal, and hears nothing of the bank's application.
        await developer.SendAsync(new { type = "ping" });
        Assert.Equal("pong", (await developer.ReceiveAsync()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task Every_subscription_field_answers_each_identity_as_its_scope_says()
    {
        var schema = fixture.App.Services.GetRequiredService<ISchema>();
        schema.Initialize();
        var fields = schema.Subscription!.Fields.ToList();
        Assert.NotEmpty(fields);
        var failures = new List<string>();
        foreach (var (identity, scopes) in AuthorizationMatrixFixture.Identities.Where(i => i.Key != "anonymous"))
        {
            var token = identity is "demo-citizen" or "demo-staff" or "demo-operator"
                ? await PersonSignIn.TokenAsync(fixture.App, identity)
                : await fixture.App.TokenAsync(identity);
            await using var client = await WsClient.ConnectAsync(fixture.App);
            await client.InitAsync(token);
            foreach (var field in fields)
            {
                var scope = field.RequiredScope();
                Assert.False(scope is null or ScopeMetadata.Anonymous or ScopeMetadata.Authenticated, $"{field.Name} states no partner scope");
                // Malformed arguments: an authorised caller gets the argument's own error, never data.
                var arguments = string.Join(", ", field.Arguments!.Select(a => $"{a.Name}: \"x\""));
                await client.SubscribeAsync(field.Name, $"subscription {{ {field.Name}({arguments}) {{ __typename }} }}");
                var answer = await client.ReceiveAsync();
                var code = answer.GetProperty("payload")[0].GetProperty("extensions").GetProperty("code").GetString();
                var expected = scopes.Contains(scope) ? "not FORBIDDEN" : "FORBIDDEN";
                if (answer.GetProperty("type").GetString() != "error" || (expected == "FORBIDDEN") != (code == "FORBIDDEN") || code == "UNAUTHENTICATED")
                {
                    failures.Add($"{field.Name} as {identity}: expected {expected}, got {answer.GetRawText()}");
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Staff_following_a_unit_see_its_holders_unmasked_and_each_delivery_is_audited()
    {
        var unit = await fixture.FreeHouseAsync();
        await using var staff = await WsClient.ConnectAsync(fixture.App);
        await staff.InitAsync(await PersonSignIn.TokenAsync(fixture.App, "demo-staff"));
        await staff.SubscribeAsync("unit", "subscription($unit: String!) { unitChanged(unitCode: $unit) { type property { rights { holders { name masked } } } } }",
            new { unit = unit.UnitCode });
        await staff.SendAsync(new { type = "ping" });
        Assert.Equal("pong", (await staff.ReceiveAsync()).GetProperty("type").GetString());
        var subject = "unit:" + unit.UnitCode;
        var before = await fixture.ReadAsync(db => db.AuditRecords.CountAsync(r => r.Subject == subject && r.CallerKind == "staff", Ct));

        var materials = await fixture.RequiredMaterialsAsync(fixture.Court, BusinessType.Seizure);
        await fixture.Court.SubmittedAsync("seizures", new { unitCodes = new[] { unit.UnitCode }, documentNumber = "(2025)粤1202执6363号", materials });
        var seized = await staff.NextAsync("unit", e => e.GetProperty("unitChanged").GetProperty("type").GetString() == "unit.seized");

        var holders = seized.GetProperty("unitChanged").GetProperty("property").GetProperty("rights").EnumerateArray().SelectMany(r => r.GetProperty("holders").EnumerateArray()).ToList();
        Assert.NotEmpty(holders);
        Assert.All(holders, h => Assert.False(h.GetProperty("masked").GetBoolean()));
        // The record is written before the delivery is sent, so it is there once the message has arrived.
        Assert.True(await fixture.ReadAsync(db => db.AuditRecords.CountAsync(r => r.Subject == subject && r.CallerKind == "staff", Ct)) > before);
    }

    [Fact]
    public async Task A_subscriber_on_one_instance_hears_changes_made_through_another()
    {
        await using var b = fixture.App.Twin();
        b.UseKestrel(0);
        b.StartServer();
        using var staffOnB = await PersonSignIn.ClientAsync(b, "demo-staff");
        using var courtOnB = await b.CreateClientAsync("demo-court");

        var (number, _) = await fixture.BankMortgageAsync();
        var unit = await fixture.MortgagedHouseAsync();
        await using var bankOnA = await WsClient.ConnectAsync(fixture.App);
        await bankOnA.InitAsync(await fixture.App.TokenAsync());
        await bankOnA.SubscribeAsync("progress", ProgressSubscription, new { number });
        await bankOnA.SubscribeAsync("unit", UnitSubscription, new { unit = unit.UnitCode });
        // Both subscriptions are in place once a later ping is answered (messages are handled in order).
        await bankOnA.SendAsync(new { type = "ping" });
        Assert.Equal("pong", (await bankOnA.ReceiveAsync()).GetProperty("type").GetString());

        await staffOnB.SteppedAsync(number, "accept");
        var accepted = await bankOnA.NextAsync("progress", e => e.GetProperty("applicationProgressChanged").GetProperty("type").GetString() == "application.accepted");
        var change = accepted.GetProperty("applicationProgressChanged");
        Assert.Equal(number, change.GetProperty("progress").GetProperty("businessNumber").GetString());
        Assert.Equal("ACCEPTED", change.GetProperty("progress").GetProperty("status").GetString());

        var materials = await ApplicationCalls.RequiredMaterialsAsync(courtOnB, BusinessType.Seizure);
        await courtOnB.SubmittedAsync("seizures", new { unitCodes = new[] { unit.UnitCode }, documentNumber = "(2025)粤1202执6161号", materials });
        var seized = await bankOnA.NextAsync("unit", e => e.GetProperty("unitChanged").GetProperty("type").GetString() == "unit.seized");
        Assert.Equal(unit.UnitCode, seized.GetProperty("unitChanged").GetProperty("property").GetProperty("unitCode").GetString());
        Assert.Contains(seized.GetProperty("unitChanged").GetProperty("property").GetProperty("restrictions").EnumerateArray(),
            r => r.GetProperty("kind").GetString() == "SEIZURE");
    }

    [Fact]
    public async Task The_embedded_default_delivers_in_process()
    {
        await using var app = new EmbeddedApp(SubscriptionsFixture.HostSettings);
        app.UseKestrel(0);
        app.StartServer();
        using var bank = app.CreateClient();
        bank.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await TokenAsync(app, "demo-bank"));
        using var court = app.CreateClient();
        court.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await TokenAsync(app, "demo-court"));
        // The demo bank holds a mortgage on this unit in every demo region (docs/events.md).
        const string unit = "441202001001GB00001F00010203";

        await using var client = await WsClient.ConnectAsync(app);
        await client.InitAsync(await TokenAsync(app, "demo-bank"));
        await client.SubscribeAsync("unit", UnitSubscription, new { unit });
        await client.SendAsync(new { type = "ping" });
        Assert.Equal("pong", (await client.ReceiveAsync()).GetProperty("type").GetString());

        var materials = await ApplicationCalls.RequiredMaterialsAsync(court, BusinessType.Seizure);
        await court.SubmittedAsync("seizures", new { unitCodes = new[] { unit }, documentNumber = "(2025)粤1202执6262号", materials });
        var seized = await client.NextAsync("unit", e => e.GetProperty("unitChanged").GetProperty("type").GetString() == "unit.seized");
        Assert.Equal(unit, seized.GetProperty("unitChanged").GetProperty("unitCode").GetString());

        await client.SendAsync(new { id = "unit", type = "complete" });
        await client.Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, Ct);
        Assert.Equal(WebSocketState.Closed, client.Socket.State);
    }

    private static async Task<string> TokenAsync(WebApplicationFactory<Program> app, string clientId)
    {
        using var client = app.CreateClient();
        using var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = "demo-secret",
        }), Ct);
        return (await Json.ReadAsync(response)).GetProperty("access_token").GetString()!;
    }

    /// <summary>A graphql-transport-ws client over ClientWebSocket; every wait is bounded by minutes.</summary>
    private sealed class WsClient : IAsyncDisposable
    {
        private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

        private WsClient(ClientWebSocket socket) => Socket = socket;

        public ClientWebSocket Socket { get; }

        public static Uri Endpoint(WebApplicationFactory<Program> app)
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new Uri(new Uri(address.Replace("http://", "ws://", StringComparison.Ordinal)), "/graphql");
        }

        public static async Task<WsClient> ConnectAsync(WebApplicationFactory<Program> app)
        {
            var socket = new ClientWebSocket();
            socket.Options.AddSubProtocol("graphql-transport-ws");
            using var timeout = Timeout();
            await socket.ConnectAsync(Endpoint(app), timeout.Token);
            return new WsClient(socket);
        }

        public Task SendAsync(object message) => SendRawAsync(JsonSerializer.Serialize(message));

        public async Task SendRawAsync(string text)
        {
            using var timeout = Timeout();
            await Socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, timeout.Token);
        }

        public async Task InitAsync(string token)
        {
            await SendAsync(new { type = "connection_init", payload = new { Authorization = "Bearer " + token } });
            var ack = await ReceiveAsync();
            Assert.Equal("connection_ack", ack.GetProperty("type").GetString());
        }

        public Task SubscribeAsync(string id, string query, object? variables = null) =>
            SendAsync(new { id, type = "subscribe", payload = new { query, variables } });

        /// <summary>The next message; fails when the server closes instead.</summary>
        public async Task<JsonElement> ReceiveAsync()
        {
            var (message, close) = await ReadAsync();
            Assert.True(message is not null, $"the server closed the socket: {close} {Socket.CloseStatusDescription}");
            return message.Value;
        }

        /// <summary>The data of the first <c>next</c> of <paramref name="id"/> that <paramref name="match"/> accepts (others are skipped).</summary>
        public async Task<JsonElement> NextAsync(string id, Func<JsonElement, bool> match)
        {
            while (true)
            {
                var message = await ReceiveAsync();
                var type = message.GetProperty("type").GetString();
                Assert.True(type is "next" or "pong", $"unexpected {message.GetRawText()}");
                if (type == "next" && message.GetProperty("id").GetString() == id)
                {
                    var payload = message.GetProperty("payload");
                    Assert.False(payload.TryGetProperty("errors", out var errors), errors.ToString());
                    var data = payload.GetProperty("data");
                    if (match(data))
                    {
                        return data;
                    }
                }
            }
        }

        /// <summary>Reads until the server's close frame and returns its status (messages before it are skipped).</summary>
        public async Task<int> ClosedAsync()
        {
            while (true)
            {
                var (message, close) = await ReadAsync();
                if (message is null)
                {
                    return close!.Value;
                }
            }
        }

        private async Task<(JsonElement? Message, int? Close)> ReadAsync()
        {
            using var timeout = Timeout();
            var buffer = new byte[64 * 1024];
            using var text = new MemoryStream();
            while (true)
            {
                var received = await Socket.ReceiveAsync(buffer, timeout.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    return (null, (int?)Socket.CloseStatus);
                }
                text.Write(buffer, 0, received.Count);
                if (received.EndOfMessage)
                {
                    return (JsonDocument.Parse(text.ToArray()).RootElement.Clone(), null);
                }
            }
        }

        private static CancellationTokenSource Timeout()
        {
            var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            timeout.CancelAfter(Patience);
            return timeout;
        }

        public async ValueTask DisposeAsync()
        {
            if (Socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var timeout = Timeout();
                try
                {
                    await Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
                }
                catch (WebSocketException)
                {
                    // The server has gone already.
                }
            }
            Socket.Dispose();
        }
    }
}
