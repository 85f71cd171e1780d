namespace OneWindow.Api.Features.Webhooks;

/// <summary>The webhooks' settings (section <c>Webhooks</c>; docs/events.md, Webhooks).</summary>
public sealed class WebhooksOptions
{
    public const string Section = "Webhooks";

    /// <summary>The default retry schedule: the waits after each failed attempt, about a day in all (23 h 43 min).</summary>
    public static readonly TimeSpan[] DefaultRetrySchedule =
    [
        TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(4), TimeSpan.FromHours(8), TimeSpan.FromHours(8),
    ];

    /// <summary>
    /// The waits after each failed attempt (<c>Webhooks__RetrySchedule__0=00:00:10</c>, …); each is stretched or shrunk
    /// by up to a fifth at random (jitter). After the last one fails the delivery is dead-lettered. Null: the default.
    /// </summary>
    public TimeSpan[]? RetrySchedule { get; set; }

    public IReadOnlyList<TimeSpan> Schedule => RetrySchedule is { Length: > 0 } schedule ? schedule : DefaultRetrySchedule;

    /// <summary>How long one attempt may take, connection and answer included (default 10 s).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How often the dispatcher looks for new events and due deliveries (default 250 ms: every event within a second of
    /// its commit in docs/performance.md; 1 s gave a p99 of 1.1 s).
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How many endpoints one instance delivers to at once; each endpoint gets one at a time (default 16).</summary>
    public int MaxConcurrentEndpoints { get; set; } = 16;

    /// <summary>How long a signing secret lives (default 90 days); an expired secret stops deliveries until rotated.</summary>
    public TimeSpan SecretLifetime { get; set; } = TimeSpan.FromDays(90);

    /// <summary>How long before expiry the <c>webhook.secretExpiring</c> event is sent (default 14 days).</summary>
    public TimeSpan SecretExpiryWarning { get; set; } = TimeSpan.FromDays(14);

    /// <summary>How long the previous secret keeps signing after a rotation (default 24 hours).</summary>
    public TimeSpan RotationOverlap { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How many endpoints a partner may register (default 10).</summary>
    public int MaxEndpointsPerPartner { get; set; } = 10;

    /// <summary>
    /// Note: lets endpoints on loopback, private, link-local and other non-public addresses register and be delivered
    /// to — for tests and local development only. Refused at start in Production; production keeps it false, so no
    /// partner can make the platform call into its own network (SSRF).
    /// </summary>
    public bool AllowPrivateAddresses { get; set; }

    /// <summary>
    /// Note: lets endpoints use plain http. On in Development; elsewhere https only unless set (tests with a loopback
    /// receiver). Refused at start in Production: a delivery's body and signature travel encrypted.
    /// </summary>
    public bool AllowInsecureHttp { get; set; }
}
