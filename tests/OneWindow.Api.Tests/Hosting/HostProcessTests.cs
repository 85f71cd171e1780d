using System.Diagnostics;
using System.Net;
using OneWindow.Api.Tests.Infrastructure;

namespace OneWindow.Api.Tests.Hosting;

/// <summary>The built program started as a process from another working directory, as an operator would.</summary>
public sealed class HostProcessTests
{
    internal static string ProgramPath()
    {
        // tests/OneWindow.Api.Tests/bin/<Configuration>/net10.0/ → api/OneWindow.Api/bin/<Configuration>/net10.0/
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = output.Name;
        var configuration = output.Parent!.Name;
        var root = output.Parent.Parent!.Parent!.Parent!.Parent!.FullName;
        return Path.Combine(root, "api", "OneWindow.Api", "bin", configuration, framework, "OneWindow.Api.dll");
    }

    /// <summary>The program in Production, from another working directory, with <paramref name="environment"/> over empty connection strings.</summary>
    private static ProcessStartInfo Production(IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { ProgramPath() },
            WorkingDirectory = Path.GetTempPath(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["ConnectionStrings__Registry"] = "",
                ["ConnectionStrings__Redis"] = "",
            },
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        return start;
    }

    [Theory]
    [InlineData("", "ConnectionStrings:Registry is not set")]
    [InlineData("Host=127.0.0.1;Port=1;Database=none", "DataProtection:Certificate:Path is not set")]
    public async Task Production_start_without_what_it_needs_stops_with_a_one_line_reason(string connectionString, string reason)
    {
        var port = ServerProcess.FreePort();
        using var process = Process.Start(Production(["--urls", $"http://127.0.0.1:{port}"],
            new Dictionary<string, string> { ["ConnectionStrings__Registry"] = connectionString }))!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        Assert.NotEqual(0, process.ExitCode);
        var lines = (await error).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines);
        Assert.Contains(reason, line, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", line, StringComparison.Ordinal);
        Assert.Equal("", await output);
    }

    [Fact]
    public async Task Program_started_from_another_folder_with_demo_finds_its_configuration_and_data()
    {
        var port = ServerProcess.FreePort();
        var data = Path.Combine(Path.GetTempPath(), $"onewindow-process-{Guid.NewGuid():N}.db");
        // Production with --demo: the embedded demo, which outside Development needs the switch.
        using var process = Process.Start(Production(["--demo", "--urls", $"http://127.0.0.1:{port}"],
            new Dictionary<string, string> { ["Registry__EmbeddedDatabasePath"] = data }))!;
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { log.Enqueue(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { log.Enqueue(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            // Seeding the demo region takes seconds on a quiet machine, minutes on a loaded one: wait for the port, not for a speed.
            await ServerProcess.WaitForPortAsync(port, TimeSpan.FromMinutes(5));
            // Outside Development the instance warms itself up before it reports ready (503 until then): wait for the
            // state, within a bound far above the work.
            var ready = HttpStatusCode.ServiceUnavailable;
            for (var deadline = DateTime.UtcNow.AddMinutes(5); ready != HttpStatusCode.OK && DateTime.UtcNow < deadline;)
            {
                using var answer = await client.GetAsync("/health/ready", TestContext.Current.CancellationToken);
                ready = answer.StatusCode;
                if (ready != HttpStatusCode.OK)
                {
                    await Task.Delay(200, TestContext.Current.CancellationToken);
                }
            }

            Assert.Equal(HttpStatusCode.OK, ready);
            Assert.Contains(log, line => line.Contains("Warm-up: ", StringComparison.Ordinal));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/swagger/v1/swagger.json", TestContext.Current.CancellationToken)).StatusCode);
            // The production configuration (appsettings.json beside the program) was found: its logs are JSON.
            Assert.Contains(log, line => line.StartsWith('{') && line.Contains("\"Category\"", StringComparison.Ordinal));
            Assert.True(File.Exists(data));
            // The demo identities are there.
            using var token = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials", ["client_id"] = "demo-bank", ["client_secret"] = "demo-secret",
            }), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            File.Delete(data);
        }
    }
}
