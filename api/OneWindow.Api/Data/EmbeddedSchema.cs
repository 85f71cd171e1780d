using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace OneWindow.Api.Data;

/// <summary>
/// The embedded SQLite file is created with EnsureCreated (migrations are PostgreSQL's), which cannot upgrade a file
/// made by an older model. The default file name carries a fingerprint of the model, so a changed model starts a
/// fresh demo file instead of failing on the old one.
/// </summary>
internal static class EmbeddedSchema
{
    private static readonly Lazy<string> LazyFingerprint = new(ComputeFingerprint);

    public static string Fingerprint => LazyFingerprint.Value;

    /// <summary>The fingerprint as SQLite's <c>user_version</c> (28 bits of it), stamped on the files this model creates.</summary>
    public static int Version => Convert.ToInt32(Fingerprint[..7], 16);

    /// <summary>
    /// Creates the file's tables when it has none and stamps the model's version; a file with tables from another
    /// model (an explicit <c>Registry:EmbeddedDatabasePath</c> kept across an upgrade) stops the start instead of
    /// failing later on a missing column.
    /// </summary>
    public static async Task EnsureCurrentAsync(RegistryDbContext db, string path, CancellationToken cancellationToken)
    {
        if (await db.Database.EnsureCreatedAsync(cancellationToken))
        {
            // Note: PRAGMA takes no parameters; the value is our own integer.
            var stamp = "PRAGMA user_version = " + Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await db.Database.ExecuteSqlRawAsync(stamp, cancellationToken);
            return;
        }
        var found = await db.Database.SqlQueryRaw<int>("SELECT user_version AS \"Value\" FROM pragma_user_version").SingleAsync(cancellationToken);
        if (found != Version)
        {
            throw new EmbeddedSchemaMismatchException(path);
        }
    }

    private static string ComputeFingerprint()
    {
        var options = new DbContextOptionsBuilder<RegistryDbContext>()
            .UseSqlite(new SqliteConnection("Data Source=:memory:"))
            .UseSnakeCaseNamingConvention()
            .Options;
        using var context = new RegistryDbContext(options);
        var script = context.Database.GenerateCreateScript();
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(script));
        return Convert.ToHexStringLower(hash)[..12];
    }
}

/// <summary>The embedded file was made by another version of the model: <c>reset-demo</c> replaces it.</summary>
public sealed class EmbeddedSchemaMismatchException(string path)
    : InvalidOperationException($"the embedded database {path} was made by another version of OneWindow; run `dotnet run --project api/OneWindow.Api -- reset-demo` (with the same Registry__EmbeddedDatabasePath) to start over with the demo region.")
{
    public string Path { get; } = path;
}
