using System.Diagnostics;
using Microsoft.Playwright;
using OneWindow.Browser.Tests;

[assembly: AssemblyFixture(typeof(BrowserFixture))]

namespace OneWindow.Browser.Tests;

/// <summary>
/// The platform as a newcomer runs it — the built program on the embedded default, started as a process on a free
/// loopback port with a fresh SQLite file — and Debian's Chromium (/usr/bin/chromium, installed by infra/test.sh)
/// driven by Playwright. The web samples of portal-samples/ are started beside it on first use, against the same host.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), $"onewindow-browser-{Guid.NewGuid():N}.db");
    private readonly SemaphoreSlim _portalsGate = new(1, 1);
    private readonly Dictionary<string, (Process Process, string BaseUrl)> _portals = new(StringComparer.Ordinal);
    private readonly HashSet<string> _taken = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _takeGate = new(1, 1);
    private Process? _host;
    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var port = BuiltProgram.FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        _host = await StartAsync(BuiltProgram.Path, BaseUrl, "/health/ready", new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__Registry"] = "",
            ["ConnectionStrings__Redis"] = "",
            ["Registry__EmbeddedDatabasePath"] = _data,
            ["Auth__DemoPortalRedirectUris__0"] = $"{BaseUrl}/signin-callback",
            ["Auth__DemoPortalRedirectUris__1"] = $"{BaseUrl}/swagger/oauth2-redirect.html",
        },
            // The embedded demo outside Development needs the --demo switch.
            "--demo");

        _playwright = await Playwright.CreateAsync();
        // Assertions wait for the state they expect, however long a loaded 2-core machine takes to get there (the host's
        // first GraphQL request JIT-compiles the whole pipeline): a bound far above the work, not a race with it.
        Assertions.SetDefaultExpectTimeout(90_000);
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            // Note: no sandbox because the tests run as root in CI; the pages are our own, served on loopback.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>
    /// A page that may reach only the host under test (and <paramref name="site"/>, a portal sample's address): a request
    /// to anywhere else is refused and written down in <paramref name="elsewhere"/>, for the test to assert that it
    /// stayed empty.
    /// </summary>
    public async Task<IPage> NewLoopbackPageAsync(ICollection<string> elsewhere, BrowserNewPageOptions? options = null, string? site = null)
    {
        var page = await Browser.NewPageAsync(options);
        var allowed = new[] { new Uri(BaseUrl).Authority, new Uri(site ?? BaseUrl).Authority };
        await page.RouteAsync("**/*", async route =>
        {
            var url = new Uri(route.Request.Url);
            if (allowed.Contains(url.Authority))
            {
                await route.ContinueAsync();
                return;
            }
            lock (elsewhere)
            {
                elsewhere.Add(route.Request.Url);
            }
            await route.AbortAsync();
        });
        return page;
    }

    /// <summary>
    /// The base address of a web sample of portal-samples/ (<paramref name="name"/>: <c>AgencyPortal</c>,
    /// <c>VerifyPortal</c>), built beside these tests and started on first use as a process on a free loopback port,
    /// as its README runs it but against this fixture's host, with the partner client <paramref name="clientId"/>.
    /// </summary>
    public async Task<string> PortalAsync(string name, string clientId)
    {
        await _portalsGate.WaitAsync();
        try
        {
            if (_portals.TryGetValue(name, out var running))
            {
                return running.BaseUrl;
            }
            var baseUrl = $"http://127.0.0.1:{BuiltProgram.FreePort()}";
            var process = await StartAsync(BuiltProgram.SamplePath(name), baseUrl, "/", new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["OneWindow__BaseUrl"] = BaseUrl,
                ["OneWindow__ClientId"] = clientId,
                ["OneWindow__ClientSecret"] = "demo-secret",
            });
            _portals[name] = (process, baseUrl);
            return baseUrl;
        }
        finally
        {
            _portalsGate.Release();
        }
    }

    /// <summary>An SDK client of the host under test, signed in as the demo partner <paramref name="clientId"/>.</summary>
    public OneWindow.Sdk.OneWindowClient Client(string clientId) =>
        new(new OneWindow.Sdk.OneWindowClientOptions { BaseUrl = new Uri(BaseUrl), ClientId = clientId, ClientSecret = "demo-secret" });

    /// <summary>
    /// A valid certificate of registration (a mortgage) the demo bank holds, with its code and tokens, not handed to
    /// another test before: tests that cancel a mortgage or file against it never share one.
    /// </summary>
    public async Task<OneWindow.Sdk.Rest.CertificateView> TakeBankMortgageAsync(OneWindow.Sdk.OneWindowClient bank, Func<OneWindow.Sdk.Rest.CertificateView, bool>? where = null)
    {
        ArgumentNullException.ThrowIfNull(bank);
        var held = await bank.Banks.ListCertificatesAsync(TestContext.Current.CancellationToken);
        var candidates = held.Where(c => c.Kind == OneWindow.Sdk.Rest.CertificateKind.REGISTRATION && c.Status == OneWindow.Sdk.Rest.CertificateStatus.VALID)
            .Select(c => c.Number).OrderBy(n => n, StringComparer.Ordinal);
        await _takeGate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            foreach (var number in candidates.Where(n => !_taken.Contains(n)))
            {
                var certificate = await bank.Banks.GetCertificateAsync(number, TestContext.Current.CancellationToken);
                if (where is null || where(certificate))
                {
                    _taken.Add(number);
                    return certificate;
                }
            }
            throw new InvalidOperationException("the demo bank holds no further certificate of registration of the kind asked for");
        }
        finally
        {
            _takeGate.Release();
        }
    }

    /// <summary>Saves a screenshot of <paramref name="page"/> into the test output folder and prints where.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        var path = System.IO.Path.Combine(AppContext.BaseDirectory, "screenshots", name + ".png");
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.Current.TestOutputHelper?.WriteLine($"screenshot: {path}");
        return path;
    }

    /// <summary>
    /// Starts the built program <paramref name="dll"/> on <paramref name="baseUrl"/> and waits until
    /// <paramref name="readyPath"/> answers with success (bounded by minutes, for a loaded machine).
    /// </summary>
    private static async Task<Process> StartAsync(string dll, string baseUrl, string readyPath, Dictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, "--urls", baseUrl },
            WorkingDirectory = System.IO.Path.GetTempPath(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        var process = Process.Start(start)!;
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null && output.Count < 200) { output.Enqueue(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null && output.Count < 200) { output.Enqueue(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(180);
        while (true)
        {
            try
            {
                if ((await http.GetAsync(baseUrl + readyPath)).IsSuccessStatusCode)
                {
                    return process;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
            }
            if (DateTime.UtcNow > deadline || process.HasExited)
            {
                await StopAsync(process);
                throw new InvalidOperationException($"{System.IO.Path.GetFileName(dll)} did not become ready on {baseUrl}:{Environment.NewLine}{string.Join(Environment.NewLine, output)}");
            }
            await Task.Delay(200);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
        foreach (var (portal, _) in _portals.Values)
        {
            await StopAsync(portal);
        }
        _portalsGate.Dispose();
        _takeGate.Dispose();
        await StopAsync(_host);
        File.Delete(_data);
    }

    private static async Task StopAsync(Process? process)
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process?.Dispose();
    }
}
