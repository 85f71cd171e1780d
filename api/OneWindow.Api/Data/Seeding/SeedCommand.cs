using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace OneWindow.Api.Data.Seeding;

/// <summary>
/// <c>dotnet run --project api/OneWindow.Api -c Release -- seed --units 1000000 [--connection "Host=…"] [--reset]</c>:
/// generates a region of that size into PostgreSQL with binary COPY, for scale tests. The connection string comes
/// from <c>--connection</c> or <c>ConnectionStrings__Registry</c>.
/// </summary>
public static class SeedCommand
{
    public static IReadOnlySet<string> Names { get; } = new HashSet<string>(StringComparer.Ordinal) { "seed" };

    public static async Task<int> RunAsync(string[] args)
    {
        var units = 1_000_000;
        var connection = Environment.GetEnvironmentVariable("ConnectionStrings__Registry");
        var reset = false;
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--units" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var n) && n > 0:
                    units = n;
                    i++;
                    break;
                case "--connection" when i + 1 < args.Length:
                    connection = args[++i];
                    break;
                case "--reset":
                    reset = true;
                    break;
                default:
                    Console.Error.WriteLine($"unknown or incomplete option: {args[i]}");
                    Console.Error.WriteLine("usage: seed [--units N] [--connection \"Host=…;Database=…\"] [--reset]");
                    return 2;
            }
        }
        if (string.IsNullOrWhiteSpace(connection))
        {
            Console.Error.WriteLine("seed writes to PostgreSQL: pass --connection or set ConnectionStrings__Registry.");
            return 2;
        }

        var database = new RegistryDatabase(IsEmbedded: false, connection);
        var options = new DbContextOptionsBuilder<RegistryDbContext>();
        RegistryDataExtensions.Configure(options, database);
        await using var db = new RegistryDbContext(options.Options);
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        await db.Database.MigrateAsync();
        if (reset)
        {
            await db.Database.ExecuteSqlRawAsync(
                "TRUNCATE register_entries, restrictions, right_holders, rights, units, buildings, parcels, parties, application_materials, application_events, applications, partners RESTART IDENTITY CASCADE");
        }
        else if (await db.Units.AnyAsync())
        {
            Console.Error.WriteLine("the register already holds units: pass --reset to replace them.");
            return 1;
        }

        Console.WriteLine($"seeding {units:N0} units into {db.Database.GetDbConnection().Database} …");
        var clock = Stopwatch.StartNew();
        var lastReport = TimeSpan.Zero;
        var phases = new SeedPhases();
        var counts = await DemoRegionSeeder.SeedAsync(db, database, new DemoRegionOptions { Units = units }, CancellationToken.None, progress =>
        {
            if (clock.Elapsed - lastReport >= TimeSpan.FromSeconds(5))
            {
                lastReport = clock.Elapsed;
                Console.WriteLine($"  {progress.Units,10:N0} units  {progress.Rows,12:N0} rows  {clock.Elapsed.TotalSeconds,6:0.0} s");
            }
        }, phases);
        clock.Stop();
        Console.WriteLine($"parcels {counts.Parcels:N0}, buildings {counts.Buildings:N0}, units {counts.Units:N0}, parties {counts.Parties:N0}, rights {counts.Rights:N0}, restrictions {counts.Restrictions:N0}, register entries {counts.Entries:N0}");
        Console.WriteLine($"phases: {phases}");
        Console.WriteLine($"{counts.Rows:N0} rows in {clock.Elapsed.TotalSeconds:0.0} s ({counts.Rows / clock.Elapsed.TotalSeconds:N0} rows/s), analyzed, in one transaction");
        return 0;
    }
}
