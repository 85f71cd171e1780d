using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace OneWindow.Api.Data.Register;

/// <summary>
/// The register's commands of the host:
/// <c>verify-register [--unit CODE] [--connection "Host=…"] [--checkpoint file.json]</c> checks one unit or the whole
/// register (chains, rows against entries, heads against the newest signed checkpoint or the exported one given) and
/// prints every unit that does not match, exiting 1 when any does;
/// <c>export-checkpoint [--sequence N] [--connection "Host=…"] [--out file.json]</c> writes a signed checkpoint as
/// it is kept elsewhere. The database is the host's: <c>--connection</c>, else <c>ConnectionStrings__Registry</c>,
/// else the embedded SQLite file.
/// </summary>
public static class RegisterCommands
{
    public const string Verify = "verify-register";
    public const string Export = "export-checkpoint";

    public static IReadOnlySet<string> Names { get; } = new HashSet<string>(StringComparer.Ordinal) { Verify, Export };

    /// <summary>How exported checkpoints are written and read: the REST answer's shape (camelCase).</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static async Task<int> RunAsync(string[] args)
    {
        string? unit = null, connection = null, checkpointFile = null, output = null;
        long? sequence = null;
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--unit" when args[0] == Verify && i + 1 < args.Length:
                    unit = args[++i];
                    break;
                case "--checkpoint" when args[0] == Verify && i + 1 < args.Length:
                    checkpointFile = args[++i];
                    break;
                case "--sequence" when args[0] == Export && i + 1 < args.Length && long.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var n):
                    sequence = n;
                    i++;
                    break;
                case "--out" when args[0] == Export && i + 1 < args.Length:
                    output = args[++i];
                    break;
                case "--connection" when i + 1 < args.Length:
                    connection = args[++i];
                    break;
                default:
                    Console.Error.WriteLine($"unknown or incomplete option: {args[i]}");
                    Console.Error.WriteLine(args[0] == Verify
                        ? "usage: verify-register [--unit CODE] [--connection \"Host=…;Database=…\"] [--checkpoint file.json]"
                        : "usage: export-checkpoint [--sequence N] [--connection \"Host=…;Database=…\"] [--out file.json]");
                    return 2;
            }
        }

        await using var db = Open(connection);
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        try
        {
            return await RunAsync(db, args[0], unit, checkpointFile, sequence, output);
        }
        catch (System.Data.Common.DbException e)
        {
            Console.Error.WriteLine($"cannot read the register ({db.Database.GetDbConnection().DataSource}): {e.Message}");
            return 2;
        }
    }

    private static async Task<int> RunAsync(RegistryDbContext db, string command, string? unit, string? checkpointFile, long? sequence, string? output)
    {
        if (command == Export)
        {
            return await ExportAsync(db, sequence, output);
        }
        ExportedCheckpoint? against = null;
        if (checkpointFile is not null)
        {
            try
            {
                against = JsonSerializer.Deserialize<ExportedCheckpoint>(await File.ReadAllTextAsync(checkpointFile), Json);
            }
            catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"cannot read the checkpoint file {checkpointFile}: {e.Message}");
                return 2;
            }
            if (against is null)
            {
                Console.Error.WriteLine($"{checkpointFile} holds no checkpoint");
                return 2;
            }
        }
        var report = await RegisterVerification.RunAsync(db, unit, against, DateTime.UtcNow, CancellationToken.None);
        if (report is null)
        {
            Console.Error.WriteLine($"the register has no unit {unit}");
            return 1;
        }
        Print(report);
        return report.Intact ? 0 : 1;
    }

    private static async Task<int> ExportAsync(RegistryDbContext db, long? sequence, string? output)
    {
        var exported = await RegisterCheckpoints.ExportAsync(db, sequence, CancellationToken.None);
        if (exported is null)
        {
            Console.Error.WriteLine(sequence is null ? "the register has no checkpoint yet" : $"the register has no checkpoint {sequence}");
            return 1;
        }
        var json = JsonSerializer.Serialize(exported, Json);
        if (output is null)
        {
            Console.WriteLine(json);
        }
        else
        {
            await File.WriteAllTextAsync(output, json + "\n");
            Console.WriteLine($"checkpoint {exported.Sequence} ({exported.UnitCount:N0} units, root {exported.Root}) written to {output}");
        }
        return 0;
    }

    private static void Print(RegisterVerificationReport report)
    {
        if (report.Checkpoint is { } checkpoint)
        {
            Console.WriteLine($"checkpoint {checkpoint.Sequence} of {checkpoint.TakenAt:yyyy-MM-dd HH:mm:ss}Z ({checkpoint.Source}, key {checkpoint.KeyId}): " +
                $"signature {(checkpoint.SignatureValid ? "valid" : "INVALID")}, heads {(checkpoint.HeadsRollUp ? "roll up to its root" : "DO NOT roll up to its root")}");
        }
        else
        {
            Console.WriteLine("no checkpoint to check against");
        }
        foreach (var problem in report.RegisterProblems)
        {
            Console.WriteLine($"register  {problem.Code}  {problem.Detail}");
        }
        foreach (var unit in report.Problems.GroupBy(p => p.UnitCode).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            foreach (var problem in unit)
            {
                Console.WriteLine($"{unit.Key}  entry {problem.Sequence}  {problem.Code}  {problem.Detail}");
            }
        }
        Console.WriteLine($"{report.UnitsChecked:N0} units checked in {report.ElapsedMilliseconds / 1000.0:0.0} s: " +
            (report.Intact ? "the register is intact" : $"{report.UnitsNotMatching.Count:N0} units do not match, {report.RegisterProblems.Count} register problems"));
    }

    private static RegistryDbContext Open(string? connection)
    {
        var database = string.IsNullOrWhiteSpace(connection)
            ? RegistryDataExtensions.ResolveDatabase(CommandConfiguration.Build())
            : new RegistryDatabase(IsEmbedded: false, connection);
        var options = new DbContextOptionsBuilder<RegistryDbContext>();
        RegistryDataExtensions.Configure(options, database);
        return new RegistryDbContext(options.Options);
    }
}
