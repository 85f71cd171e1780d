namespace OneWindow.Api.Data.Entities;

/// <summary>
/// One event of the outbox (docs/events.md): what happened, to which application or unit, when. Written in the
/// transaction of the change it reports, so it exists exactly when the change committed. <see cref="Position"/> is
/// given after commit, in commit order (<c>OutboxPublisher</c>): the feed pages by it.
/// </summary>
public sealed class OutboxEvent
{
    public long Id { get; set; }
    /// <summary>The feed's order: assigned to committed events only, never reused, always increasing. Null until then.</summary>
    public long? Position { get; set; }
    /// <summary>One of <see cref="Events.EventTypes"/> (e.g. <c>application.submitted</c>, <c>unit.seized</c>).</summary>
    public required string Type { get; set; }
    public DateTime OccurredAt { get; set; }
    public string? BusinessNumber { get; set; }
    public string? UnitCode { get; set; }
    /// <summary>The event's data as JSON: codes, statuses and numbers, never a person's name or ID number in full (a transfer notice names the new owners masked).</summary>
    public required string Data { get; set; }
    public List<OutboxRecipient> Recipients { get; set; } = [];
}

/// <summary>
/// Who hears an event, decided when it is written: a subject key (<c>partner:12</c>, <c>person:3</c>: the submitter)
/// or an identity of record (<c>org:</c> + unified social credit code, <c>pid:</c> + resident ID number: an applicant or
/// a holder of record).
/// </summary>
public sealed class OutboxRecipient
{
    public long EventId { get; set; }
    public required string Recipient { get; set; }
}
