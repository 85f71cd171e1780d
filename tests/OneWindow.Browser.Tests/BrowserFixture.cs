using System.Diagnostics;
using Microsoft.Playwright;
using OneWindow.Browser.Tests;

[assembly: AssemblyFixture(typeof(BrowserFixture))]

namespace OneWindow.Browser.Tests;

/// <summary>
/// The platform as a newcomer runs it — the built program on the embedded default, started as a process on a free
/// loopback port with a fresh SQLite file — and Debian's Chromium (/usr/bin/chromium, installed by infra/test.sh)
/// driven by Playwright.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), $"onewindow-browser-{Guid.NewGuid():N}.db");
    private Process? _host;
    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var port = BuiltProgram.FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("dotnet")
        {
            // The embedded demo outside Development needs the --demo switch.
            ArgumentList = { BuiltProgram.Path, "--urls", BaseUrl, "--demo" },
            WorkingDirectory = Path.GetTempPath(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["ConnectionStrings__Registry"] = "",
                ["ConnectionStrings__Redis"] = "",
                ["Registry__EmbeddedDatabasePath"] = _data,
                ["Auth__DemoPortalRedirectUris__0"] = $"{BaseUrl}/signin-callback",
                ["Auth__DemoPortalRedirectUris__1"] = $"{BaseUrl}/swagger/oauth2-redirect.html",
            },
        };
        _host = Process.Start(start)!;
        _host.OutputDataReceived += (_, _) => { };
        _host.ErrorDataReceived += (_, _) => { };
        _host.BeginOutputReadLine();
        _host.BeginErrorReadLine();
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            try
            {
                if ((await http.GetAsync($"{BaseUrl}/health/ready")).IsSuccessStatusCode)
                {
                    break;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !_host.HasExited)
            {
            }
            if (DateTime.UtcNow > deadline || _host.HasExited)
            {
                throw new InvalidOperationException("the host did not become ready");
            }
            await Task.Delay(200);
        }

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
    /// A page that may reach only the host under test: a request to anywhere else is refused and written down in
    /// <paramref name="elsewhere"/>, for the test to assert that it stayed empty.
    /// </summary>
    public async Task<IPage> NewLoopbackPageAsync(ICollection<string> elsewhere, BrowserNewPageOptions? options = null)
    {
        var page = await Browser.NewPageAsync(options);
        var host = new Uri(BaseUrl).Authority;
        await page.RouteAsync("**/*", async route =>
        {
            var url = new Uri(route.Request.Url);
            if (url.Authority == host)
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

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
        if (_host is { HasExited: false })
        {
            _host.Kill(entireProcessTree: true);
            await _host.WaitForExitAsync();
        }
        _host?.Dispose();
        File.Delete(_data);
    }
}
