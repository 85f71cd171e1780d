using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using OneWindow.Api.Tests.Infrastructure;
using OpenIddict.EntityFrameworkCore.Models;

namespace OneWindow.Api.Tests.Features.Partners;

/// <summary>
/// A host whose clock the tests move (OpenIddict, the grace period and the use cases all read it), with a secret grace
/// period of one hour, a status check interval of two seconds, every log line down to Debug captured, and room for
/// many token requests.
/// </summary>
public sealed class PartnerClientLifecycleFixture(RegistryFixture registry) : AppFixture(registry)
{
    public static readonly TimeSpan GracePeriod = TimeSpan.FromHours(1);
    public static readonly TimeSpan StatusCheckInterval = TimeSpan.FromSeconds(2);

    public AdjustableClock Clock { get; } = new(DemoClock.GetUtcNow());

    public LogCapture Logs { get; } = new();

    public override async ValueTask InitializeAsync()
    {
        var settings = new Dictionary<string, string?>(LogCapture.Verbose)
        {
            ["Auth:SecretGracePeriod"] = GracePeriod.ToString(),
            ["Auth:StatusCheckInterval"] = StatusCheckInterval.ToString(),
            // These tests ask for about as many tokens in a few seconds as Limits:SignIn allows a minute (30 per
            // address); the limit itself is tested in Limits/.
            ["Limits:SignIn:PermitLimit"] = "1000",
        };
        App = await RegistryApp.CreateAsync(Registry, nameof(PartnerClientLifecycleFixture), settings: settings, clock: Clock,
            testServices: services => services.AddSingleton<ILoggerProvider>(Logs));
        Client = await App.CreateClientAsync(ClientId);
    }

    /// <summary>An operator's client signed in now (the clock moves, so tokens from earlier may have expired).</summary>
    public Task<HttpClient> OperatorAsync(RegistryApp? app = null) => PersonSignIn.ClientAsync(app ?? App, "demo-operator");
}

/// <summary>
/// A partner's client from sign-up to revocation: approval, a client and its secret, tokens, a call to the API,
/// rotation with its grace period, revocation and suspension, on one instance and across two.
/// </summary>
public sealed class PartnerClientLifecycleTests(PartnerClientLifecycleFixture fixture) : IClassFixture<PartnerClientLifecycleFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Operator_flow_from_sign_up_to_revocation()
    {
        var app = fixture.App;
        var unitCode = await PartnerSteps.AnyUnitCodeAsync(app);
        using var anonymous = app.CreateClient();
        using var operatorClient = await fixture.OperatorAsync();

        // Sign up (anonymous), approve.
        var signedUp = await Json.ReadAsync(await anonymous.PostAsJsonAsync("/api/v1/partners/sign-up", PartnerSteps.SignUpBody(), Ct));
        var partnerId = signedUp.GetProperty("id").GetInt64();
        Assert.Equal("PENDING", signedUp.GetProperty("status").GetString());
        var approved = await Json.ReadAsync(await operatorClient.PostAsJsonAsync($"/api/v1/admin/partners/{partnerId}/approve", new { note = "营业执照已核验" }, Ct));
        Assert.Equal("APPROVED", approved.GetProperty("status").GetString());

        // A client; its secret gets a token; the token reads a unit.
        var (clientId, secret) = await PartnerSteps.CreateClientAsync(operatorClient, partnerId);
        var answer = await PartnerSteps.RequestTokenAsync(app, clientId, secret);
        Assert.Equal(200, answer.Status);
        Assert.Equal(600, answer.Body.GetProperty("expires_in").GetInt32());
        var jwt = new JsonWebTokenHandler().ReadJsonWebToken(answer.AccessToken);
        Assert.Contains("onewindow-api", jwt.Audiences);
        Assert.Equal(partnerId.ToString(System.Globalization.CultureInfo.InvariantCulture), jwt.GetClaim("partner_id").Value);
        Assert.Contains("properties:read", jwt.GetClaim("scope").Value.Split(' '));
        Assert.Equal(200, await PartnerSteps.ReadPropertyAsync(app, answer.AccessToken!, unitCode));
        // A scope outside the partner's kind is not among the client's permissions: OpenIddict refuses the request.
        var tooMuch = await PartnerSteps.RequestTokenAsync(app, clientId, secret, "platform:admin");
        Assert.Equal(400, tooMuch.Status);
        Assert.Null(tooMuch.AccessToken);

        // The database holds OpenIddict's hash, never the secret.
        string hashBefore;
        await using (var db = app.CreateDbContext())
        {
            hashBefore = (await db.Set<OpenIddictEntityFrameworkCoreApplication>().SingleAsync(a => a.ClientId == clientId, Ct)).ClientSecret!;
            Assert.False(string.IsNullOrEmpty(hashBefore));
            Assert.DoesNotContain(secret, hashBefore);
        }

        // Rotate: both secrets work during the grace period.
        var rotation = await Json.ReadAsync(await operatorClient.PostAsync($"/api/v1/admin/clients/{clientId}/rotate-secret", null, Ct));
        var newSecret = rotation.GetProperty("clientSecret").GetString()!;
        Assert.NotEqual(secret, newSecret);
        Assert.Equal(fixture.Clock.GetUtcNow() + PartnerClientLifecycleFixture.GracePeriod,
            rotation.GetProperty("client").GetProperty("previousSecretExpiresAt").GetDateTimeOffset());
        Assert.Equal(200, (await PartnerSteps.RequestTokenAsync(app, clientId, secret)).Status);
        Assert.Equal(200, (await PartnerSteps.RequestTokenAsync(app, clientId, newSecret)).Status);
        Assert.Equal("invalid_client", (await PartnerSteps.RequestTokenAsync(app, clientId, "not-the-secret")).Error);
        await using (var db = app.CreateDbContext())
        {
            var hashNow = (await db.Set<OpenIddictEntityFrameworkCoreApplication>().SingleAsync(a => a.ClientId == clientId, Ct)).ClientSecret!;
            Assert.NotEqual(hashBefore, hashNow);
            Assert.DoesNotContain(newSecret, hashNow);
            var retired = await db.RetiredClientSecrets.SingleAsync(s => s.PartnerClientId == db.PartnerClients.Single(c => c.ClientId == clientId).Id, Ct);
            Assert.Equal(hashBefore, retired.SecretHash);
        }

        // After the grace period only the new secret works.
        fixture.Clock.Advance(PartnerClientLifecycleFixture.GracePeriod + TimeSpan.FromSeconds(1));
        var expired = await PartnerSteps.RequestTokenAsync(app, clientId, secret);
        Assert.Equal(401, expired.Status);
        Assert.Equal("invalid_client", expired.Error);
        var token = await PartnerSteps.TokenAsync(app, clientId, newSecret);
        Assert.Equal(200, await PartnerSteps.ReadPropertyAsync(app, token, unitCode));

        // Revoke: no new token, and the token already issued stops at once on this instance.
        using var laterOperator = await fixture.OperatorAsync();
        var revoked = await Json.ReadAsync(await laterOperator.PostAsync($"/api/v1/admin/clients/{clientId}/revoke", null, Ct));
        Assert.Equal("REVOKED", revoked.GetProperty("status").GetString());
        Assert.Equal("invalid_client", (await PartnerSteps.RequestTokenAsync(app, clientId, newSecret)).Error);
        Assert.Equal(401, await PartnerSteps.ReadPropertyAsync(app, token, unitCode));

        var clients = await laterOperator.GetStringAsync($"/api/v1/admin/partners/{partnerId}/clients", Ct);
        Assert.Contains("\"REVOKED\"", clients);
        Assert.DoesNotContain(secret, clients);
        Assert.DoesNotContain(newSecret, clients);
    }

    [Fact]
    public async Task Suspending_a_partner_stops_its_clients_and_approving_it_again_lets_them_in()
    {
        var app = fixture.App;
        var unitCode = await PartnerSteps.AnyUnitCodeAsync(app);
        using var operatorClient = await fixture.OperatorAsync();
        var partnerId = await PartnerSteps.ApprovedAsync(app, operatorClient);
        var (clientId, secret) = await PartnerSteps.CreateClientAsync(operatorClient, partnerId);
        var token = await PartnerSteps.TokenAsync(app, clientId, secret);
        Assert.Equal(200, await PartnerSteps.ReadPropertyAsync(app, token, unitCode));

        await Json.ReadAsync(await operatorClient.PostAsJsonAsync($"/api/v1/admin/partners/{partnerId}/suspend", new { note = "合作协议到期" }, Ct));

        Assert.Equal("invalid_client", (await PartnerSteps.RequestTokenAsync(app, clientId, secret)).Error);
        Assert.Equal(401, await PartnerSteps.ReadPropertyAsync(app, token, unitCode));

        await Json.ReadAsync(await operatorClient.PostAsJsonAsync($"/api/v1/admin/partners/{partnerId}/approve", new { note = "续签" }, Ct));
        Assert.Equal(200, await PartnerSteps.ReadPropertyAsync(app, await PartnerSteps.TokenAsync(app, clientId, secret), unitCode));
    }

    [Fact]
    public async Task Rotation_and_revocation_on_one_instance_reach_another()
    {
        var app = fixture.App;
        await using var twin = app.Twin();
        var unitCode = await PartnerSteps.AnyUnitCodeAsync(app);
        using var operatorClient = await fixture.OperatorAsync();
        var partnerId = await PartnerSteps.ApprovedAsync(app, operatorClient);
        var (clientId, secret) = await PartnerSteps.CreateClientAsync(operatorClient, partnerId);
        // The twin knows the client, and trusts its token for a while.
        var token = await PartnerSteps.TokenAsync(twin, clientId, secret);
        Assert.Equal(200, await PartnerSteps.ReadPropertyAsync(twin, token, unitCode));

        var newSecret = await PartnerSteps.RotateAsync(operatorClient, clientId);

        Assert.Equal(200, (await PartnerSteps.RequestTokenAsync(twin, clientId, newSecret)).Status);
        Assert.Equal(200, (await PartnerSteps.RequestTokenAsync(twin, clientId, secret)).Status);

        Assert.Equal(200, await PartnerSteps.ReadPropertyAsync(twin, token, unitCode));
        var watch = Stopwatch.StartNew();
        await Json.ReadAsync(await operatorClient.PostAsync($"/api/v1/admin/clients/{clientId}/revoke", null, Ct));
        Assert.Equal("invalid_client", (await PartnerSteps.RequestTokenAsync(twin, clientId, newSecret)).Error);
        // The twin refuses the existing token once what it knew is older than Auth:StatusCheckInterval.
        var bound = PartnerClientLifecycleFixture.StatusCheckInterval + TimeSpan.FromSeconds(3);
        while (await PartnerSteps.ReadPropertyAsync(twin, token, unitCode) == 200)
        {
            Assert.True(watch.Elapsed < bound, $"the twin still accepts a revoked client's token after {watch.Elapsed}");
            await Task.Delay(100, Ct);
        }
        Assert.Equal(401, await PartnerSteps.ReadPropertyAsync(twin, token, unitCode));
    }

    [Fact]
    public async Task Secrets_and_contact_details_appear_in_no_log_line()
    {
        var app = fixture.App;
        using var operatorClient = await fixture.OperatorAsync();
        var partnerId = await PartnerSteps.ApprovedAsync(app, operatorClient);
        var (clientId, secret) = await PartnerSteps.CreateClientAsync(operatorClient, partnerId);
        await PartnerSteps.TokenAsync(app, clientId, secret);
        var newSecret = await PartnerSteps.RotateAsync(operatorClient, clientId);
        await PartnerSteps.TokenAsync(app, clientId, newSecret);
        await PartnerSteps.RequestTokenAsync(app, clientId, "wrong-secret-value");
        await operatorClient.GetStringAsync($"/api/v1/admin/partners/{partnerId}/clients", Ct);
        await operatorClient.GetStringAsync("/api/v1/admin/partners?status=APPROVED", Ct);

        var lines = fixture.Logs.Lines.ToList();
        Assert.Contains(lines, l => l.Contains($"created client {clientId}", StringComparison.Ordinal) && l.Contains("demo-operator", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains($"rotated the secret of client {clientId}", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("client_credentials", StringComparison.Ordinal));
        foreach (var text in new[] { secret, newSecret, "wrong-secret-value", "contact@example.cn", "13800138000" })
        {
            Assert.DoesNotContain(lines, l => l.Contains(text, StringComparison.Ordinal));
        }
    }
}
