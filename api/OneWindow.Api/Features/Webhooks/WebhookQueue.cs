using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Data;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Events;
using OneWindow.Api.Features.Events;

namespace OneWindow.Api.Features.Webhooks;

/// <summary>A delivery claimed by one dispatcher, with what it needs to send it.</summary>
public sealed record ClaimedDelivery(long Id, long EndpointId, long EventId, string EventType, string Body, int Attempts);

/// <summary>
/// The webhook queue in the database (docs/decisions/0016-webhooks.md): events are queued per endpoint from the feed,
/// after the endpoint's <see cref="WebhookEndpoint.LastPosition"/>, for the same audience the feed has (the partner's
/// subject key and verified credit code) — webhooks never widen who hears what. Dispatchers on any number of instances
/// claim deliveries with a lease (on PostgreSQL under <c>FOR UPDATE SKIP LOCKED</c>), one at a time per application.
/// </summary>
public static class WebhookQueue
{
    private const int FanOutBatch = 500;

    private static readonly JsonSerializerOptions BodyJson = new(JsonSerializerDefaults.Web)
    {
        // Chinese text (document numbers) travels as it reads; HTML-sensitive characters stay escaped.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    /// <summary>The body of a delivery: the event exactly as the feed gives it.</summary>
    public static string Body(OutboxEvent e) => JsonSerializer.Serialize(ReadEvents.ToResponse(e), BodyJson);

    /// <summary>Deliveries of one application (else one unit) go out one at a time, in feed order.</summary>
    public static string OrderingKey(OutboxEvent e) =>
        e.BusinessNumber is { Length: > 0 } number ? "application:" + number
        : e.UnitCode is { Length: > 0 } unit ? "unit:" + unit
        : "event:" + e.Id.ToString(CultureInfo.InvariantCulture);

    /// <summary>The keys a partner's events are stored under (as the feed reads them): what it submitted, and its organisation.</summary>
    public static string[] Recipients(long partnerId, string creditCode) =>
        [EventRecipients.Subject("partner:" + partnerId.ToString(CultureInfo.InvariantCulture)), EventRecipients.Organisation(creditCode)];

    /// <summary>Queues the published events after each endpoint's position; returns how many deliveries were added.</summary>
    public static async Task<int> FanOutAsync(RegistryDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        var top = await db.OutboxEvents.MaxAsync(e => e.Position, cancellationToken) ?? 0;
        var endpoints = await db.WebhookEndpoints.AsNoTracking()
            .Where(e => e.LastPosition < top && e.Partner!.Status == PartnerStatus.Approved)
            .Select(e => new { e.Id, e.PartnerId, e.Partner!.CreditCode, e.EventTypes, e.LastPosition })
            .ToListAsync(cancellationToken);
        var added = 0;
        foreach (var endpoint in endpoints)
        {
            var recipients = Recipients(endpoint.PartnerId, endpoint.CreditCode);
            var events = await db.OutboxEvents.AsNoTracking()
                .Where(e => e.Position > endpoint.LastPosition && e.Position <= top && e.Recipients.Any(r => recipients.Contains(r.Recipient)))
                .OrderBy(e => e.Position).Take(FanOutBatch).ToListAsync(cancellationToken);
            var upTo = events.Count == FanOutBatch ? events[^1].Position!.Value : top;
            var types = WebhookEventTypes.Parse(endpoint.EventTypes);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // The range is this dispatcher's only if the endpoint's position is still where it read it: another instance
            // queueing the same range waits on this row and then finds it moved, and queues nothing.
            var claimed = await db.WebhookEndpoints.Where(e => e.Id == endpoint.Id && e.LastPosition == endpoint.LastPosition)
                .ExecuteUpdateAsync(set => set.SetProperty(e => e.LastPosition, upTo), cancellationToken);
            if (claimed == 0)
            {
                continue;
            }
            foreach (var e in events.Where(e => WebhookEventTypes.Matches(types, e.Type)))
            {
                db.WebhookDeliveries.Add(new WebhookDelivery
                {
                    EndpointId = endpoint.Id, EventId = e.Id, Position = e.Position!.Value, EventType = e.Type, OrderingKey = OrderingKey(e),
                    Body = Body(e), Status = WebhookDeliveryStatus.Pending, CreatedAt = now, NextAttemptAt = now,
                });
                added++;
            }
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
        return added;
    }

    /// <summary>
    /// Writes a <c>webhook.secretExpiring</c> event, heard by the endpoint's partner, once per secret that expires within
    /// <paramref name="warning"/>. Claimed by a conditional update first, so two instances never write it twice.
    /// </summary>
    public static async Task WarnExpiringSecretsAsync(RegistryDbContext db, DateTime now, TimeSpan warning, CancellationToken cancellationToken)
    {
        var horizon = now + warning;
        var expiring = await db.WebhookEndpoints.AsNoTracking()
            .Where(e => e.ExpiryWarnedAt == null && e.SecretExpiresAt <= horizon)
            .Select(e => new { e.Id, e.PartnerId, e.SecretExpiresAt })
            .ToListAsync(cancellationToken);
        foreach (var endpoint in expiring)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var claimed = await db.WebhookEndpoints.Where(e => e.Id == endpoint.Id && e.ExpiryWarnedAt == null && e.SecretExpiresAt == endpoint.SecretExpiresAt)
                .ExecuteUpdateAsync(set => set.SetProperty(e => e.ExpiryWarnedAt, now), cancellationToken);
            if (claimed == 0)
            {
                continue;
            }
            Outbox.Add(db, EventTypes.WebhookSecretExpiring, now, null, null,
                new
                {
                    webhookId = endpoint.Id.ToString(CultureInfo.InvariantCulture),
                    secretExpiresAt = DateTime.SpecifyKind(endpoint.SecretExpiresAt, DateTimeKind.Utc),
                },
                [EventRecipients.Subject("partner:" + endpoint.PartnerId.ToString(CultureInfo.InvariantCulture))]);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>Endpoints with a delivery due and unclaimed, whose partner is approved and whose secret has not expired.</summary>
    public static Task<List<long>> DueEndpointsAsync(RegistryDbContext db, DateTime now, CancellationToken cancellationToken) =>
        db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt <= now && (d.LockedUntil == null || d.LockedUntil < now)
                && db.WebhookEndpoints.Any(e => e.Id == d.EndpointId && e.SecretExpiresAt > now && e.Partner!.Status == PartnerStatus.Approved))
            .Select(d => d.EndpointId).Distinct().ToListAsync(cancellationToken);

    /// <summary>
    /// Claims up to <paramref name="max"/> due deliveries of one endpoint for <paramref name="dispatcher"/> until
    /// <paramref name="leaseUntil"/>: each the oldest pending one of its application (a later one waits for it, whatever
    /// its own time), skipping rows another dispatcher is claiming at this moment.
    /// </summary>
    public static async Task<IReadOnlyList<ClaimedDelivery>> ClaimAsync(
        RegistryDbContext db, long endpointId, string dispatcher, DateTime now, DateTime leaseUntil, int max, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        List<long> candidates;
        if (db.Database.IsNpgsql())
        {
            candidates = await db.Database.SqlQuery<long>(
                $"""
                SELECT d.id AS "Value" FROM webhook_deliveries AS d
                WHERE d.endpoint_id = {endpointId} AND d.status = 'Pending' AND d.next_attempt_at <= {now}
                  AND (d.locked_until IS NULL OR d.locked_until < {now})
                  AND NOT EXISTS (SELECT 1 FROM webhook_deliveries AS p WHERE p.endpoint_id = d.endpoint_id
                                  AND p.ordering_key = d.ordering_key AND p.status = 'Pending' AND p.position < d.position)
                ORDER BY d.position
                LIMIT {max}
                FOR UPDATE SKIP LOCKED
                """).ToListAsync(cancellationToken);
        }
        else
        {
            // SQLite has one writer at a time: the conditional update below is the claim.
            candidates = await db.WebhookDeliveries.AsNoTracking()
                .Where(d => d.EndpointId == endpointId && d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt <= now
                    && (d.LockedUntil == null || d.LockedUntil < now)
                    && !db.WebhookDeliveries.Any(p => p.EndpointId == d.EndpointId && p.OrderingKey == d.OrderingKey
                        && p.Status == WebhookDeliveryStatus.Pending && p.Position < d.Position))
                .OrderBy(d => d.Position).Take(max).Select(d => d.Id).ToListAsync(cancellationToken);
        }
        if (candidates.Count == 0)
        {
            return [];
        }
        await db.WebhookDeliveries
            .Where(d => candidates.Contains(d.Id) && d.Status == WebhookDeliveryStatus.Pending && (d.LockedUntil == null || d.LockedUntil < now))
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.LockedUntil, leaseUntil).SetProperty(d => d.LockedBy, dispatcher), cancellationToken);
        var claimed = await db.WebhookDeliveries.AsNoTracking()
            .Where(d => candidates.Contains(d.Id) && d.LockedBy == dispatcher && d.Status == WebhookDeliveryStatus.Pending)
            .OrderBy(d => d.Position)
            .Select(d => new ClaimedDelivery(d.Id, d.EndpointId, d.EventId, d.EventType, d.Body, d.Attempts))
            .ToListAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return claimed;
    }

    /// <summary>
    /// Records an attempt and its outcome: delivered; or the next attempt after the schedule's wait with jitter; or, after
    /// the last, dead-lettered. Only while <paramref name="dispatcher"/> still holds the claim.
    /// </summary>
    public static async Task CompleteAsync(
        RegistryDbContext db, ClaimedDelivery delivery, string dispatcher, DateTime attemptedAt, WebhookAttemptResult result,
        IReadOnlyList<TimeSpan> schedule, DateTime now, CancellationToken cancellationToken)
    {
        var attempts = delivery.Attempts + 1;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        int updated;
        var mine = db.WebhookDeliveries.Where(d => d.Id == delivery.Id && d.LockedBy == dispatcher && d.Status == WebhookDeliveryStatus.Pending);
        if (result.Succeeded)
        {
            updated = await mine.ExecuteUpdateAsync(set => set
                .SetProperty(d => d.Status, WebhookDeliveryStatus.Delivered).SetProperty(d => d.Attempts, attempts)
                .SetProperty(d => d.DeliveredAt, now).SetProperty(d => d.LockedUntil, (DateTime?)null).SetProperty(d => d.LockedBy, (string?)null),
                cancellationToken);
        }
        else if (attempts > schedule.Count)
        {
            updated = await mine.ExecuteUpdateAsync(set => set
                .SetProperty(d => d.Status, WebhookDeliveryStatus.DeadLettered).SetProperty(d => d.Attempts, attempts)
                .SetProperty(d => d.DeadLetteredAt, now).SetProperty(d => d.LockedUntil, (DateTime?)null).SetProperty(d => d.LockedBy, (string?)null),
                cancellationToken);
        }
        else
        {
            var next = now + Jitter(schedule[attempts - 1]);
            updated = await mine.ExecuteUpdateAsync(set => set
                .SetProperty(d => d.Attempts, attempts).SetProperty(d => d.NextAttemptAt, next)
                .SetProperty(d => d.LockedUntil, (DateTime?)null).SetProperty(d => d.LockedBy, (string?)null),
                cancellationToken);
        }
        if (updated == 1)
        {
            var number = await db.WebhookDeliveryAttempts.CountAsync(a => a.DeliveryId == delivery.Id, cancellationToken) + 1;
            db.WebhookDeliveryAttempts.Add(new WebhookDeliveryAttempt
            {
                DeliveryId = delivery.Id, Number = number, AttemptedAt = attemptedAt, StatusCode = result.StatusCode, Error = result.Error,
                ResponseExcerpt = result.ResponseExcerpt, DurationMs = (int)Math.Min(int.MaxValue, result.Duration.TotalMilliseconds),
            });
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Gives back the claims of <paramref name="dispatcher"/> it did not finish (it is stopping).</summary>
    public static Task<int> ReleaseAsync(RegistryDbContext db, string dispatcher, CancellationToken cancellationToken) =>
        db.WebhookDeliveries.Where(d => d.LockedBy == dispatcher && d.Status == WebhookDeliveryStatus.Pending)
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.LockedUntil, (DateTime?)null).SetProperty(d => d.LockedBy, (string?)null), cancellationToken);

    /// <summary>A wait stretched or shrunk by up to a fifth at random, so failed deliveries do not retry in step.</summary>
    public static TimeSpan Jitter(TimeSpan wait) => wait * (0.8 + (Random.Shared.NextDouble() * 0.4));
}
