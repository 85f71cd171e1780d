using System.Globalization;
using OneWindow.Api.Data.Entities;

namespace OneWindow.Api.Features.Webhooks;

/// <summary>Registers an endpoint.</summary>
/// <param name="Url">https URL (public address) the events are POSTed to; at most 2048 characters.</param>
/// <param name="EventTypes">Event types (docs/events.md), families such as <c>unit.*</c>, or <c>*</c>; 1 to 50.</param>
/// <param name="Description">Optional note for the partner's own use, at most 200 characters.</param>
public sealed record RegisterWebhookRequest(string? Url, IReadOnlyList<string?>? EventTypes, string? Description);

/// <summary>Changes an endpoint; an absent field stays as it is.</summary>
/// <param name="Url">A new https URL, checked as at registration.</param>
/// <param name="EventTypes">A new list of event types, 1 to 50 (replaces the old list).</param>
/// <param name="Description">A new note, at most 200 characters; empty removes it.</param>
public sealed record UpdateWebhookRequest(string? Url, IReadOnlyList<string?>? EventTypes, string? Description);

/// <summary>A webhook endpoint. Never its secret.</summary>
/// <param name="SecretExpiresAt">After this nothing is delivered until the secret is rotated (a warning event comes before).</param>
/// <param name="PreviousSecretExpiresAt">During a rotation: until when the previous secret also signs.</param>
public sealed record WebhookResponse(
    string Id, string Url, IReadOnlyList<string> EventTypes, string? Description, DateTime CreatedAt, DateTime SecretExpiresAt, DateTime? PreviousSecretExpiresAt)
{
    public static WebhookResponse From(WebhookEndpoint e) => new(
        e.Id.ToString(CultureInfo.InvariantCulture), e.Url, WebhookEventTypes.Parse(e.EventTypes), e.Description,
        Utc(e.CreatedAt), Utc(e.SecretExpiresAt), e.PreviousSecretExpiresAt is { } previous ? Utc(previous) : null);

    internal static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);
}

/// <summary>An endpoint with its signing secret: the only time the secret is shown.</summary>
public sealed record WebhookSecretResponse(WebhookResponse Webhook, string Secret);

public sealed record WebhookList(IReadOnlyList<WebhookResponse> Items);

/// <summary>One attempt of a delivery.</summary>
/// <param name="StatusCode">The answer's HTTP status; null when none came (see error).</param>
/// <param name="Error">TIMEOUT, CONNECTION_FAILED or ADDRESS_NOT_ALLOWED when no answer came.</param>
/// <param name="ResponseExcerpt">At most 1 KB of the answer's body.</param>
public sealed record WebhookAttemptResponse(int Number, DateTime AttemptedAt, int? StatusCode, string? Error, string? ResponseExcerpt, int DurationMs);

/// <summary>One event queued for an endpoint, with its attempts.</summary>
/// <param name="Status">PENDING (waiting or retrying), DELIVERED, or DEAD_LETTERED (every attempt failed; redeliver it).</param>
/// <param name="Attempts">Attempts since it was queued or last redelivered.</param>
public sealed record WebhookDeliveryResponse(
    string Id, string EventId, string EventType, WebhookDeliveryStatus Status, int Attempts, DateTime CreatedAt, DateTime? NextAttemptAt,
    DateTime? DeliveredAt, DateTime? DeadLetteredAt, IReadOnlyList<WebhookAttemptResponse> AttemptLog);

/// <summary>A page of deliveries, newest first.</summary>
public sealed record WebhookDeliveryPage(IReadOnlyList<WebhookDeliveryResponse> Items, string? NextCursor);
