using System.Data.Common;
using Microsoft.AspNetCore.Connections;
using Microsoft.Data.Sqlite;
using Npgsql;
using OneWindow.Api.Data;

namespace OneWindow.Api.Hosting;

/// <summary>
/// Where the host listens when nothing says, and how a failed start reads: one line naming what is wrong and what to
/// do (a busy port, an unreachable or missing database), not the host's stack trace.
/// </summary>
public static class RegistryStart
{
    /// <summary>The address of the README's commands, used when no <c>--urls</c>, <c>ASPNETCORE_URLS</c>,
    /// <c>ASPNETCORE_HTTP_PORTS</c> or <c>Kestrel:Endpoints</c> is given. Note: the launch profile sets no URL, so
    /// <c>dotnet run</c> leaves each of those to the caller.</summary>
    public const string DefaultUrl = "http://localhost:5080";

    /// <summary>The categories that log a failed start (the host's own, EF Core's failed connection) and their levels.</summary>
    private static readonly (string Category, LogLevel Least)[] StartLoggers =
    [
        ("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Information),
        ("Microsoft.EntityFrameworkCore.Database.Connection", LogLevel.Warning),
    ];

    public static WebApplicationBuilder AddRegistryStart(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var given = new[] { "urls", "http_ports", "https_ports" }.Any(key => !string.IsNullOrWhiteSpace(configuration[key]))
            || configuration.GetSection("Kestrel:Endpoints").GetChildren().Any();
        if (!given)
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        // The host and EF Core log a failed start, with its stack trace, before RunRegistryAsync catches it and says it
        // in one line; until the host has started, their errors are left to the catch. Note: each rule replaces the
        // configured level of its category (the level given here, as in appsettings.json).
        var state = new StartState();
        builder.Services.AddSingleton(state);
        foreach (var (category, least) in StartLoggers)
        {
            builder.Logging.AddFilter(category, level => level >= least && (state.Started || level < LogLevel.Error));
        }
        return builder;
    }

    /// <summary>Runs the host; a start that fails for a known reason ends with one line on stderr and exit code 1.</summary>
    public static async Task<int> RunRegistryAsync(this WebApplication app)
    {
        var state = app.Services.GetRequiredService<StartState>();
        var database = app.Services.GetRequiredService<RegistryDatabase>();
        app.Lifetime.ApplicationStarted.Register(() => state.Started = true);
        try
        {
            await app.RunAsync();
            return 0;
        }
        catch (Exception exception) when (!state.Started)
        {
            await Console.Error.WriteLineAsync($"OneWindow did not start: {Reason(exception, database)}");
            return 1;
        }
    }

    internal static string Reason(Exception exception, RegistryDatabase database) => exception switch
    {
        IOException { InnerException: AddressInUseException } io =>
            $"{io.Message.TrimEnd('.')}. Stop the program using it, or choose another address: --urls http://localhost:5081 (or ASPNETCORE_URLS).",
        PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName } missing =>
            $"the register's database does not exist on {Server(database)} ({missing.MessageText}). Create it (createdb), or correct ConnectionStrings__Registry.",
        PostgresException { SqlState: PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification } refused =>
            $"PostgreSQL on {Server(database)} refused the register's credentials ({refused.MessageText}). Correct ConnectionStrings__Registry.",
        NpgsqlException npgsql =>
            $"cannot reach the register's PostgreSQL on {Server(database)}: {Innermost(npgsql).Message.TrimEnd('.')}. Start PostgreSQL, or correct ConnectionStrings__Registry.",
        SqliteException sqlite =>
            $"cannot open the embedded database {database.EmbeddedPath}: {sqlite.Message}. Check that its folder is writable (Registry__EmbeddedDatabasePath).",
        DbException db => $"the register's database failed: {db.Message}",
        _ => exception.ToString(),
    };

    private static string Server(RegistryDatabase database)
    {
        var connection = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        return $"{connection.Host}:{connection.Port}/{connection.Database}";
    }

    private static Exception Innermost(Exception exception) =>
        exception.InnerException is { } inner ? Innermost(inner) : exception;

    internal sealed class StartState
    {
        public volatile bool Started;
    }
}
