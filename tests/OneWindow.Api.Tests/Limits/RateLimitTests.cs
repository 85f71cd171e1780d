using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OneWindow.Api.Limits;
using OneWindow.Api.Tests.Features.Properties;
using OneWindow.Api.Tests.Infrastructure;
using static OneWindow.Api.Tests.Limits.LimitsHosts;

namespace OneWindow.Api.Tests.Limits;

/// <summary>Request-rate limits per caller, kept in Redis and so shared by every instance; per instance when Redis is down.</summary>
public sealed class RateLimitTests(RegistryFixture fixture)
{
    [Fact]
    public async Task Two_hosts_on_one_Redis_share_one_rate_limit()
    {
        await using var a = await RegistryApp.CreateAsync(fixture, nameof(Two_hosts_on_one_Redis_share_one_rate_limit), settings: Settings(perClient: 5));
        await using var b = a.Twin();
        var token = await a.TokenAsync("demo-bank");
        using var clientA = a.CreateClient();
        using var clientB = b.CreateClient();
        foreach (var client in new[] { clientA, clientB })
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        }
        await using var db = a.CreateDbContext();
        var url = $"/api/v1/properties/{await PropertyUnits.CleanAsync(db)}";

        for (var i = 0; i < 5; i++)
        {
            using var served = await (i % 2 == 0 ? clientA : clientB).GetAsync(url, Ct);
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
            AssertRateHeaders(served, limit: 5, remaining: 4 - i);
        }
        using var sixth = await clientB.GetAsync(url, Ct);
        using var seventh = await clientA.GetAsync(url, Ct);

        await AssertRateLimitedAsync(sixth, limit: 5);
        await AssertRateLimitedAsync(seventh, limit: 5);
    }

    [Fact]
    public async Task High_limits_are_leased_in_blocks_and_two_hosts_together_never_serve_more_than_the_limit()
    {
        const int limit = 100;
        var block = (int)LimitCounters.MaxBlock(limit);
        await using var a = await RegistryApp.CreateAsync(fixture, nameof(High_limits_are_leased_in_blocks_and_two_hosts_together_never_serve_more_than_the_limit), settings: Settings(perClient: limit));
        await using var b = a.Twin();
        var token = await a.TokenAsync("demo-bank");
        using var clientA = a.CreateClient();
        using var clientB = b.CreateClient();
        foreach (var client in new[] { clientA, clientB })
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        }
        await using var db = a.CreateDbContext();
        var url = $"/api/v1/properties/{await PropertyUnits.CleanAsync(db)}";

        var served = 0;
        var refusedAfterServed = false;
        for (var i = 0; i < limit + 2 * block + 10; i++)
        {
            using var response = await (i % 2 == 0 ? clientA : clientB).GetAsync(url, Ct);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                served++;
                Assert.InRange(IntHeader(response, "RateLimit-Remaining"), 0, limit - 1);
            }
            else
            {
                await AssertRateLimitedAsync(response, limit);
                refusedAfterServed = served > 0;
            }
        }

        // What one host leased and did not use counts as used: at most one block per host is lost, never exceeded.
        Assert.InRange(served, limit - 2 * block, limit);
        Assert.True(refusedAfterServed);
    }

    [Fact]
    public async Task Concurrent_requests_at_a_windows_start_share_one_lease_at_a_time_and_none_is_refused_under_the_limit()
    {
        const int limit = 100;
        await using var host = await RegistryApp.CreateAsync(fixture, nameof(Concurrent_requests_at_a_windows_start_share_one_lease_at_a_time_and_none_is_refused_under_the_limit), settings: Settings(perClient: limit));
        using var client = await host.CreateClientAsync("demo-bank");
        await using var db = host.CreateDbContext();
        var url = $"/api/v1/properties/{await PropertyUnits.CleanAsync(db)}";

        // Half the limit at once: each request leasing a block of its own would take the whole limit and refuse some.
        var answers = await Task.WhenAll(Enumerable.Range(0, limit / 2).Select(async _ =>
        {
            using var response = await client.GetAsync(url, Ct);
            return response.StatusCode;
        }));

        Assert.All(answers, status => Assert.Equal(HttpStatusCode.OK, status));
    }

    [Fact]
    public async Task Each_client_has_its_own_partition_and_partner_kinds_their_own_limit()
    {
        var settings = Settings(perClient: 3);
        settings["Limits:PartnerKinds:Agency:PermitLimit"] = "4";
        await using var host = await RegistryApp.CreateAsync(fixture, nameof(Each_client_has_its_own_partition_and_partner_kinds_their_own_limit), settings: settings);
        using var bank = await host.CreateClientAsync("demo-bank");
        using var agency = await host.CreateClientAsync("demo-agency");
        const string url = "/api/v1/properties/441202003005GB00012F00010101";

        for (var i = 0; i < 3; i++)
        {
            (await bank.GetAsync(url, Ct)).Dispose();
        }
        using var bankRefused = await bank.GetAsync(url, Ct);
        using var agencyServed = await agency.GetAsync(url, Ct);

        await AssertRateLimitedAsync(bankRefused, limit: 3);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, agencyServed.StatusCode);
        AssertRateHeaders(agencyServed, limit: 4, remaining: 3);
    }

    [Fact]
    public async Task Anonymous_callers_get_the_tighter_limit_and_a_GraphQL_refusal_on_graphql()
    {
        await using var host = await RegistryApp.CreateAsync(fixture, nameof(Anonymous_callers_get_the_tighter_limit_and_a_GraphQL_refusal_on_graphql),
            settings: Settings(perClient: 5, anonymous: 2));
        using var anonymous = host.CreateClient();
        using var bank = await host.CreateClientAsync("demo-bank");

        for (var i = 0; i < 2; i++)
        {
            using var served = await anonymous.PostGraphQLAsync("{ apiVersion }");
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
            AssertRateHeaders(served, limit: 2, remaining: 1 - i);
        }
        using var refused = await anonymous.PostGraphQLAsync("{ apiVersion }", language: "en");
        using var authenticated = await bank.PostGraphQLAsync("{ apiVersion }");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/graphql-response+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        AssertRateHeaders(refused, limit: 2, remaining: 0);
        var error = System.Text.Json.JsonDocument.Parse(await refused.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("errors")[0];
        Assert.Equal("RATE_LIMITED", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal("Too many requests; retry later.", error.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.OK, authenticated.StatusCode);
        AssertRateHeaders(authenticated, limit: 5, remaining: 4);
    }

    [Fact]
    public async Task Token_requests_are_limited_by_address_whatever_the_secret()
    {
        await using var host = await RegistryApp.CreateAsync(fixture, nameof(Token_requests_are_limited_by_address_whatever_the_secret), settings: Settings(signIn: 3));
        using var client = host.CreateClient();
        FormUrlEncodedContent Guess(int i) => new(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "demo-bank",
            ["client_secret"] = $"guess-{i}",
        });

        for (var i = 0; i < 3; i++)
        {
            using var wrong = await client.PostAsync("/connect/token", Guess(i), Ct);
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            AssertRateHeaders(wrong, limit: 3, remaining: 2 - i);
        }
        using var refused = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "demo-bank",
            ["client_secret"] = "demo-secret",
        }), Ct);

        await AssertRateLimitedAsync(refused, limit: 3);
    }

    [Fact]
    public async Task Health_and_home_are_not_limited()
    {
        await using var host = await RegistryApp.CreateAsync(fixture, nameof(Health_and_home_are_not_limited), settings: Settings(anonymous: 1));
        using var client = host.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            using var live = await client.GetAsync("/health/live", Ct);
            using var home = await client.GetAsync("/", Ct);
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
            Assert.Equal(HttpStatusCode.OK, home.StatusCode);
            Assert.False(live.Headers.Contains("RateLimit-Limit"));
            Assert.False(home.Headers.Contains("RateLimit-Limit"));
        }
    }

    [Fact]
    public async Task Requests_are_served_while_Redis_is_down_with_limits_per_instance()
    {
        await using var redis = await RedisServer.StartAsync();
        Assert.SkipUnless(redis.CanStop, "ONEWINDOW_TEST_REDIS names a Redis the tests cannot stop");
        var database = await fixture.CreateDatabaseAsync(nameof(Requests_are_served_while_Redis_is_down_with_limits_per_instance));
        await using var a = new RegistryApp(fixture.Postgres.ConnectionString(database), redis.Configuration, Settings(perClient: 3));
        await using var b = a.Twin();
        var token = await a.TokenAsync("demo-bank");
        using var clientA = a.CreateClient();
        using var clientB = b.CreateClient();
        foreach (var client in new[] { clientA, clientB })
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        }
        using (var shared = await clientA.PostGraphQLAsync("{ apiVersion }"))
        {
            AssertRateHeaders(shared, limit: 3, remaining: 2);
        }
        using (var shared = await clientB.PostGraphQLAsync("{ apiVersion }"))
        {
            AssertRateHeaders(shared, limit: 3, remaining: 1);
        }

        await redis.StopAsync();

        // Each instance now counts on its own, from a fresh window: 3 each, 6 in all, and no request fails.
        foreach (var client in new[] { clientA, clientB })
        {
            for (var i = 0; i < 3; i++)
            {
                using var served = await client.PostGraphQLAsync("{ apiVersion }");
                Assert.Equal(HttpStatusCode.OK, served.StatusCode);
                AssertRateHeaders(served, limit: 3, remaining: 2 - i);
            }
            using var refused = await client.PostGraphQLAsync("{ apiVersion }");
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        }
        Assert.False(a.Services.GetRequiredService<LimitCounters>().Shared);
    }
}
