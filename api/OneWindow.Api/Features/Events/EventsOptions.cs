namespace OneWindow.Api.Features.Events;

/// <summary>The event feed's settings (section <c>Events</c>).</summary>
public sealed class EventsOptions
{
    public const string Section = "Events";

    /// <summary>
    /// How long events stay replayable (<c>Events__Retention</c>, default 30 days): older ones are pruned every hour, and
    /// a cursor older than this is answered <c>EVENT_CURSOR_EXPIRED</c>.
    /// </summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often the outbox is published and pruned in the background (reads publish too).</summary>
    public TimeSpan PublishInterval { get; set; } = TimeSpan.FromSeconds(5);
}
