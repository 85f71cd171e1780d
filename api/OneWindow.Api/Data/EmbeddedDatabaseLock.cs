namespace OneWindow.Api.Data;

/// <summary>
/// A lock file beside the embedded SQLite file (<c>…db.lock</c>). Every host on the file holds it shared while it runs;
/// <c>reset-demo</c> needs it alone, so it never deletes a file a running host still writes to.
/// Note: .NET takes these as advisory <c>flock</c> locks on Linux (shared for <see cref="FileShare.ReadWrite"/>,
/// exclusive for <see cref="FileShare.None"/>), released by the kernel when the process ends, however it ends.
/// </summary>
public static class EmbeddedDatabaseLock
{
    public static string PathOf(string databasePath) => databasePath + ".lock";

    /// <summary>The host's shared hold on the file, for as long as the returned stream stays open.</summary>
    public static FileStream Share(string databasePath) =>
        new(PathOf(databasePath), FileMode.OpenOrCreate, FileAccess.Read, FileShare.ReadWrite);

    /// <summary>Sole hold on the file, or null while a host holds it.</summary>
    public static FileStream? TryTakeAlone(string databasePath)
    {
        try
        {
            return new FileStream(PathOf(databasePath), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }
}

/// <summary>Holds <see cref="EmbeddedDatabaseLock"/> shared from the host's start to its stop.</summary>
internal sealed class EmbeddedDatabaseLockService(RegistryDatabase database) : IHostedService, IDisposable
{
    private FileStream? _hold;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (database.EmbeddedPath is { } path)
        {
            _hold = EmbeddedDatabaseLock.Share(path);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _hold?.Dispose();
        _hold = null;
    }
}
