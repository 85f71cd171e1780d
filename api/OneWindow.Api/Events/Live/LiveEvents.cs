using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneWindow.Api.Data;
using OneWindow.Api.Features.Events;

namespace OneWindow.Api.Events.Live;

/// <summary>
/// A published event as live subscribers get it: which event, of what type, about which application or unit. No data:
/// each subscription reads what its caller may see when it delivers (GraphQL subscriptions).
/// </summary>
public sealed record LiveEvent(long Position, long Id, string Type, DateTime OccurredAt, string? BusinessNumber, string? UnitCode);

/// <summary>
/// This instance's live subscribers (GraphQL subscriptions on its WebSocket connections), each listening for the events
/// that match its filter. <see cref="LiveEventDispatcher"/> feeds it every published event, whichever instance made the
/// change; nothing here is shared between instances.
/// </summary>
public sealed class LiveEvents
{
    private readonly ConcurrentDictionary<long, Listener> _listeners = new();
    private long _nextId;
    private long _delivered = -1;

    /// <summary>How many subscriptions listen on this instance.</summary>
    public int Count => _listeners.Count;

    /// <summary>
    /// The feed position delivered up to; -1 until the first subscription on this instance, so an instance nobody
    /// subscribes on never reads the outbox for it.
    /// </summary>
    internal long Delivered
    {
        get => Interlocked.Read(ref _delivered);
        set => Interlocked.Exchange(ref _delivered, value);
    }

    /// <summary>
    /// The events published from now on that <paramref name="filter"/> accepts, until the subscription is disposed. The
    /// first subscription on the instance reads where the feed stands (on the caller's context), so delivery starts there.
    /// </summary>
    public async Task<IObservable<LiveEvent>> ObserveAsync(RegistryDbContext db, Func<LiveEvent, bool> filter, CancellationToken cancellationToken)
    {
        if (Delivered < 0)
        {
            var newest = await db.OutboxEvents.MaxAsync(e => e.Position, cancellationToken) ?? 0;
            Interlocked.CompareExchange(ref _delivered, newest, -1);
        }
        return new Source(this, filter);
    }

    internal void Deliver(LiveEvent liveEvent)
    {
        foreach (var listener in _listeners.Values)
        {
            if (listener.Filter(liveEvent))
            {
                listener.Observer.OnNext(liveEvent);
            }
        }
    }

    private sealed record Listener(Func<LiveEvent, bool> Filter, IObserver<LiveEvent> Observer);

    private sealed class Source(LiveEvents events, Func<LiveEvent, bool> filter) : IObservable<LiveEvent>
    {
        public IDisposable Subscribe(IObserver<LiveEvent> observer)
        {
            var id = Interlocked.Increment(ref events._nextId);
            events._listeners[id] = new Listener(filter, observer);
            return new Unsubscriber(events, id);
        }
    }

    private sealed class Unsubscriber(LiveEvents events, long id) : IDisposable
    {
        public void Dispose() => events._listeners.TryRemove(id, out _);
    }
}

/// <summary>
/// Reads published events from the database, in feed order, and hands them to this instance's live subscribers: when
/// an instance announces new positions (<see cref="EventAnnouncements"/>), and every <c>Events:PublishInterval</c> as
/// a safety net for lost announcements and events positioned by the feed or the publishing job. Starts where the feed
/// stood at the instance's first subscription (<see cref="LiveEvents.ObserveAsync"/>): subscriptions are live, the feed
/// is for catching up. Before that it reads nothing.
/// </summary>
internal sealed class LiveEventDispatcher(
    LiveEvents live, EventAnnouncements announcements, IServiceScopeFactory scopes, IOptions<EventsOptions> options, ILogger<LiveEventDispatcher> logger) : BackgroundService
{
    private const int Batch = 500;
    private readonly SemaphoreSlim _wake = new(0, 1);
    private long _announced;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        announcements.Published += OnPublished;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await _wake.WaitAsync(options.Value.PublishInterval, stoppingToken);
                if (live.Delivered < 0)
                {
                    // Nobody has subscribed on this instance yet.
                    continue;
                }
                try
                {
                    live.Delivered = await RunOnceAsync(live.Delivered, stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    logger.LogWarning(exception, "Reading published events for live subscribers failed; retrying within {Interval}", options.Value.PublishInterval);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
        finally
        {
            announcements.Published -= OnPublished;
        }
    }

    private void OnPublished(long position)
    {
        InterlockedMax(ref _announced, position);
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already awake: the run reads everything up to the newest position anyway.
        }
    }

    /// <summary>Delivers what was published after <paramref name="delivered"/>; returns the position now delivered.</summary>
    private async Task<long> RunOnceAsync(long delivered, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        if (live.Count == 0)
        {
            // Nobody listens now: only remember where the feed stands.
            var newest = await db.OutboxEvents.MaxAsync(e => e.Position, cancellationToken) ?? 0;
            return Math.Max(newest, delivered);
        }
        var after = delivered;
        if (Interlocked.Read(ref _announced) <= after && !await db.OutboxEvents.AnyAsync(e => e.Position > after, cancellationToken))
        {
            return after;
        }
        while (true)
        {
            var page = await db.OutboxEvents.AsNoTracking()
                .Where(e => e.Position > after)
                .OrderBy(e => e.Position)
                .Take(Batch)
                .Select(e => new LiveEvent(e.Position!.Value, e.Id, e.Type, e.OccurredAt, e.BusinessNumber, e.UnitCode))
                .ToListAsync(cancellationToken);
            foreach (var liveEvent in page)
            {
                live.Deliver(liveEvent with { OccurredAt = DateTime.SpecifyKind(liveEvent.OccurredAt, DateTimeKind.Utc) });
                after = liveEvent.Position;
            }
            if (page.Count < Batch)
            {
                return after;
            }
        }
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }
            current = seen;
        }
    }
}
