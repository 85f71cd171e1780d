using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Auth;
using OneWindow.Api.Data;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Errors;

namespace OneWindow.Api.Features.Webhooks;

/// <summary>An endpoint's delivery log (newest first, with every attempt) and redelivery, for the partner that owns it.</summary>
public static class WebhookDeliveries
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;
    /// <summary>The cursor of a delivery in the log (REST nextCursor, GraphQL edge cursors).</summary>
    internal static readonly IdCursor Cursor = new("webhook-delivery:");

    public static async Task<Result<WebhookDeliveryPage>> ListAsync(
        string? webhookId, string? status, string? after, int? limit, Caller caller, RegistryDbContext db, CancellationToken cancellationToken)
    {
        var endpoint = await ManageWebhooks.FindAsync(webhookId, caller, db, tracked: false, cancellationToken);
        if (endpoint is null)
        {
            return ApiError.NotFound(ErrorCodes.WebhookNotFound);
        }
        var size = limit ?? DefaultLimit;
        if (size is < 1 or > MaxLimit)
        {
            return ApiError.BadRequest(ErrorCodes.InvalidLimit, "limit");
        }
        WebhookDeliveryStatus? wanted = null;
        if (!string.IsNullOrEmpty(status))
        {
            wanted = status switch
            {
                "PENDING" => WebhookDeliveryStatus.Pending,
                "DELIVERED" => WebhookDeliveryStatus.Delivered,
                "DEAD_LETTERED" => WebhookDeliveryStatus.DeadLettered,
                _ => null,
            };
            if (wanted is null)
            {
                return ApiError.BadRequest(ErrorCodes.InvalidDeliveryStatus, "status");
            }
        }
        long before = long.MaxValue;
        if (!string.IsNullOrEmpty(after) && !Cursor.TryDecode(after, out before))
        {
            return ApiError.BadRequest(ErrorCodes.InvalidCursor, "after");
        }
        var query = db.WebhookDeliveries.AsNoTracking().Where(d => d.EndpointId == endpoint.Id && d.Id < before);
        if (wanted is { } s)
        {
            query = query.Where(d => d.Status == s);
        }
        var rows = await query.OrderByDescending(d => d.Id).Take(size + 1)
            .Select(d => new
            {
                d.Id, d.EventId, d.EventType, d.Status, d.Attempts, d.CreatedAt, d.NextAttemptAt, d.DeliveredAt, d.DeadLetteredAt,
                Log = d.AttemptLog.OrderBy(a => a.Number)
                    .Select(a => new WebhookAttemptResponse(a.Number, a.AttemptedAt, a.StatusCode, a.Error, a.ResponseExcerpt, a.DurationMs)).ToList(),
            })
            .ToListAsync(cancellationToken);
        var page = rows.Take(size).Select(d => new WebhookDeliveryResponse(
            d.Id.ToString(CultureInfo.InvariantCulture), d.EventId.ToString(CultureInfo.InvariantCulture), d.EventType, d.Status, d.Attempts,
            WebhookResponse.Utc(d.CreatedAt), d.Status == WebhookDeliveryStatus.Pending ? WebhookResponse.Utc(d.NextAttemptAt) : null,
            d.DeliveredAt is { } delivered ? WebhookResponse.Utc(delivered) : null, d.DeadLetteredAt is { } dead ? WebhookResponse.Utc(dead) : null,
            [.. d.Log.Select(a => a with { AttemptedAt = WebhookResponse.Utc(a.AttemptedAt) })])).ToList();
        return new WebhookDeliveryPage(page, rows.Count > size ? Cursor.Encode(rows[size - 1].Id) : null);
    }

    /// <summary>
    /// Sends a dead-lettered (or delivered) delivery again, from the first attempt of the schedule, in its place in its
    /// application's order: later deliveries of the same application wait for it.
    /// </summary>
    public static async Task<Result<WebhookDeliveryResponse>> RedeliverAsync(
        string? webhookId, string? deliveryId, Caller caller, RegistryDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var endpoint = await ManageWebhooks.FindAsync(webhookId, caller, db, tracked: false, cancellationToken);
        if (endpoint is null)
        {
            return ApiError.NotFound(ErrorCodes.WebhookNotFound);
        }
        if (!long.TryParse(deliveryId, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            || await db.WebhookDeliveries.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id && d.EndpointId == endpoint.Id, cancellationToken) is not { } delivery)
        {
            return ApiError.NotFound(ErrorCodes.WebhookDeliveryNotFound);
        }
        var now = time.GetUtcNow().UtcDateTime;
        var reset = await db.WebhookDeliveries.Where(d => d.Id == id && d.Status != WebhookDeliveryStatus.Pending)
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.Status, WebhookDeliveryStatus.Pending).SetProperty(d => d.Attempts, 0)
                .SetProperty(d => d.NextAttemptAt, now).SetProperty(d => d.DeliveredAt, (DateTime?)null).SetProperty(d => d.DeadLetteredAt, (DateTime?)null),
                cancellationToken);
        if (reset == 0)
        {
            return new ApiError(ErrorCodes.WebhookDeliveryPending, StatusCodes.Status409Conflict);
        }
        return new WebhookDeliveryResponse(
            delivery.Id.ToString(CultureInfo.InvariantCulture), delivery.EventId.ToString(CultureInfo.InvariantCulture), delivery.EventType,
            WebhookDeliveryStatus.Pending, 0, WebhookResponse.Utc(delivery.CreatedAt), WebhookResponse.Utc(now), null, null, []);
    }
}
