using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Data;

namespace OneWindow.Api.Tests.Infrastructure;

/// <summary>
/// The real host on a test database (PostgreSQL) and the test Redis, in the Testing environment: the same
/// Program.cs, the same Add*/Map* extensions, nothing replaced.
/// </summary>
public sealed class RegistryApp(string registryConnectionString, string? redisConfiguration, IReadOnlyDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    public static async Task<RegistryApp> CreateAsync(
        RegistryFixture fixture, string purpose, bool redis = true, IReadOnlyDictionary<string, string?>? settings = null, TimeProvider? clock = null,
        Action<IServiceCollection>? testServices = null)
    {
        var database = await fixture.CreateDatabaseAsync(purpose);
        return new RegistryApp(fixture.Postgres.ConnectionString(database), redis ? fixture.Redis.Configuration : null, settings)
        {
            Clock = clock,
            TestServices = testServices,
        };
    }

    /// <summary>The host's database.</summary>
    public string ConnectionString => registryConnectionString;

    /// <summary>A second host on the same database and Redis: another instance of the platform.</summary>
    public RegistryApp Twin() => new(registryConnectionString, redisConfiguration, settings) { Clock = Clock, TestServices = TestServices, Environment = Environment, Demo = Demo };

    /// <summary>An access token for a demo client (client credentials), fetched from this host's /connect/token.</summary>
    public async Task<string> TokenAsync(string clientId = "demo-bank", string? scope = null, string secret = "demo-secret")
    {
        using var client = CreateClient();
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret };
        if (scope is not null)
        {
            form["scope"] = scope;
        }
        using var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(form));
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"no token for {clientId}: {(int)response.StatusCode} {body}");
        }
        return System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>An HTTP client that sends a demo client's access token.</summary>
    public async Task<HttpClient> CreateClientAsync(string clientId = "demo-bank", string? scope = null)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await TokenAsync(clientId, scope));
        return client;
    }

    /// <summary>A DbContext on this host's database, for arranging and checking what the host did.</summary>
    public RegistryDbContext CreateDbContext()
    {
        var options = new DbContextOptionsBuilder<RegistryDbContext>();
        RegistryDataExtensions.Configure(options, new RegistryDatabase(IsEmbedded: false, registryConnectionString));
        return new RegistryDbContext(options.Options);
    }

    /// <summary>The environment the host runs in (Testing unless a test needs another).</summary>
    public string Environment { get; init; } = "Testing";

    /// <summary>
    /// Start with the <c>--demo</c> switch (the default): the template's demo clients and people keep working in the
    /// Testing environment. False runs the host as production does (a key-protection certificate is then required).
    /// </summary>
    public bool Demo { get; init; } = true;

    /// <summary>The host's clock; the real one unless a test fixes the day (the demo data's dates are fixed).</summary>
    public TimeProvider? Clock { get; init; }

    /// <summary>Extra services for a test (e.g. an EF interceptor that counts statements).</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureTestServices(services =>
        {
            if (Clock is { } clock)
            {
                services.AddSingleton(clock);
            }
            TestServices?.Invoke(services);
        });
        builder.UseEnvironment(Environment);
        if (Demo)
        {
            // WebApplicationFactory hands settings to Program as arguments: this one arrives as --demo=true.
            builder.UseSetting("demo", "true");
        }
        // The test server speaks plain http on a loopback pipe.
        builder.UseSetting("Auth:AllowInsecureHttp", "true");
        builder.UseSetting("ConnectionStrings:Registry", registryConnectionString);
        builder.UseSetting("ConnectionStrings:Redis", redisConfiguration ?? "");
        // Hosts on different test databases share the test Redis: each database gets its own key space.
        builder.UseSetting("Registry:CachePrefix", new Npgsql.NpgsqlConnectionStringBuilder(registryConnectionString).Database);
        // The demo certificates stay unsigned until read (tests count statements and rotate keys); a test of the
        // background signing switches it on.
        builder.UseSetting("Certificates:BackfillBatchSize", "0");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
    }
}
