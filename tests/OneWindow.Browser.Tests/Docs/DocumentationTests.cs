using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace OneWindow.Browser.Tests.Docs;

/// <summary>
/// Every command of README.md and docs/*.md runs as written (issue 15): per page, a host of its own on a fresh copy of
/// the demo region, and the page's shell blocks in order in one bash process (<c>set -euo pipefail</c>), from a
/// scratch folder that holds the repository root's entries, so what the commands write stays out of the
/// repository. <c>localhost:5080</c> becomes the test host's address; <c>dotnet run --project api/OneWindow.Api</c> the
/// built program in Development (what the launch profile gives), on the same SQLite file as the host.
/// </summary>
public sealed partial class DocumentationTests
{
    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static string? _template;

    /// <summary>README.md and the guides; decision records (docs/decisions/) are not guides and are left out.</summary>
    public static TheoryData<string> Pages()
    {
        var root = BuiltProgram.RepositoryRoot;
        var pages = new TheoryData<string> { "README.md" };
        foreach (var file in Directory.GetFiles(Path.Combine(root, "docs"), "*.md").Order(StringComparer.Ordinal))
        {
            pages.Add(Path.GetRelativePath(root, file).Replace('\\', '/'));
        }
        return pages;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Every_shell_block_of_the_page_runs_on_a_fresh_demo_host(string page)
    {
        var output = TestContext.Current.TestOutputHelper!;
        var blocks = DocPage.ShellBlocks(await File.ReadAllTextAsync(Path.Combine(BuiltProgram.RepositoryRoot, page), TestContext.Current.CancellationToken));
        foreach (var skipped in blocks.Where(b => b.SkipReason is not null))
        {
            output.WriteLine($"{page}:{skipped.Line}: not run — {skipped.SkipReason}");
        }
        var run = blocks.Where(b => b.SkipReason is null).ToList();
        output.WriteLine($"{page}: {run.Count} of {blocks.Count} shell blocks run");
        if (run.Count == 0)
        {
            return;
        }

        var cancellation = TestContext.Current.CancellationToken;
        var scratch = Directory.CreateTempSubdirectory("onewindow-docs-").FullName;
        try
        {
            var database = Path.Combine(scratch, "registry.db");
            var template = await TemplateAsync(cancellation);
            File.Copy(template, database);
            if (File.Exists(template + "-wal"))
            {
                File.Copy(template + "-wal", database + "-wal");
            }
            await using var host = await DocHost.StartAsync(database, cancellation);
            var clock = Stopwatch.StartNew();
            var (exitCode, log) = await RunAsync(page, run, host.BaseUrl, scratch, database, cancellation);
            output.WriteLine($"{page}: blocks ran in {clock.Elapsed.TotalSeconds:0.0} s, exit code {exitCode} ({Durations(log)})");
            if (exitCode != 0)
            {
                Assert.Fail(FailureMessage(page, run, exitCode, log, host.Log));
            }
            // A 500 is never what a page means to show, whatever the commands printed.
            var errors = host.Log.Split('\n').Where(l => l.Contains("\"LogLevel\":\"Error\"", StringComparison.Ordinal)
                || l.Contains("\"LogLevel\":\"Critical\"", StringComparison.Ordinal)).ToList();
            Assert.True(errors.Count == 0, $"{page}: the blocks ran, but the host logged errors:\n{string.Join('\n', errors.Take(5))}");
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    /// <summary>The page as one bash script: each block preceded by a marker that names it, in the order of the page.</summary>
    public static string Script(IEnumerable<ShellBlock> blocks, string baseUrl)
    {
        var program = BuiltProgram.Path;
        var script = new StringBuilder("set -euo pipefail\nexec 2>&1\n");
        foreach (var block in blocks)
        {
            // One pass, so the program's own path is not replaced again.
            var text = Commands().Replace(block.Text, match => match.Value switch
            {
                "localhost:5080" => baseUrl["http://".Length..],
                "api/OneWindow.Api/bin/Debug/net10.0/OneWindow.Api.dll" => $"'{program}'",
                _ => $"env ASPNETCORE_ENVIRONMENT=Development dotnet '{program}'" + (match.Value.EndsWith("-- ", StringComparison.Ordinal) ? " " : ""),
            });
            // On a line of its own, also after output that does not end with a newline (curl's JSON).
            script.Append($"printf '\\n{Marker}%s\\n' \"{block.Line} $(date +%s.%N)\"\n").Append(text).Append('\n');
        }
        return script.Append($"printf '\\n{Marker}%s\\n' \"end $(date +%s.%N)\"\n").ToString();
    }

    private const string Marker = "##doc-block## ";

    /// <summary>What a page's commands say that the test runs elsewhere: the address, and the program (built already).</summary>
    [GeneratedRegex(@"localhost:5080|dotnet run --project api/OneWindow\.Api( -- )?|api/OneWindow\.Api/bin/Debug/net10\.0/OneWindow\.Api\.dll")]
    private static partial Regex Commands();

    private static async Task<(int ExitCode, string Log)> RunAsync(string page, IReadOnlyList<ShellBlock> blocks, string baseUrl, string scratch,
        string database, CancellationToken cancellationToken)
    {
        var work = Path.Combine(scratch, "work");
        Directory.CreateDirectory(work);
        foreach (var entry in Directory.EnumerateFileSystemEntries(BuiltProgram.RepositoryRoot))
        {
            Directory.CreateSymbolicLink(Path.Combine(work, Path.GetFileName(entry)), entry);
        }
        var scriptPath = Path.Combine(scratch, Path.GetFileNameWithoutExtension(page) + ".sh");
        await File.WriteAllTextAsync(scriptPath, Script(blocks, baseUrl), cancellationToken);
        var start = new ProcessStartInfo("bash") { ArgumentList = { scriptPath }, WorkingDirectory = work, RedirectStandardOutput = true };
        foreach (var (name, value) in DocHost.Environment(database))
        {
            start.Environment[name] = value;
        }
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        start.Environment["HOME"] = scratch;
        using var bash = Process.Start(start)!;
        var log = new StringBuilder();
        bash.OutputDataReceived += (_, e) =>
        {
            lock (log)
            {
                log.AppendLine(e.Data);
            }
        };
        bash.BeginOutputReadLine();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(5));
        try
        {
            await bash.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            bash.Kill(entireProcessTree: true);
            await bash.WaitForExitAsync(CancellationToken.None);
            lock (log)
            {
                log.AppendLine("(stopped: the page ran for more than 5 minutes)");
            }
            return (-1, log.ToString());
        }
        lock (log)
        {
            return (bash.ExitCode, log.ToString());
        }
    }

    /// <summary>How long each block took, from the markers' times: "line 12 0.4 s, line 30 2.1 s".</summary>
    private static string Durations(string log)
    {
        var marks = log.Split('\n').Where(l => l.StartsWith(Marker, StringComparison.Ordinal))
            .Select(l => l[Marker.Length..].Split(' '))
            .Select(p => (Block: p[0], At: double.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
        return string.Join(", ", marks.Zip(marks.Skip(1), (a, b) => $"line {a.Block} {b.At - a.At:0.0} s"));
    }

    private static string FailureMessage(string page, IReadOnlyList<ShellBlock> blocks, int exitCode, string log, string hostLog)
    {
        var lastMarker = log.LastIndexOf(Marker, StringComparison.Ordinal);
        var line = lastMarker < 0 ? 0 : int.Parse(log[(lastMarker + Marker.Length)..].Split('\n', ' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        var block = blocks.FirstOrDefault(b => b.Line == line);
        var blockOutput = lastMarker < 0 ? log : log[lastMarker..].Split('\n', 2).ElementAtOrDefault(1) ?? "";
        return $"""
            {page}: the block at line {line} failed (exit code {exitCode}).
            ── the block
            {block?.Text}
            ── its output (the last 60 lines)
            {DocHost.Tail(blockOutput, 60)}
            ── the host's log (the last 20 lines)
            {DocHost.Tail(hostLog, 20)}
            """;
    }

    /// <summary>
    /// The demo region as a first start leaves it, made once per test run: seeding takes about a minute on a loaded
    /// machine, copying the file a fraction of a second, and every page gets its own copy.
    /// </summary>
    private static async Task<string> TemplateAsync(CancellationToken cancellationToken)
    {
        await TemplateLock.WaitAsync(cancellationToken);
        try
        {
            if (_template is null)
            {
                var folder = Directory.CreateTempSubdirectory("onewindow-docs-template-").FullName;
                var file = Path.Combine(folder, "registry.db");
                await using (var host = await DocHost.StartAsync(file, cancellationToken))
                {
                    await host.StopAsync();
                }
                AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(folder, recursive: true);
                _template = file;
            }
            return _template;
        }
        finally
        {
            TemplateLock.Release();
        }
    }
}
