using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using OneWindow.Api.Hosting;

namespace OneWindow.Api.Data;

/// <summary>Where the register lives: PostgreSQL when a connection string is configured, else the embedded SQLite file.</summary>
public sealed record RegistryDatabase(bool IsEmbedded, string ConnectionString)
{
    public bool IsPostgres => !IsEmbedded;

    /// <summary>The embedded SQLite file's full path; null on PostgreSQL.</summary>
    public string? EmbeddedPath => IsEmbedded ? new SqliteConnectionStringBuilder(ConnectionString).DataSource : null;
}

/// <summary>Settings under <c>Registry</c> in configuration.</summary>
public sealed class RegistryOptions
{
    public const string Section = "Registry";

    /// <summary>The SQLite file of the embedded default; empty → <c>data/onewindow-*.db</c> beside the program.</summary>
    public string? EmbeddedDatabasePath { get; set; }

    /// <summary>
    /// Seed the demo region (Zhaoqing, Duanzhou) and the demo identities when the register is empty: on PostgreSQL only
    /// in Development or with <c>--demo</c> (<see cref="RegistryMode"/>); always on for the embedded default.
    /// </summary>
    public bool SeedDemoRegion { get; set; }

    /// <summary>How many units the demo region has.</summary>
    public int DemoUnits { get; set; } = 3000;

    /// <summary>Apply pending PostgreSQL migrations at start. Note: production may run them as a separate step instead.</summary>
    public bool ApplyMigrationsOnStart { get; set; } = true;
}

public static class RegistryDataExtensions
{
    public static WebApplicationBuilder AddRegistryData(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<RegistryOptions>(builder.Configuration.GetSection(RegistryOptions.Section));
        var database = ResolveDatabase(builder.Configuration);
        builder.Services.AddSingleton(database);
        // Interceptors registered in DI (e.g. a test's statement counter) join every context.
        builder.Services.AddDbContextPool<RegistryDbContext>((services, options) =>
        {
            Configure(options, database);
            options.AddInterceptors(services.GetServices<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>());
        });
        builder.Services.AddScoped<RegistryInitializer>();
        // The lock first: reset-demo must not delete the file while this host creates or seeds it.
        builder.Services.AddHostedService<EmbeddedDatabaseLockService>();
        builder.Services.AddHostedService<RegistryInitializerService>();
        return builder;
    }

    public static void Configure(DbContextOptionsBuilder options, RegistryDatabase database)
    {
        if (database.IsEmbedded)
        {
            options.UseSqlite(database.ConnectionString);
        }
        else
        {
            options.UseNpgsql(ForPooledReads(database.ConnectionString), npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"));
        }
        options.UseSnakeCaseNamingConvention();
        // Every context writes the events of application steps and certificate status changes with the change itself.
        options.AddInterceptors(Events.OutboxInterceptor.Instance);
        // A failed statement is not always a fault: a unique index refusing the second of two concurrent submissions
        // is how the open-application guard and idempotency keys work, and the code answers it. Such failures are
        // logged at Debug; one the code does not handle still reaches the exception handler, which logs it as an error.
        options.ConfigureWarnings(warnings => warnings.Log(
            (CoreEventId.SaveChangesFailed, LogLevel.Debug),
            (RelationalEventId.CommandError, LogLevel.Debug)));
    }

    /// <summary>How many statements each connection keeps prepared unless the connection string says (Max Auto Prepare).</summary>
    public const int DefaultMaxAutoPrepare = 64;

    /// <summary>
    /// The connection string tuned for many short reads on pooled connections, each setting kept where the connection
    /// string sets it itself (docs/decisions/0028):
    /// <list type="bullet">
    /// <item>Npgsql's automatic preparation on (Max Auto Prepare): a statement a connection has run 5 times is prepared on
    /// the server, and later runs skip parsing and planning, which cost an uncached property read about 5× its
    /// execution.</item>
    /// <item>No reset when a connection goes back to the pool (No Reset On Close): with prepared statements Npgsql would
    /// otherwise send seven statements (CLOSE ALL, RESET ALL, UNLISTEN *, …) before the next command of every request,
    /// about 0.2 ms of PostgreSQL's CPU each time. Nothing in this code leaves session state behind: settings are
    /// <c>SET LOCAL</c> (ended with their transaction), and there are no LISTENs, temporary tables or session locks.
    /// Code that needs session state opens a connection of its own.</item>
    /// </list>
    /// Note: a pooler that does not keep prepared statements per client (PgBouncer before 1.21 in transaction mode)
    /// needs <c>Max Auto Prepare=0</c> in the connection string.
    /// </summary>
    public static string ForPooledReads(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        var keys = given.Keys.Cast<string>().Select(k => k.Replace(" ", "", StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var tuned = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!keys.Contains("MaxAutoPrepare"))
        {
            tuned.MaxAutoPrepare = DefaultMaxAutoPrepare;
        }
        if (!keys.Contains("NoResetOnClose"))
        {
            tuned.NoResetOnClose = true;
        }
        return tuned.ConnectionString;
    }

    /// <summary>A context of its own, outside the request's (for work that must not share its transaction or tracked rows).</summary>
    public static RegistryDbContext CreateContext(RegistryDatabase database)
    {
        var options = new DbContextOptionsBuilder<RegistryDbContext>();
        Configure(options, database);
        return new RegistryDbContext(options.Options);
    }

    /// <summary>
    /// Note: without <c>ConnectionStrings:Registry</c> the host would run the embedded demo, with its published demo
    /// secrets; outside Development and <c>--demo</c> that stops the start instead.
    /// </summary>
    public static string? DatabaseRefusal(IConfiguration configuration, RegistryMode mode) =>
        mode.Demo || !string.IsNullOrWhiteSpace(configuration.GetConnectionString("Registry"))
            ? null
            : "OneWindow: ConnectionStrings:Registry is not set (ConnectionStrings__Registry); the embedded demo database runs only in Development or with --demo.";

    private static string DefaultEmbeddedPath => Path.Combine(AppContext.BaseDirectory, "data", $"onewindow-{EmbeddedSchema.Fingerprint}.db");

    public static bool IsDefaultEmbeddedPath(string path) => path == DefaultEmbeddedPath;

    public static RegistryDatabase ResolveDatabase(IConfiguration configuration)
    {
        var postgres = configuration.GetConnectionString("Registry");
        if (!string.IsNullOrWhiteSpace(postgres))
        {
            return new RegistryDatabase(IsEmbedded: false, postgres);
        }
        var configured = configuration[$"{RegistryOptions.Section}:{nameof(RegistryOptions.EmbeddedDatabasePath)}"];
        // The file is found from the program's folder, never from the current directory.
        var path = string.IsNullOrWhiteSpace(configured)
            ? DefaultEmbeddedPath
            : Path.GetFullPath(configured, AppContext.BaseDirectory);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();
        return new RegistryDatabase(IsEmbedded: true, connectionString);
    }
}
