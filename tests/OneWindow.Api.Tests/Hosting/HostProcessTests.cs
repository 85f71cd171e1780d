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

    [Fact]
    public async Task Program_started_from_another_folder_finds_its_configuration_and_data()
    {
        var port = ServerProcess.FreePort();
        var data = Path.Combine(Path.GetTempPath(), $"onewindow-process-{Guid.NewGuid():N}.db");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { ProgramPath(), "--urls", $"http://127.0.0.1:{port}" },
            WorkingDirectory = Path.GetTempPath(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["Registry__EmbeddedDatabasePath"] = data,
                ["ConnectionStrings__Registry"] = "",
                ["ConnectionStrings__Redis"] = "",
            },
        };
        using var process = Process.Start(start)!;
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { log.Enqueue(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { log.Enqueue(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await ServerProcess.WaitForPortAsync(port, TimeSpan.FromSeconds(90));

            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready", TestContext.Current.CancellationToken)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/swagger/v1/swagger.json", TestContext.Current.CancellationToken)).StatusCode);
            // The production configuration (appsettings.json beside the program) was found: its logs are JSON.
            Assert.Contains(log, line => line.StartsWith('{') && line.Contains("\"Category\"", StringComparison.Ordinal));
            Assert.True(File.Exists(data));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            File.Delete(data);
        }
    }
}
