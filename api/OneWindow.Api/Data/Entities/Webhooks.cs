namespace OneWindow.Api.Data.Entities;

/// <summary>
/// A partner's webhook endpoint (docs/events.md, Webhooks): where its events are POSTed, which types, and the signing
/// secret, encrypted with Data Protection. During a rotation the previous secret signs too until
/// <see cref="PreviousSecretExpiresAt"/>. <see cref="LastPosition"/> is how far the feed has been queued for it.
/// </summary>
public sealed class WebhookEndpoint
{
    public long Id { get; set; }
    public long PartnerId { get; set; }
    public Partner? Partner { get; set; }
    public required string Url { get; set; }
    /// <summary>The event types it receives, space-separated: exact types, <c>application.*</c>-style families, or <c>*</c>.</summary>
    public required string EventTypes { get; set; }
    public string? Description { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>The signing secret, protected with Data Protection (never stored in clear).</summary>
    public required string ProtectedSecret { get; set; }
    public DateTime SecretCreatedAt { get; set; }
    /// <summary>After this the endpoint receives nothing until the partner rotates (deliveries wait, they are not lost).</summary>
    public DateTime SecretExpiresAt { get; set; }
    /// <summary>When the <c>webhook.secretExpiring</c> event for the current secret was written; null until then.</summary>
    public DateTime? ExpiryWarnedAt { get; set; }
    public string? PreviousProtectedSecret { get; set; }
    public DateTime? PreviousSecretExpiresAt { get; set; }
    /// <summary>The feed position up to which events were queued for this endpoint (it hears what comes after its creation).</summary>
    public long LastPosition { get; set; }
    /// <summary>
    /// Raised by every change a partner makes (update, rotation): the concurrency token that refuses the second of two
    /// racing writes instead of letting it overwrite the first (a rotated secret silently lost).
    /// </summary>
    public int Version { get; set; }
}

public enum WebhookDeliveryStatus { Pending, Delivered, DeadLettered }

/// <summary>
/// One event queued for one endpoint, with its body fixed when queued. Delivered in order per
/// <see cref="OrderingKey"/> (an application, else a unit): a delivery waits while an earlier one of its key is pending.
/// </summary>
public sealed class WebhookDelivery
{
    public long Id { get; set; }
    public long EndpointId { get; set; }
    public long EventId { get; set; }
    /// <summary>The event's feed position: the order of delivery.</summary>
    public long Position { get; set; }
    public required string EventType { get; set; }
    /// <summary><c>application:</c> + business number, else <c>unit:</c> + unit code, else <c>event:</c> + id.</summary>
    public required string OrderingKey { get; set; }
    /// <summary>The JSON body sent: the event as the feed gives it.</summary>
    public required string Body { get; set; }
    public WebhookDeliveryStatus Status { get; set; }
    /// <summary>Attempts since it was queued or last redelivered (the retry schedule counts these).</summary>
    public int Attempts { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public DateTime? DeliveredAt { get; set; }
    public DateTime? DeadLetteredAt { get; set; }
    /// <summary>A dispatcher's claim: nobody else sends it before this time passes (a crashed dispatcher's claim lapses).</summary>
    public DateTime? LockedUntil { get; set; }
    public string? LockedBy { get; set; }
    public List<WebhookDeliveryAttempt> AttemptLog { get; set; } = [];
}

/// <summary>One attempt of a delivery: when, the answer's status (null when none came), an excerpt of it, how long.</summary>
public sealed class WebhookDeliveryAttempt
{
    public long Id { get; set; }
    public long DeliveryId { get; set; }
    public int Number { get; set; }
    public DateTime AttemptedAt { get; set; }
    public int? StatusCode { get; set; }
    /// <summary>Why no answer came (TIMEOUT, CONNECTION_FAILED, ADDRESS_NOT_ALLOWED, …); null when one did.</summary>
    public string? Error { get; set; }
    /// <summary>At most 1 KB of the answer's body.</summary>
    public string? ResponseExcerpt { get; set; }
    public int DurationMs { get; set; }
}
