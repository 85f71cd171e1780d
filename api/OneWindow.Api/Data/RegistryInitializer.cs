using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneWindow.Api.Auth;
using OneWindow.Api.Data.Seeding;

namespace OneWindow.Api.Data;

/// <summary>Brings the database to the model at start and seeds the demo region where it is wanted.</summary>
public sealed class RegistryInitializer(
    RegistryDbContext db, RegistryDatabase database, IOptions<RegistryOptions> options, IHostEnvironment environment,
    IServiceProvider services, ILogger<RegistryInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (database.IsEmbedded)
        {
            await db.Database.EnsureCreatedAsync(cancellationToken);
        }
        else if (options.Value.ApplyMigrationsOnStart)
        {
            await db.Database.MigrateAsync(cancellationToken);
        }

        // Note: demo data (and later the demo partners and people) exists only on the embedded default and in
        // Development; a production configuration never seeds.
        var seed = database.IsEmbedded || (environment.IsDevelopment() && options.Value.SeedDemoRegion);
        if (!seed)
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
