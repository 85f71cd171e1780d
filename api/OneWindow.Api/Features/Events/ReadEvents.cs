using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneWindow.Api.Auth;
using OneWindow.Api.Data;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Errors;
using OneWindow.Api.Events;

namespace OneWindow.Api.Features.Events;

/// <summary>An event as the feed gives it.</summary>
/// <param name="Id">The event's id: the same event always has the same id (deduplicate by it).</param>
/// <param name="Type">e.g. <c>application.submitted</c>, <c>unit.seized</c> (docs/events.md).</param>
/// <param name="Data">Codes, statuses and numbers; never a person's name or ID number in full (<c>unit.transferNotice</c> names the new owners masked).</param>
/// <param name="Cursor">Pass as <c>after</c> to read what came after this event.</param>
public sealed record EventResponse(string Id, string Type, DateTime OccurredAt, string? BusinessNumber, string? UnitCode, JsonElement Data, string Cursor);

/// <summary>A page of the feed.</summary>
/// <param name="NextCursor">Where to continue: the last event's cursor, or the one given when nothing is new yet.</param>
/// <param name="HasMore">Whether more events are ready now.</param>
public sealed record EventPage(IReadOnlyList<EventResponse> Events, string? NextCursor, bool HasMore);

/// <summary>
/// The caller's events after a cursor, in the order they committed (<see cref="OutboxPublisher"/>): what the partner
/// or person hears as submitter, applicant or holder of record, by its identity of record — a partner's verified
/// credit code, a person's ID number of record. Replayable from any cursor within <see cref="EventsOptions.Retention"/>.
/// </summary>
public static class ReadEvents
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 100;

    public static async Task<Result<EventPage>> HandleAsync(
        string? after, int? limit, Caller caller, RegistryDbContext db, IOptions<EventsOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var size = limit ?? DefaultLimit;
        if (size is < 1 or > MaxLimit)
        {
            return ApiError.BadRequest(ErrorCodes.InvalidLimit, "limit");
        }
        var since = time.GetUtcNow().UtcDateTime - options.Value.Retention;
        long position = 0;
        if (!string.IsNullOrEmpty(after))
        {
            if (!EventCursor.TryDecode(after, out position, out var at))
            {
                return ApiError.BadRequest(ErrorCodes.InvalidCursor, "after");
            }
            if (at < since)
            {
                // Events after it may have been pruned: replaying from here could silently miss some.
                return new ApiError(ErrorCodes.EventCursorExpired, StatusCodes.Status410Gone, Field: "after");
            }
        }
        var recipients = await RecipientsAsync(caller, db, cancellationToken);
        if (recipients.Count == 0)
        {
            return new EventPage([], after, false);
        }
        await OutboxPublisher.PublishAsync(db, cancellationToken);
        var rows = await db.OutboxEvents.AsNoTracking()
            .Where(e => e.Position > position && e.OccurredAt >= since && e.Recipients.Any(r => recipients.Contains(r.Recipient)))
            .OrderBy(e => e.Position)
            .Take(size + 1)
            .ToListAsync(cancellationToken);
        var page = rows.Count > size ? rows[..size] : rows;
        var events = page.Select(ToResponse).ToList();
        return new EventPage(events, events.Count > 0 ? events[^1].Cursor : after, rows.Count > size);
    }

    /// <summary>A published event as the feed gives it (and as a webhook delivers it).</summary>
    public static EventResponse ToResponse(OutboxEvent e) => new(
        e.Id.ToString(CultureInfo.InvariantCulture), e.Type, DateTime.SpecifyKind(e.OccurredAt, DateTimeKind.Utc), e.BusinessNumber, e.UnitCode,
        JsonDocument.Parse(e.Data).RootElement.Clone(), EventCursor.Encode(e.Position!.Value, e.OccurredAt));

    /// <summary>
    /// The keys the caller's events are stored under: its subject key (what it submitted) and its identity of record
    /// (what it is a party or holder in). A partner not approved, or a person without an ID number of record, hears
    /// only what it submitted.
    /// </summary>
    private static async Task<IReadOnlyList<string>> RecipientsAsync(Caller caller, RegistryDbContext db, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        if (caller.SubjectKey is { } subject)
        {
            keys.Add(EventRecipients.Subject(subject));
        }
        if (caller.PartnerId is { } partnerId)
        {
            var creditCode = await db.Partners.AsNoTracking().Where(p => p.Id == partnerId && p.Status == PartnerStatus.Approved)
                .Select(p => p.CreditCode).SingleOrDefaultAsync(cancellationToken);
            if (!string.IsNullOrEmpty(creditCode))
            {
                keys.Add(EventRecipients.Organisation(creditCode));
            }
        }
        else if (caller.PersonId is not null && !string.IsNullOrEmpty(caller.IdNumber))
        {
            keys.Add(EventRecipients.Person(caller.IdNumber));
        }
        return keys;
    }
}

/// <summary>
/// The feed's cursor: an event's position and time, base64url. The time lets an expired cursor be named as such after
/// its event was pruned; altering it gains nothing (the caller still reads only its own events).
/// </summary>
public static class EventCursor
{
    private const string Prefix = "event:";

    public static string Encode(long position, DateTime occurredAt) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
            $"{Prefix}{position.ToString(CultureInfo.InvariantCulture)}:{new DateTimeOffset(DateTime.SpecifyKind(occurredAt, DateTimeKind.Utc)).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}"));

    public static bool TryDecode(string cursor, out long position, out DateTime occurredAt)
    {
        position = 0;
        occurredAt = default;
        if (cursor.Length > 80)
        {
            return false;
        }
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            var parts = text.StartsWith(Prefix, StringComparison.Ordinal) ? text[Prefix.Length..].Split(':') : [];
            if (parts.Length != 2
                || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out position) || position < 1
                || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
            {
                return false;
            }
            occurredAt = DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime;
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
