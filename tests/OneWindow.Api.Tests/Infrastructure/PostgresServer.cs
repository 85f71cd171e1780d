using Npgsql;

namespace OneWindow.Api.Tests.Infrastructure;

/// <summary>
/// A private PostgreSQL for the test run: initdb into a temporary folder, started with pg_ctl on a free loopback
/// port, stopped and deleted at the end. <c>ONEWINDOW_TEST_POSTGRES</c> (a connection string with rights to create
/// databases) uses an existing server instead.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly string? _dataDirectory;
    private readonly string? _bin;

    private PostgresServer(string adminConnectionString, string? dataDirectory, string? bin)
    {
        AdminConnectionString = adminConnectionString;
        _dataDirectory = dataDirectory;
        _bin = bin;
    }

    public string AdminConnectionString { get; }

    public static async Task<PostgresServer> StartAsync()
    {
        var external = Environment.GetEnvironmentVariable("ONEWINDOW_TEST_POSTGRES");
        if (!string.IsNullOrWhiteSpace(external))
        {
            return new PostgresServer(external, null, null);
        }

        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).Order().LastOrDefault()
            : null;
        if (bin is null)
        {
            throw new InvalidOperationException("PostgreSQL is not installed: run ./infra/test.sh, which installs it, or set ONEWINDOW_TEST_POSTGRES.");
        }
        var root = Directory.CreateTempSubdirectory("onewindow-pg-").FullName;
        var data = Path.Combine(root, "data");
        var user = ServerProcess.IsRoot ? "postgres" : null;
        if (user is not null)
        {
            // initdb refuses to run as root: the folder belongs to the postgres user, who runs the server.
            await ServerProcess.RunAsync("chown", ["postgres:postgres", root]);
        }
        // Note: trust authentication is for this throwaway server on 127.0.0.1 only. The UTF-8 ctype lets pg_trgm
        // index Chinese characters (with the C ctype they are not "alphanumeric" and make no trigrams).
        await ServerProcess.RunAsync(Path.Combine(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"], user);
        var port = ServerProcess.FreePort();
        var options = $"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300";
        await ServerProcess.RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", data, "-l", Path.Combine(root, "server.log"), "-o", options, "-w", "-t", "60", "start"], user);
        var connection = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = "postgres",
            Database = "postgres",
            Pooling = false,
        }.ConnectionString;
        return new PostgresServer(connection, data, bin);
    }

    /// <summary>A connection string for a database on this server.</summary>
    public string ConnectionString(string database, bool pooling = true) =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database, Pooling = pooling, MaxPoolSize = 50 }.ConnectionString;

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_dataDirectory is null || _bin is null)
        {
            return;
        }
        await ServerProcess.RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", _dataDirectory, "-m", "immediate", "-w", "stop"], ServerProcess.IsRoot ? "postgres" : null);
        Directory.Delete(Path.GetDirectoryName(_dataDirectory)!, recursive: true);
    }
}
