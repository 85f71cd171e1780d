using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using OneWindow.Api.Data.Entities;

namespace OneWindow.Api.Events.Live;

/// <summary>
/// Tells this instance's <see cref="EventRelay"/> that outbox rows have just committed, so they are positioned and
/// announced at once instead of at the next <c>Events:PublishInterval</c>. An EF Core interceptor registered in DI (it
/// joins every context): a context that saves new outbox rows is marked, and the mark turns into a nudge when its
/// changes commit — after <c>SaveChanges</c> outside an explicit transaction, or when the explicit one commits. Only a
/// shortcut: a nudge that is lost (the instance stops) is made up by the publishing job.
/// </summary>
public sealed class OutboxCommits : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbContext, object> _pending = [];
    private readonly Channel<bool> _nudges = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Waits until outbox rows have committed since the last wait (nudges coalesce).</summary>
    public ValueTask<bool> WaitAsync(CancellationToken cancellationToken) => _nudges.Reader.ReadAsync(cancellationToken);

    /// <summary>Nudges the relay (also for rows a test or a tool wrote through another path).</summary>
    public void Nudge() => _nudges.Writer.TryWrite(true);

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Mark(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Mark(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    private void Mark(DbContext? context)
    {
        if (context is null)
        {
            return;
        }
        // The outbox interceptor has already added this save's events (it is configured before DI's interceptors), and
        // an added entity is tracked as such at once: no second DetectChanges over a bulk save's entities.
        var tracker = context.ChangeTracker;
        var detect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            if (tracker.Entries<OutboxEvent>().Any(e => e.State == EntityState.Added))
            {
                _pending.AddOrUpdate(context, this);
            }
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detect;
        }
    }

    private void Saved(DbContext? context)
    {
        if (context?.Database.CurrentTransaction is null)
        {
            Committed(context);
        }
    }

    private void Committed(DbContext? context)
    {
        if (context is not null && _pending.Remove(context))
        {
            Nudge();
        }
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            _pending.Remove(context);
        }
    }
}
