using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace OneWindow.Api.Tests.Infrastructure;

/// <summary>
/// The real host on the embedded default: no connection strings, a temporary SQLite file (deleted afterwards), the
/// demo region and demo identities seeded at start, the in-process cache and limits.
/// </summary>
public sealed class EmbeddedApp(IReadOnlyDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"onewindow-test-{Guid.NewGuid():N}.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Outside Development the embedded demo runs only with the --demo switch (settings reach Program as arguments).
        builder.UseSetting("demo", "true");
        builder.UseSetting("ConnectionStrings:Registry", "");
        builder.UseSetting("ConnectionStrings:Redis", "");
        builder.UseSetting("Registry:EmbeddedDatabasePath", _file);
        // The demo certificates stay unsigned until read (tests count statements and rotate keys); a test of the
        // background signing switches it on.
        builder.UseSetting("Certificates:BackfillBatchSize", "0");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }
}
