using Microsoft.EntityFrameworkCore;
using Npgsql;
using OneWindow.Api.Data;
using OneWindow.Api.Tests.Infrastructure;

[assembly: AssemblyFixture(typeof(RegistryFixture))]

namespace OneWindow.Api.Tests.Infrastructure;

/// <summary>
/// The assembly's servers: one private PostgreSQL and one private Redis for the whole run. A template database is
/// migrated and seeded with the demo region once; each test class that writes takes its own copy of it
/// (CREATE DATABASE … TEMPLATE, tens of milliseconds), so tests never see each other's changes.
/// </summary>
public sealed class RegistryFixture : IAsyncLifetime
{
    private const string Template = "registry_template";
    private int _databases;

    public PostgresServer Postgres { get; private set; } = null!;
    public RedisServer Redis { get; private set; } = null!;


    public async ValueTask InitializeAsync()
    {
        var postgres = PostgresServer.StartAsync();
        var redis = RedisServer.StartAsync();
        Postgres = await postgres;
        Redis = await redis;
        await Postgres.ExecuteAsync($"DROP DATABASE IF EXISTS {Template}");
        await Postgres.ExecuteAsync($"CREATE DATABASE {Template}");
        // The real host seeds the template the way a developer's first start does: migrations, the demo region
        // (binary COPY), the demo clients and people.
        await using (var seeder = new RegistryApp(Postgres.ConnectionString(Template), redisConfiguration: null,
            new Dictionary<string, string?> { ["Registry:SeedDemoRegion"] = "true" }) { Environment = "Development" })
        {
            using var client = seeder.CreateClient();
        }
        // A template must have no open connections when it is copied.
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>A fresh copy of the seeded template; returns its name.</summary>
    public async Task<string> CreateDatabaseAsync(string purpose)
    {
        var name = $"t{Interlocked.Increment(ref _databases)}_{new string([.. purpose.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(40)])}";
        await Postgres.ExecuteAsync($"CREATE DATABASE {name} TEMPLATE {Template}");
        return name;
    }

    public RegistryDatabase Database(string name) => new(IsEmbedded: false, Postgres.ConnectionString(name));

    public RegistryDbContext CreateContext(string database)
    {
        var options = new DbContextOptionsBuilder<RegistryDbContext>();
        RegistryDataExtensions.Configure(options, Database(database));
        return new RegistryDbContext(options.Options);
    }

    public async ValueTask DisposeAsync()
    {
        if (Redis is not null)
        {
            await Redis.DisposeAsync();
        }
        if (Postgres is not null)
        {
            await Postgres.DisposeAsync();
        }
    }
}
