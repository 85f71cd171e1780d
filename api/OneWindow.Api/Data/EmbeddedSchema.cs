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
