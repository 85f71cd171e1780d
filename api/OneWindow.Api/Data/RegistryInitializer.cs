using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneWindow.Api.Auth;
using OneWindow.Api.Data.Seeding;
using OneWindow.Api.Hosting;

namespace OneWindow.Api.Data;

/// <summary>Brings the database to the model at start and seeds the demo region where it is wanted.</summary>
public sealed class RegistryInitializer(
    RegistryDbContext db, RegistryDatabase database, IOptions<RegistryOptions> options, IHostEnvironment environment,
    IServiceProvider services, ILogger<RegistryInitializer> logger, RegistryMode? mode = null)
{
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (database.EmbeddedPath is { } path)
        {
            await EmbeddedSchema.EnsureCurrentAsync(db, path, cancellationToken);
        }
        else if (options.Value.ApplyMigrationsOnStart)
        {
            await db.Database.MigrateAsync(cancellationToken);
        }

        // Note: the demo region and the demo identities (published secrets) exist only on the embedded default and in
        // Development or with --demo; elsewhere a database that has them (e.g. one first started in Development)
        // loses the identities before the host serves anything.
        if (!(mode?.Demo ?? environment.IsDevelopment()))
        {
            await DemoAccess.RemoveAsync(services, cancellationToken);
            return;
        }
        if (!database.IsEmbedded && !options.Value.SeedDemoRegion)
        {
            return;
        }
        if (!await db.Units.AnyAsync(cancellationToken))
        {
            var started = TimeProvider.System.GetTimestamp();
            var counts = await DemoRegionSeeder.SeedAsync(db, database, new DemoRegionOptions { Units = options.Value.DemoUnits }, cancellationToken);
            logger.LogInformation("Seeded the demo region {Division} ({Units} units) in {Elapsed:0.0} s",
                DemoRegion.Division, counts.Units, TimeProvider.System.GetElapsedTime(started).TotalSeconds);
        }
        await DemoAccess.SeedAsync(services, cancellationToken);
    }
}

/// <summary>
/// Runs the initializer when the host starts, before Kestrel listens (WebApplication starts its own hosted services
/// first), so no request meets a database without its tables.
/// </summary>
internal sealed class RegistryInitializerService(IServiceScopeFactory scopes) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RegistryInitializer>().InitializeAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
