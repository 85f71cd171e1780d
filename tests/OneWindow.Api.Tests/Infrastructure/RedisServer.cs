using System.Diagnostics;

namespace OneWindow.Api.Tests.Infrastructure;

/// <summary>
/// A private Redis for the test run on a free loopback port, with no persistence. It can be stopped and started
/// again on the same port (the "Redis is down" tests). <c>ONEWINDOW_TEST_REDIS</c> names an existing server instead;
/// such a server cannot be stopped by the tests.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly string? _directory;
    private Process? _process;

    private readonly bool _persistent;

    private RedisServer(string configuration, int port, string? directory, bool persistent = false)
    {
        Configuration = configuration;
        Port = port;
        _directory = directory;
        _persistent = persistent;
    }

    /// <summary>StackExchange.Redis configuration string.</summary>
    public string Configuration { get; }

    public int Port { get; }

    public bool CanStop => _directory is not null;

    /// <param name="persistent">Keep the data across a stop and restart (append-only file), as a production Redis does.</param>
    public static async Task<RedisServer> StartAsync(bool persistent = false)
    {
        var external = Environment.GetEnvironmentVariable("ONEWINDOW_TEST_REDIS");
        if (!string.IsNullOrWhiteSpace(external))
        {
            return new RedisServer(external, 0, null);
        }
        var port = ServerProcess.FreePort();
        var server = new RedisServer($"127.0.0.1:{port}", port, Directory.CreateTempSubdirectory("onewindow-redis-").FullName, persistent);
        await server.StartProcessAsync();
        return server;
    }

    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
        _process?.Dispose();
        _process = null;
    }

    /// <summary>Starts a stopped server again on its port.</summary>
    public Task RestartAsync() => StartProcessAsync();

    private async Task StartProcessAsync()
    {
        if (_directory is null)
        {
            throw new InvalidOperationException("an external Redis cannot be started by the tests");
        }
        var redis = File.Exists("/usr/bin/redis-server") ? "/usr/bin/redis-server" : "redis-server";
        var start = ServerProcess.Start(redis,
            ["--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", _directory, "--save", "",
                "--appendonly", _persistent ? "yes" : "no", "--appendfsync", "always", "--protected-mode", "yes"],
            user: null, redirect: true);
        _process = Process.Start(start) ?? throw new InvalidOperationException("could not start redis-server; run ./infra/test.sh, which installs it");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await ServerProcess.WaitForPortAsync(Port, TimeSpan.FromSeconds(20));
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (_directory is not null)
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
