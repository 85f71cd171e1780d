using System.Diagnostics;
using System.Text;

namespace OneWindow.Browser.Tests.Docs;

/// <summary>
/// The built program on the embedded default, started as a process on a free loopback port with the SQLite file it is
/// given, as the docs' reader starts it (<c>--demo</c>, outside Development like <see cref="BrowserFixture"/>).
/// </summary>
public sealed class DocHost : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private DocHost(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    /// <summary>What the host wrote to stdout and stderr so far.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>The environment of the host, and of the program when a page runs one of its commands.</summary>
    public static Dictionary<string, string?> Environment(string database) => new()
    {
        ["ConnectionStrings__Registry"] = "",
        ["ConnectionStrings__Redis"] = "",
        ["Registry__EmbeddedDatabasePath"] = database,
    };

    public static async Task<DocHost> StartAsync(string database, CancellationToken cancellationToken)
    {
        var baseUrl = $"http://127.0.0.1:{BuiltProgram.FreePort()}";
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { BuiltProgram.Path, "--urls", baseUrl, "--demo" },
            WorkingDirectory = Path.GetTempPath(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in Environment(database))
        {
            start.Environment[name] = value;
        }
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var host = new DocHost(Process.Start(start)!, baseUrl);
        host._process.OutputDataReceived += (_, e) => host.Append(e.Data);
        host._process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        host._process.BeginOutputReadLine();
        host._process.BeginErrorReadLine();
        try
        {
            await host.WaitUntilReadyAsync(cancellationToken);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
        return host;
    }

    /// <summary>Stops the host as Ctrl+C would (SIGTERM), so the SQLite file is closed cleanly; kills it if it hangs.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        // Seeding the demo region takes about a minute on a loaded 2-core machine: a bound far above the work.
        var deadline = DateTime.UtcNow.AddMinutes(4);
        while (true)
        {
            try
            {
                if ((await http.GetAsync($"{BaseUrl}/health/ready", cancellationToken)).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"the host did not become ready:\n{Tail(Log, 40)}");
            }
            await Task.Delay(200, cancellationToken);
        }
    }

    public static string Tail(string text, int lines)
    {
        var all = text.TrimEnd().Split('\n');
        return string.Join('\n', all[Math.Max(0, all.Length - lines)..]);
    }

}
