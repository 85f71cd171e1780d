using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace OneWindow.Api.Tests.Infrastructure;

/// <summary>
/// The real host on a test database (PostgreSQL) and the test Redis, in the Testing environment: the same
/// Program.cs, the same Add*/Map* extensions, nothing replaced.
/// </summary>
public sealed class RegistryApp(string registryConnectionString, string? redisConfiguration, IReadOnlyDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    public static async Task<RegistryApp> CreateAsync(RegistryFixture fixture, string purpose, bool redis = true, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var database = await fixture.CreateDatabaseAsync(purpose);
        return new RegistryApp(fixture.Postgres.ConnectionString(database), redis ? fixture.Redis.Configuration : null, settings);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Registry", registryConnectionString);
        builder.UseSetting("ConnectionStrings:Redis", redisConfiguration ?? "");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
    }
}
