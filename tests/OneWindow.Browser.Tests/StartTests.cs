using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace OneWindow.Browser.Tests;

/// <summary>
/// How the built program starts and stops being started, as a newcomer meets it: the address it is told
/// (<c>--urls</c>, <c>ASPNETCORE_URLS</c> through <c>dotnet run</c>), one line when the port is taken or the database is
/// missing, and <c>reset-demo</c>.
/// </summary>
public sealed class StartTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(3);
    private readonly string _data = Path.Combine(Path.GetTempPath(), $"onewindow-start-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task A_busy_port_ends_the_start_with_one_line_and_exit_code_1()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)taken.LocalEndpoint).Port}";

        var (code, output, errors) = await RunToEndAsync(Program("--urls", url, "--demo"));

        Assert.Equal(1, code);
        var line = Assert.Single(Lines(errors));
        Assert.Contains($"OneWindow did not start: Failed to bind to address {url}: address already in use.", line);
        Assert.Contains("--urls", line);
        Assert.DoesNotContain("   at ", output + errors);
    }

    [Fact]
    public async Task A_missing_database_ends_the_start_with_one_line()
    {
        var start = Program("--urls", $"http://127.0.0.1:{BuiltProgram.FreePort()}", "--demo");
        start.Environment["ConnectionStrings__Registry"] = $"Host=127.0.0.1;Port={BuiltProgram.FreePort()};Database=registry;Username=registry;Password=x";

        var (code, output, errors) = await RunToEndAsync(start);

        Assert.Equal(1, code);
        var line = Assert.Single(Lines(errors));
        Assert.StartsWith("OneWindow did not start: cannot reach the register's PostgreSQL on 127.0.0.1:", line);
        Assert.DoesNotContain("   at ", output + errors);
    }

    [Fact]
    public async Task A_file_from_another_model_ends_the_start_with_one_line_naming_reset_demo()
    {
        var url = $"http://127.0.0.1:{BuiltProgram.FreePort()}";
        using (var host = Start(Program("--urls", url, "--demo")))
        {
            Assert.True(await ReadyAsync(host, url), "the host did not start");
            await StopAsync(host);
        }
        using (var older = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_data};Pooling=False"))
        {
            older.Open();
            using var stamp = older.CreateCommand();
            stamp.CommandText = "PRAGMA user_version = 1";
            stamp.ExecuteNonQuery();
        }

        var (code, output, errors) = await RunToEndAsync(Program("--urls", url, "--demo"));

        Assert.Equal(1, code);
        var line = Assert.Single(Lines(errors));
        Assert.Contains("was made by another version of OneWindow; run `dotnet run --project api/OneWindow.Api -- reset-demo`", line);
        Assert.DoesNotContain("   at ", output + errors);
    }

    [Fact]
    public async Task Dotnet_run_listens_where_ASPNETCORE_URLS_says()
    {
        var url = $"http://127.0.0.1:{BuiltProgram.FreePort()}";
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { "run", "--project", Path.Combine(BuiltProgram.RepositoryRoot, "api", "OneWindow.Api"), "--no-build", "-c", BuiltProgram.Configuration },
            WorkingDirectory = BuiltProgram.RepositoryRoot,
        };
        Isolate(start);
        start.Environment["ASPNETCORE_URLS"] = url;

        using var host = Start(start);
        try
        {
            Assert.True(await ReadyAsync(host, url), "the host did not answer on ASPNETCORE_URLS");
        }
        finally
        {
            await StopAsync(host);
        }
    }

    [Fact]
    public async Task Reset_demo_waits_for_the_host_to_stop_then_removes_the_file()
    {
        var url = $"http://127.0.0.1:{BuiltProgram.FreePort()}";
        using var host = Start(Program("--urls", url, "--demo"));
        try
        {
            Assert.True(await ReadyAsync(host, url), "the host did not start");

            var (refused, _, refusal) = await RunToEndAsync(Program("reset-demo"));
            Assert.Equal(1, refused);
            Assert.Contains("a OneWindow host is running on", refusal);
            Assert.True(File.Exists(_data));
        }
        finally
        {
            await StopAsync(host);
        }

        var (code, output, _) = await RunToEndAsync(Program("reset-demo"));
        Assert.Equal(0, code);
        Assert.Contains("the next start creates the demo region as it ships", output);
        Assert.False(File.Exists(_data));
    }

    public void Dispose()
    {
        foreach (var file in new[] { _data, _data + "-wal", _data + "-shm", _data + ".lock" })
        {
            File.Delete(file);
        }
    }

    private ProcessStartInfo Program(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetTempPath() };
        start.ArgumentList.Add(BuiltProgram.Path);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        Isolate(start);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        return start;
    }

    /// <summary>A file of the test's own, and nothing of the machine's own settings.</summary>
    private void Isolate(ProcessStartInfo start)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.Environment["ConnectionStrings__Registry"] = "";
        start.Environment["ConnectionStrings__Redis"] = "";
        start.Environment["Registry__EmbeddedDatabasePath"] = _data;
        start.Environment.Remove("ASPNETCORE_URLS");
    }

    private static Process Start(ProcessStartInfo start)
    {
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<(int Code, string Output, string Errors)> RunToEndAsync(ProcessStartInfo start)
    {
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var bound = new CancellationTokenSource(Bound);
        await process.WaitForExitAsync(bound.Token);
        return (process.ExitCode, await output, await errors);
    }

    private static async Task<bool> ReadyAsync(Process host, string url)
    {
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow + Bound;
        while (DateTime.UtcNow < deadline && !host.HasExited)
        {
            try
            {
                if ((await http.GetAsync($"{url}/health/ready")).IsSuccessStatusCode)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(200);
        }
        return false;
    }

    private static async Task StopAsync(Process host)
    {
        if (!host.HasExited)
        {
            host.Kill(entireProcessTree: true);
        }
        await host.WaitForExitAsync();
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
