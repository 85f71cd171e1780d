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
        RegistryFixture fixture, string purpose, bool redis = true, IReadOnlyDictionary<string, string?>? settings = null, TimeProvider? clock = null)
    {
        var database = await fixture.CreateDatabaseAsync(purpose);
        return new RegistryApp(fixture.Postgres.ConnectionString(database), redis ? fixture.Redis.Configuration : null, settings) { Clock = clock };
    }

    /// <summary>A second host on the same database and Redis: another instance of the platform.</summary>
    public RegistryApp Twin() => new(registryConnectionString, redisConfiguration, settings) { Clock = Clock, TestServices = TestServices };

    /// <summary>A DbContext on this host's database, for arranging and checking what the host did.</summary>
    public RegistryDbContext CreateDbContext()
    {
        var options = new DbContextOptionsBuilder<RegistryDbContext>();
        RegistryDataExtensions.Configure(options, new RegistryDatabase(IsEmbedded: false, registryConnectionString));
        return new RegistryDbContext(options.Options);
    }

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
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Registry", registryConnectionString);
        builder.UseSetting("ConnectionStrings:Redis", redisConfiguration ?? "");
        // Hosts on different test databases share the test Redis: each database gets its own key space.
        builder.UseSetting("Registry:CachePrefix", new Npgsql.NpgsqlConnectionStringBuilder(registryConnectionString).Database);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
    }
}
