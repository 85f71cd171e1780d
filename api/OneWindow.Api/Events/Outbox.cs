using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using OneWindow.Api.Data;
using OneWindow.Api.Data.Entities;
using OneWindow.Domain.Identifiers;

namespace OneWindow.Api.Events;

/// <summary>
/// Adds events to the outbox on the caller's context: they are saved by the caller's SaveChanges, in its transaction,
/// so an event exists exactly when its change committed (docs/decisions/0015-events-outbox.md).
/// </summary>
public static class Outbox
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Chinese text (document numbers) stored as it reads; HTML-sensitive characters stay escaped.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseUpper) },
    };

    /// <summary>How many unit codes an application's event names; <c>unitCount</c> says how many there are.</summary>
    public const int MaxUnitCodes = 20;

    public static OutboxEvent Add(
        RegistryDbContext db, string type, DateTime occurredAt, string? businessNumber, string? unitCode, object data, IEnumerable<string> recipients)
    {
        var outboxEvent = new OutboxEvent
        {
            Type = type, OccurredAt = occurredAt, BusinessNumber = businessNumber, UnitCode = unitCode, Data = JsonSerializer.Serialize(data, Json),
        };
        foreach (var recipient in recipients.Distinct(StringComparer.Ordinal))
        {
            outboxEvent.Recipients.Add(new OutboxRecipient { Recipient = recipient });
        }
        db.OutboxEvents.Add(outboxEvent);
        return outboxEvent;
    }
}

/// <summary>
/// The keys an event's audience is stored under. Authority to read comes from who the caller is of record: a partner's
/// client id maps to its organisation, whose credit code an operator verified; a person's ID number is read from the
/// database per request. Nothing a request says is a recipient.
/// </summary>
public static class EventRecipients
{
    /// <summary>A submitter, by <see cref="Auth.Caller.SubjectKey"/> (<c>partner:12</c>, <c>person:3</c>).</summary>
    public static string Subject(string subjectKey) => subjectKey;

    /// <summary>A party of the register or of an application by its identity document: a credit code or a resident ID number.</summary>
    public static string? Identity(IdentityDocumentType type, string? idNumber) => string.IsNullOrEmpty(idNumber) ? null : type switch
    {
        IdentityDocumentType.CreditCode => "org:" + idNumber,
        IdentityDocumentType.ResidentId => "pid:" + idNumber,
        _ => null,
    };

    public static string Organisation(string creditCode) => "org:" + creditCode;

    public static string Person(string idNumber) => "pid:" + idNumber;
}
