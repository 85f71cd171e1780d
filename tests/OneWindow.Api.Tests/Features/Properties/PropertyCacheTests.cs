using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Data.Register;
using OneWindow.Api.Tests.Infrastructure;
using OneWindow.Domain.Restrictions;

namespace OneWindow.Api.Tests.Features.Properties;

/// <summary>Cached property and restriction reads: across instances, with Redis down, and how many statements a page costs.</summary>
public sealed class PropertyCacheTests(RegistryFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<bool> IsSeizedAsync(HttpClient client, string unitCode)
    {
        var status = await Json.ReadAsync(await client.GetAsync($"/api/v1/properties/{unitCode}/restrictions", Ct));
        return status.GetProperty("isSeized").GetBoolean();
    }

    /// <summary>Registers or releases a seizure through the host's own register writer, as the court's application will.</summary>
    private static async Task ToggleSeizureAsync(RegistryApp host, string unitCode, bool seize)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OneWindow.Api.Data.RegistryDbContext>();
        await using var change = await scope.ServiceProvider.GetRequiredService<RegisterWriter>().BeginAsync(Ct);
        var unit = (await change.UnitAsync(unitCode, Ct))!;
        if (seize)
        {
            change.AddRestriction(unit, new Restriction
            {
                Kind = RestrictionKind.Seizure,
                Authority = "肇庆市端州区人民法院",
                DocumentNumber = "(2025)粤1202执9999号",
                StartsOn = new DateOnly(2025, 11, 20),
                EndsOn = new DateOnly(2028, 11, 19),
            });
        }
        else
        {
            var seizure = await db.Restrictions.SingleAsync(r => r.UnitId == unit.Id && r.Kind == RestrictionKind.Seizure && r.Status == RestrictionStatus.Active, Ct);
            change.ReleaseRestriction(unit, seizure, null, "(2025)粤1202执恢9999号");
        }
        await change.CommitAsync(Ct);
    }

    [Fact]
    public async Task Write_through_host_A_is_never_read_stale_on_host_B()
    {
        await using var a = await RegistryApp.CreateAsync(fixture, nameof(Write_through_host_A_is_never_read_stale_on_host_B), clock: AppFixture.DemoClock);
        await using var b = a.Twin();
        using var clientA = await a.CreateClientAsync();
        using var clientB = await b.CreateClientAsync();
        await using var db = a.CreateDbContext();
        var unitCode = await PropertyUnits.CleanAsync(db);

        for (var round = 0; round < 10; round++)
        {
            var seized = round % 2 == 0;
            // Both instances have the current state cached (memory and Redis) before the write.
            Assert.Equal(!seized, await IsSeizedAsync(clientA, unitCode));
            Assert.Equal(!seized, await IsSeizedAsync(clientB, unitCode));

            await ToggleSeizureAsync(a, unitCode, seized);

            Assert.Equal(seized, await IsSeizedAsync(clientB, unitCode));
            var property = await Json.ReadAsync(await clientB.GetAsync($"/api/v1/properties/{unitCode}", Ct));
            Assert.Equal(seized, property.GetProperty("restrictions").EnumerateArray().Any(r => r.GetProperty("kind").GetString() == "SEIZURE"));
        }
        Assert.Empty((await RegisterVerifier.VerifyUnitAsync(db, unitCode, Ct))!);
    }

    [Fact]
    public async Task Reads_go_to_the_database_while_Redis_is_down_and_stay_fresh_when_it_returns()
    {
        await using var redis = await RedisServer.StartAsync(persistent: true);
        Assert.SkipUnless(redis.CanStop, "an external Redis (ONEWINDOW_TEST_REDIS) cannot be stopped by the tests");
        var database = await fixture.CreateDatabaseAsync("redis_down");
        await using var a = new RegistryApp(fixture.Postgres.ConnectionString(database), redis.Configuration) { Clock = AppFixture.DemoClock };
        await using var b = a.Twin();
        using var clientA = await a.CreateClientAsync();
        using var clientB = await b.CreateClientAsync();
        await using var db = a.CreateDbContext();
        var unitCode = await PropertyUnits.CleanAsync(db);
        Assert.False(await IsSeizedAsync(clientA, unitCode));
        Assert.False(await IsSeizedAsync(clientB, unitCode));

        await redis.StopAsync();

        Assert.Equal("Degraded", await ReadinessAsync(clientA));
        Assert.Equal(HttpStatusCode.OK, (await clientA.GetAsync($"/api/v1/properties/{unitCode}", Ct)).StatusCode);
        await ToggleSeizureAsync(a, unitCode, seize: true);
        Assert.True(await IsSeizedAsync(clientA, unitCode));
        Assert.True(await IsSeizedAsync(clientB, unitCode));

        // Redis returns holding what both hosts cached before the outage, under tokens the write could not change.
        await redis.RestartAsync();
        await WaitUntilReadyAsync(clientA);
        await WaitUntilReadyAsync(clientB);

        Assert.True(await IsSeizedAsync(clientB, unitCode));
        Assert.True(await IsSeizedAsync(clientA, unitCode));
    }

    /// <summary>Polls readiness until Healthy (the hosts reconnect to Redis in the background) for at most 30 seconds.</summary>
    private static async Task WaitUntilReadyAsync(HttpClient client)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await ReadinessAsync(client) != "Healthy")
        {
            Assert.True(DateTime.UtcNow < deadline, "the host did not reconnect to Redis within 30 s");
            await Task.Delay(100, Ct);
        }
    }

    /// <summary>/health/ready's overall status; a Degraded instance still answers 200.</summary>
    private static async Task<string?> ReadinessAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/health/ready", Ct);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var status = body.RootElement.GetProperty("status").GetString();
        Assert.Equal(status == "Unhealthy" ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.OK, response.StatusCode);
        return status;
    }

    [Fact]
    public async Task A_page_of_100_properties_costs_two_statements_cold_and_one_warm()
    {
        var counter = new StatementCounter();
        var database = await fixture.CreateDatabaseAsync(nameof(A_page_of_100_properties_costs_two_statements_cold_and_one_warm));
        // The counter sees every statement of the host: the event publisher's timer waits a day here, so none of its
        // statements land inside a counted request.
        var settings = new Dictionary<string, string?> { ["Events:PublishInterval"] = "1.00:00:00" };
        await using var host = new RegistryApp(fixture.Postgres.ConnectionString(database), fixture.Redis.Configuration, settings)
        {
            TestServices = services => services.AddSingleton<IInterceptor>(counter),
        };
        using var client = await host.CreateClientAsync();
        var url = $"/api/v1/properties?location={Uri.EscapeDataString("肇庆市端州区")}&limit=100";
        // Warms what every request pays once (the token's client status), not the units of the page.
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/properties/nope", Ct)).StatusCode);

        counter.Reset();
        var cold = await Json.ReadAsync(await client.GetAsync(url, Ct));
        var coldStatements = counter.Count;
        counter.Reset();
        await Json.ReadAsync(await client.GetAsync(url, Ct));
        var warmStatements = counter.Count;

        Assert.Equal(100, cold.GetProperty("items").GetArrayLength());
        Assert.True(cold.GetProperty("items").EnumerateArray().Sum(i => i.GetProperty("rights").GetArrayLength()) >= 100);
        // The search, then the views: units with parcels and buildings, rights with holders and parties, restrictions.
        Assert.Equal(2, coldStatements);
        Assert.Equal(1, warmStatements);
    }

    [Fact]
    public async Task The_memory_level_holds_at_most_its_configured_entries_and_reads_past_it_stay_whole()
    {
        var settings = new Dictionary<string, string?> { ["Registry:Cache:MemoryEntries"] = "40" };
        await using var host = await RegistryApp.CreateAsync(fixture, nameof(The_memory_level_holds_at_most_its_configured_entries_and_reads_past_it_stay_whole), settings: settings);
        using var client = await host.CreateClientAsync();
        var url = $"/api/v1/properties?location={Uri.EscapeDataString("肇庆市端州区")}&limit=100";

        var first = await client.GetStringAsync(url, Ct);
        var second = await client.GetStringAsync(url, Ct);

        var memory = (Microsoft.Extensions.Caching.Memory.MemoryCache)host.Services.GetRequiredKeyedService<Microsoft.Extensions.Caching.Memory.IMemoryCache>(OneWindow.Api.Caching.RegistryCaching.CacheName);
        Assert.InRange(memory.Count, 1, 40);
        Assert.Equal(100, JsonDocument.Parse(first).RootElement.GetProperty("items").GetArrayLength());
        Assert.Equal(first, second);
    }
}
