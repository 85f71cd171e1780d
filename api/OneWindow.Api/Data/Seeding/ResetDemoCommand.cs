namespace OneWindow.Api.Data.Seeding;

/// <summary>
/// <c>dotnet run --project api/OneWindow.Api -- reset-demo</c>: puts the embedded default back as it ships. It deletes
/// the SQLite file (with its journal files, and on the default path the files older builds left beside it); the next
/// start creates the demo region, the demo partners and people and new keys, exactly as on a fresh clone.
/// It refuses while a host runs on the file (<see cref="EmbeddedDatabaseLock"/>) and when the register is PostgreSQL,
/// which it never touches.
/// </summary>
public static class ResetDemoCommand
{
    public const string Name = "reset-demo";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length > 1)
        {
            await Console.Error.WriteLineAsync($"reset-demo takes no options (got {args[1]}); usage: reset-demo");
            return 2;
        }
        var database = RegistryDataExtensions.ResolveDatabase(CommandConfiguration.Build());
        if (database.EmbeddedPath is not { } path)
        {
            await Console.Error.WriteLineAsync(
                "reset-demo resets only the embedded default; ConnectionStrings__Registry names a PostgreSQL register, which it leaves alone.");
            return 2;
        }
        using (var alone = EmbeddedDatabaseLock.TryTakeAlone(path))
        {
            if (alone is null)
            {
                await Console.Error.WriteLineAsync($"reset-demo: a OneWindow host is running on {path}; stop it (Ctrl+C), then run reset-demo again.");
                return 1;
            }
            var removed = FilesOf(path).Where(File.Exists).ToList();
            foreach (var file in removed)
            {
                File.Delete(file);
            }
            Console.WriteLine(removed.Count == 0
                ? $"reset-demo: {path} did not exist; the next start creates the demo region as it ships."
                : $"reset-demo: removed {path}; the next start creates the demo region as it ships (3,000 units, the demo partners and people, new keys).");
        }
        File.Delete(EmbeddedDatabaseLock.PathOf(path));
        return 0;
    }

    /// <summary>The file with SQLite's journals, and on the default path every model's file beside it.</summary>
    private static IEnumerable<string> FilesOf(string path)
    {
        var files = new List<string> { path, path + "-wal", path + "-shm", path + "-journal" };
        if (RegistryDataExtensions.IsDefaultEmbeddedPath(path))
        {
            files.AddRange(Directory.EnumerateFiles(Path.GetDirectoryName(path)!, "onewindow-*.db*")
                .Where(file => !file.EndsWith(".lock", StringComparison.Ordinal)));
        }
        return files.Distinct(StringComparer.Ordinal);
    }
}
