using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneWindow.Api.Auth;
using OneWindow.Api.Data;
using OpenIddict.Abstractions;
using OpenIddict.Validation.AspNetCore;

namespace OneWindow.Api.Hosting;

/// <summary>Settings under <c>Registry:WarmUp</c>: the requests an instance sends itself before it reports ready.</summary>
public sealed class WarmUpOptions
{
    public const string Section = "Registry:WarmUp";

    /// <summary>
    /// How many requests the warm-up sends at least (property reads, restriction verdicts and GraphQL property
    /// queries, in turn); 0 turns it off. Null: 1,000 outside Development, none in Development. They are counted by
    /// the rate limit under a partition of their own, never a client's.
    /// </summary>
    public int? Requests { get; set; }

    /// <summary>
    /// After <see cref="Requests"/>, the warm-up goes on sending until the JIT has compiled no more than 10 methods a
    /// second over a period this long: the optimized code of the hot paths is then in. Zero: stop after
    /// <see cref="Requests"/>.
    /// </summary>
    public TimeSpan QuietPeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many of them run at once.</summary>
    public int Concurrency { get; set; } = 8;

    /// <summary>
    /// The longest the warm-up may take, the wait for the JIT included; readiness is reported when it ends,
    /// whatever state it reached.
    /// </summary>
    public TimeSpan MaxDuration { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>
/// Before an instance reports ready (<c>/health/ready</c>), it sends itself the requests partners send most (a
/// property read, a restriction verdict, a GraphQL property query, over HTTP through Kestrel and the whole pipeline),
/// and goes on sending them until the JIT has finished the optimized code of what they run: without it the first
/// 20–30 s under load run at a fraction of the warm rate (docs/performance.md). The requests must go on while the JIT
/// works: a method is recompiled optimized only after it has been called 30 times once the JIT has been idle for
/// 100 ms, twice over with dynamic PGO (an instrumented version first), so waiting without calls leaves it unoptimized.
/// The requests carry a bearer token that exists only in this process: 256 random bits whose ticket the warm-up puts in the validated-token cache itself (a principal with a
/// client id of its own, no partner, no person, and read scopes only, so it sees what an anonymous partner would:
/// masked data) and removes when it is done; it never leaves the process and no token endpoint issues it.
/// </summary>
internal sealed class WarmUp(
    IServer server,
    JitActivity jit,
    IHostApplicationLifetime lifetime,
    IServiceScopeFactory scopes,
    ValidatedTokens tokens,
    IOptions<WarmUpOptions> options,
    IHostEnvironment environment,
    ILogger<WarmUp> logger) : BackgroundService
{
    /// <summary>The client id the warm-up's requests carry (in logs and the rate limit's partition).</summary>
    public const string ClientId = "onewindow-warm-up";

    private const string PropertyQuery =
        "query WarmUp($c: String!) { property(unitCode: $c) { unitCode location area use rights { kind certificateNumber holders { name } } restrictions { kind inForce } } }";

    /// <summary>
    /// How many methods per second the JIT may compile and still count as quiet: a loaded host keeps compiling a few
    /// every second whatever it serves (timers, background work, the odd rarely called method reaching its count), so
    /// "none at all" may never come (measured: 3–5 a second after 90 s of the same requests).
    /// </summary>
    private const int QuietMethodsPerSecond = 10;

    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _sent;

    /// <summary>Requests sent and how many were answered with a success, once the warm-up has ended.</summary>
    public (int Sent, int Succeeded) Result { get; private set; }

    /// <summary>True once the warm-up has ended (or was off): the instance may report ready.</summary>
    public bool Done => _done.Task.IsCompleted;

    /// <summary>Completes when the warm-up has ended.</summary>
    public Task Completion => _done.Task;

    /// <summary>The requests to send: none when turned off, and none on a server other than Kestrel (a test server).</summary>
    private int Requests => server.GetType().Assembly != typeof(Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions).Assembly
        ? 0
        : options.Value.Requests ?? (environment.IsDevelopment() ? 0 : 1000);

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (Requests == 0)
        {
            _done.TrySetResult();
        }
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var requests = Requests;
            if (requests > 0 && await StartedAsync(stoppingToken) && Address() is { } address)
            {
                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                deadline.CancelAfter(options.Value.MaxDuration);
                await RunAsync(address, requests, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogWarning("Warm-up: not ended within {MaxDuration} ({Sent} requests sent, the JIT still compiling); the instance reports ready",
                options.Value.MaxDuration, Volatile.Read(ref _sent));
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
        catch (Exception exception) when (exception is HttpRequestException or DbUpdateException or InvalidOperationException)
        {
            logger.LogWarning(exception, "The warm-up failed; the instance reports ready without it");
        }
        finally
        {
            _done.TrySetResult();
        }
    }

    private async Task<bool> StartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var onStopping = stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        await started.Task;
        return true;
    }

    /// <summary>An address Kestrel listens on, as this process can reach it (a wildcard becomes loopback); null under a test server.</summary>
    private Uri? Address()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var chosen = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? addresses.FirstOrDefault();
        if (chosen is null || !Uri.TryCreate(chosen.Replace("://+", "://127.0.0.1").Replace("://*", "://127.0.0.1"), UriKind.Absolute, out var uri))
        {
            return null;
        }
        var host = uri.Host is "0.0.0.0" or "[::]" or "::" or "localhost" ? "127.0.0.1" : uri.Host;
        return new UriBuilder(uri) { Host = host, Path = "/" }.Uri;
    }

    private async Task RunAsync(Uri address, int requests, CancellationToken cancellationToken)
    {
        var started = Environment.TickCount64;
        var compiled = jit.CompiledMethods();
        string[] units;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            units = await db.Units.AsNoTracking().OrderBy(u => u.Id).Select(u => u.UnitCode).Take(20).ToArrayAsync(cancellationToken);
        }

        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var key = TokenKey.For(address, token);
        tokens.Keep(key, Ticket(), DateTimeOffset.UtcNow);
        var succeeded = 0;
        var firstRefusal = 0;
        try
        {
            using var handler = new SocketsHttpHandler
            {
                // Our own process on loopback: under HTTPS only, its certificate is whatever it serves.
                SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
            };
            using var client = new HttpClient(handler) { BaseAddress = address };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var next = -1;
            // Without a quiet period the warm-up sends its requests and stops.
            var enough = options.Value.QuietPeriod <= TimeSpan.Zero;
            var stop = false;
            var workers = Task.WhenAll(Enumerable.Range(0, Math.Max(1, options.Value.Concurrency)).Select(async _ =>
            {
                int index;
                while (!Volatile.Read(ref stop) && ((index = Interlocked.Increment(ref next)) < requests || !Volatile.Read(ref enough)))
                {
                    using var request = Request(index, units);
                    using var response = await client.SendAsync(request, cancellationToken);
                    await response.Content.LoadIntoBufferAsync(cancellationToken);
                    Interlocked.Increment(ref _sent);
                    if (response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref succeeded);
                    }
                    else
                    {
                        // A refused request (an expired ticket, a limit) says something is wrong: sending more would only
                        // spend limits, the loopback address's anonymous one among them.
                        Interlocked.CompareExchange(ref firstRefusal, (int)response.StatusCode, 0);
                        Volatile.Write(ref stop, true);
                    }
                }
            }));
            try
            {
                await JitQuietAsync(workers, requests, cancellationToken);
            }
            finally
            {
                Volatile.Write(ref enough, true);
                if (cancellationToken.IsCancellationRequested)
                {
                    Volatile.Write(ref stop, true);
                }
                // Every request answered before the token is forgotten: one still in flight would come back
                // unauthenticated and count against the loopback address's anonymous limit.
                await workers.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
            await workers;
        }
        finally
        {
            tokens.Remove(key);
            Result = (Volatile.Read(ref _sent), succeeded);
        }
        if (firstRefusal != 0)
        {
            logger.LogWarning("The warm-up's requests were not all answered with success: {Succeeded} of {Sent}, the first refusal {Status}",
                succeeded, Volatile.Read(ref _sent), firstRefusal);
        }
        logger.LogInformation("Warm-up: {Sent} requests ({Succeeded} succeeded) in {Seconds:F1} s, {Methods} methods compiled meanwhile; ready",
            Volatile.Read(ref _sent), succeeded, (Environment.TickCount64 - started) / 1000.0, jit.CompiledMethods() - compiled);
    }

    /// <summary>
    /// Returns once <paramref name="requests"/> have been sent and the JIT compiled at most
    /// <see cref="QuietMethodsPerSecond"/> methods a second (at least 2) over the last
    /// <see cref="WarmUpOptions.QuietPeriod"/> while they went on (or when the workers end).
    /// </summary>
    private async Task JitQuietAsync(Task workers, int requests, CancellationToken cancellationToken)
    {
        var period = options.Value.QuietPeriod;
        if (period <= TimeSpan.Zero)
        {
            return;
        }
        var quiet = Math.Max(2, (long)(QuietMethodsPerSecond * period.TotalSeconds));
        var last = jit.CompiledMethods();
        while (!workers.IsCompleted)
        {
            var sent = Volatile.Read(ref _sent);
            await Task.WhenAny(workers, Task.Delay(period, cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
            var now = jit.CompiledMethods();
            if (sent >= requests && now - last <= quiet)
            {
                return;
            }
            last = now;
        }
    }

    /// <summary>Property reads, verdicts and GraphQL queries of the first units in turn; health checks where there are none.</summary>
    private static HttpRequestMessage Request(int index, string[] units)
    {
        if (units.Length == 0)
        {
            return new HttpRequestMessage(HttpMethod.Get, "health/live");
        }
        var unit = units[index / 3 % units.Length];
        return (index % 3) switch
        {
            0 => new HttpRequestMessage(HttpMethod.Get, $"api/v1/properties/{unit}"),
            1 => new HttpRequestMessage(HttpMethod.Get, $"api/v1/properties/{unit}/restrictions"),
            _ => new HttpRequestMessage(HttpMethod.Post, "graphql")
            {
                Content = new StringContent(JsonSerializer.Serialize(new { query = PropertyQuery, variables = new { c = unit } }), Encoding.UTF8, "application/json"),
            },
        };
    }

    private AuthenticationTicket Ticket()
    {
        var identity = new ClaimsIdentity(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme, OpenIddictConstants.Claims.Name, OpenIddictConstants.Claims.Role);
        identity.SetClaim(OpenIddictConstants.Claims.Subject, ClientId);
        identity.SetClaim(OpenIddictConstants.Claims.ClientId, ClientId);
        identity.SetClaim(RegistryClaims.WarmUp, "true");
        identity.SetScopes(Scopes.PropertiesRead, Scopes.RestrictionsRead);
        // Outlives the warm-up (which forgets it when done): a ticket expiring under running requests turned them into
        // anonymous ones, which spent the loopback address's anonymous limit.
        var properties = new AuthenticationProperties { ExpiresUtc = DateTimeOffset.UtcNow + options.Value.MaxDuration + TimeSpan.FromMinutes(5) };
        return new AuthenticationTicket(new ClaimsPrincipal(identity), properties, OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
    }
}

/// <summary>How many methods the JIT has compiled in this process so far (a class of its own so tests can script it).</summary>
internal class JitActivity
{
    public virtual long CompiledMethods() => System.Runtime.JitInfo.GetCompiledMethodCount();
}
