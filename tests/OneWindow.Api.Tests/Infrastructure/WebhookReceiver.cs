using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OneWindow.Api.Tests.Infrastructure;

/// <summary>One request the receiver got, and the status it answered.</summary>
public sealed record ReceivedWebhook(string Path, string Body, IReadOnlyDictionary<string, string> Headers, int Answered, DateTimeOffset At)
{
    public string Signature => Headers.GetValueOrDefault("OneWindow-Signature", "");
    public string EventId => Headers.GetValueOrDefault("OneWindow-Event-Id", "");
    public string EventType => Headers.GetValueOrDefault("OneWindow-Event-Type", "");
}

/// <summary>
/// A partner's webhook receiver: a small Kestrel app on a free loopback port. Each path answers what the test sets
/// (200 by default); <see cref="WaitForAsync"/> waits on a condition over what arrived, woken by every request.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private readonly ConcurrentDictionary<string, Func<ReceivedWebhook, Task<int>>> _answers = new();
    private readonly Lock _signalLock = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WebhookReceiver(WebApplication app) => _app = app;

    public Uri BaseUri { get; private set; } = null!;

    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = Path.GetTempPath(), EnvironmentName = "Receiver" });
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/{**path}", receiver.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.BaseUri = new Uri(address);
        return receiver;
    }

    public string Url(string path) => new Uri(BaseUri, path).AbsoluteUri;

    /// <summary>What <paramref name="path"/> answers from now on (a status, possibly after waiting).</summary>
    public void Answer(string path, Func<ReceivedWebhook, Task<int>> answer) => _answers["/" + path.TrimStart('/')] = answer;

    public void Answer(string path, int status) => Answer(path, _ => Task.FromResult(status));

    public IReadOnlyList<ReceivedWebhook> At(string path) => [.. _received.Where(r => r.Path == "/" + path.TrimStart('/'))];

    /// <summary>Waits until <paramref name="condition"/> holds over what arrived (at most <paramref name="within"/>, default 3 minutes).</summary>
    public async Task WaitForAsync(Func<WebhookReceiver, bool> condition, string what, TimeSpan? within = null)
    {
        using var timeout = new CancellationTokenSource(within ?? TimeSpan.FromMinutes(3));
        while (true)
        {
            Task changed;
            lock (_signalLock)
            {
                changed = _changed.Task;
            }
            if (condition(this))
            {
                return;
            }
            try
            {
                await changed.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"the receiver never saw {what}; it got: {string.Join(", ", Received.Select(r => $"{r.Path} {r.EventType} {r.EventId} → {r.Answered}"))}");
            }
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var request = new ReceivedWebhook(context.Request.Path.Value ?? "/", body, headers, 0, DateTimeOffset.UtcNow);
        var status = _answers.TryGetValue(request.Path, out var answer) ? await answer(request) : 200;
        _received.Enqueue(request with { Answered = status });
        lock (_signalLock)
        {
            var changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            changed.SetResult();
        }
        context.Response.StatusCode = status;
        await context.Response.WriteAsync(status < 300 ? "ok" : "receiver failed on purpose", context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>A clock that starts at a given time and runs at the real pace (retries and leases need time to pass).</summary>
public sealed class RunningClock(DateTimeOffset start) : TimeProvider
{
    private readonly long _started = Stopwatch.GetTimestamp();

    public override DateTimeOffset GetUtcNow() => start + Stopwatch.GetElapsedTime(_started);
}

/// <summary>Waits on a condition read from outside (the database, the API), at most a generous bound.</summary>
public static class Eventually
{
    public static async Task<T> WaitAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromMinutes(3));
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }
            Assert.True(DateTime.UtcNow < deadline, $"never: {what}; last seen: {value}");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
