using System.Net;
using System.Text.Json;
using OneWindow.Api.Tests.Infrastructure;

namespace OneWindow.Api.Tests.Hosting;

/// <summary>
/// Redis holds only what can be rebuilt: while it is down an instance stays ready (Degraded, 200), reads go to
/// PostgreSQL, and the rate limits and query budgets are counted in the instance instead of failing requests.
/// Uses a Redis of its own (never the shared one) so it can stop it.
/// </summary>
public sealed class RedisOutageTests(RegistryFixture fixture)
{
    private const string UnitCode = "441202001001GB00001F00010101";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task With_Redis_stopped_the_instance_is_ready_degraded_and_reads_and_limits_still_answer()
    {
        await using var redis = await RedisServer.StartAsync();
        Assert.SkipUnless(redis.CanStop, "an external Redis (ONEWINDOW_TEST_REDIS) cannot be stopped by the tests");
        var database = await fixture.CreateDatabaseAsync("redis_outage");
        await using var app = new RegistryApp(fixture.Postgres.ConnectionString(database), redis.Configuration);
        using var bank = await app.CreateClientAsync();
        Assert.Equal(("Healthy", "Healthy"), await ReadinessAsync(bank));
        Assert.Equal(HttpStatusCode.OK, (await bank.GetAsync($"/api/v1/properties/{UnitCode}", Ct)).StatusCode);

        await redis.StopAsync();

        Assert.Equal(("Degraded", "Degraded"), await ReadinessAsync(bank));
        for (var i = 0; i < 3; i++)
        {
            using var rest = await bank.GetAsync($"/api/v1/properties/{UnitCode}", Ct);
            Assert.Equal(HttpStatusCode.OK, rest.StatusCode);
            // The limits were counted (locally): the headers are still there.
            Assert.True(rest.Headers.Contains("RateLimit-Limit"));
            using var graphQL = await bank.PostGraphQLAsync("query($code: String!) { property(unitCode: $code) { unitCode } }", new { code = UnitCode });
            var body = await Json.ReadAsync(graphQL);
            Assert.Equal(UnitCode, body.GetProperty("data").GetProperty("property").GetProperty("unitCode").GetString());
            Assert.True(body.GetProperty("extensions").GetProperty("cost").GetProperty("remaining").GetInt64() > 0);
        }
        using var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/properties/{UnitCode}", Ct)).StatusCode);
    }

    [Fact]
    public async Task An_instance_started_while_Redis_is_down_is_ready_degraded_and_serves_reads()
    {
        // A loopback port nothing listens on: Redis "down" from the first moment.
        var database = await fixture.CreateDatabaseAsync("redis_down_at_start");
        await using var app = new RegistryApp(fixture.Postgres.ConnectionString(database), $"127.0.0.1:{ServerProcess.FreePort()}");
        using var bank = await app.CreateClientAsync();

        Assert.Equal(("Degraded", "Degraded"), await ReadinessAsync(bank));
        Assert.Equal(HttpStatusCode.OK, (await bank.GetAsync($"/api/v1/properties/{UnitCode}", Ct)).StatusCode);
        using var graphQL = await bank.PostGraphQLAsync("query($code: String!) { property(unitCode: $code) { unitCode } }", new { code = UnitCode });
        Assert.Equal(UnitCode, (await Json.ReadAsync(graphQL)).GetProperty("data").GetProperty("property").GetProperty("unitCode").GetString());
    }

    /// <summary>/health/ready's overall status and Redis's entry; the database must be Healthy and the answer 200.</summary>
    private static async Task<(string? Overall, string? Redis)> ReadinessAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/health/ready", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var checks = body.RootElement.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("database").GetProperty("status").GetString());
        return (body.RootElement.GetProperty("status").GetString(), checks.GetProperty("redis").GetProperty("status").GetString());
    }
}
