using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Data;

namespace OneWindow.Api.Events;

/// <summary>
/// Gives committed events their feed position, in commit order. Ids come from a sequence when a row is inserted, so on
/// PostgreSQL a transaction can commit an id lower than one a reader already saw; paging by id would skip it. Only
/// committed rows are visible here, one publisher runs at a time (a transaction-scoped advisory lock), and each run
/// numbers after the highest position given: a reader paging by position never skips an event.
/// </summary>
public static class OutboxPublisher
{
    /// <summary>The advisory lock key of the publisher (any fixed number no other code uses).</summary>
    private const long LockKey = 0x4f57_4556_4e54;

    public static async Task PublishAsync(RegistryDbContext db, CancellationToken cancellationToken)
    {
        if (!db.Database.IsNpgsql())
        {
            // SQLite has one writer at a time, holding its lock from the first write to the commit: ids are in commit
            // order already. Pruning keeps the newest event, so an id is never reused.
            await db.Database.ExecuteSqlRawAsync("UPDATE outbox_events SET position = id WHERE position IS NULL", cancellationToken);
            return;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockKey})", cancellationToken);
        await db.Database.ExecuteSqlRawAsync(
            """
            UPDATE outbox_events AS e SET position = m.base + p.rn
            FROM (SELECT id, row_number() OVER (ORDER BY id) AS rn FROM outbox_events WHERE position IS NULL) AS p,
                 (SELECT COALESCE(MAX(position), 0) AS base FROM outbox_events) AS m
            WHERE e.id = p.id
            """, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Deletes published events older than <paramref name="cutoff"/>, always keeping the newest (positions never go back).</summary>
    public static Task<int> PruneAsync(RegistryDbContext db, DateTime cutoff, CancellationToken cancellationToken) =>
        db.OutboxEvents
            .Where(e => e.OccurredAt < cutoff && e.Position != null && e.Position < db.OutboxEvents.Max(x => x.Position))
            .ExecuteDeleteAsync(cancellationToken);
}
