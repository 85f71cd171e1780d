using System.Diagnostics;
using OneWindow.Api.Auth;
using OneWindow.Api.Data;
using OneWindow.Api.Data.Entities;

namespace OneWindow.Api.Features.Audit;

/// <summary>
/// Records every read of unmasked personal data: who read it, whose (the unit or application), which fields, why
/// (the caller's <c>X-Purpose</c> header, else the operation), when, and the request's trace id. Records of a
/// request are written together just before its response starts, so personal data never leaves without its
/// record: if the write fails, the response fails. A subject read several times in one request is one record. They
/// go through a context of their own, so nothing else a request left pending is ever saved with them.
/// </summary>
public sealed class PersonalDataAudit(RegistryDatabase database, IHttpContextAccessor http, TimeProvider time)
{
    public const string PurposeHeader = "X-Purpose";

    // GraphQL resolves root fields in parallel: records of one request may arrive from several threads.
    private readonly Lock _lock = new();
    private readonly List<AuditRecord> _pending = [];
    private bool _hooked;

    /// <summary>Notes that <paramref name="caller"/> is about to receive <paramref name="fields"/> of <paramref name="subject"/> unmasked.</summary>
    public void Record(Caller caller, string subject, string fields)
    {
        lock (_lock)
        {
            Add(caller, subject, fields);
        }
    }

    private void Add(Caller caller, string subject, string fields)
    {
        var context = http.HttpContext;
        if (_pending.Find(r => r.Subject == Truncate(subject, 100)) is { } same)
        {
            // One record per subject and request: a GraphQL request naming a unit twice (property, restrictionStatus)
            // is one read of it, of every field either answer carried.
            same.Fields = Truncate(string.Join(',', same.Fields.Split(',').Union(fields.Split(','), StringComparer.Ordinal)), 200);
            return;
        }
        var purpose = context?.Request.Headers[PurposeHeader].ToString() is { Length: > 0 } stated
            ? stated
            : context is null ? "internal" : $"{context.Request.Method} {context.Request.Path}";
        _pending.Add(new AuditRecord
        {
            OccurredAt = time.GetUtcNow().UtcDateTime,
            Caller = Truncate(caller.Name, 100),
            CallerKind = caller.PartnerId is not null ? "partner" : caller.IsStaff ? "staff" : caller.IsOperator ? "operator" : caller.PersonId is not null ? "citizen" : "anonymous",
            Subject = Truncate(subject, 100),
            Fields = Truncate(fields, 200),
            Purpose = Truncate(purpose, 200),
            TraceId = Activity.Current?.TraceId.ToString() ?? context?.TraceIdentifier,
        });
        // A WebSocket's response started with its upgrade: what a subscription delivers is flushed by its resolver.
        if (!_hooked && context is not null && !context.Response.HasStarted)
        {
            _hooked = true;
            context.Response.OnStarting(FlushAsync);
        }
    }

    /// <summary>Writes what was recorded (called before the response starts; callable earlier).</summary>
    public async Task FlushAsync()
    {
        AuditRecord[] records;
        lock (_lock)
        {
            records = [.. _pending];
            _pending.Clear();
        }
        if (records.Length == 0)
        {
            return;
        }
        await using var db = RegistryDataExtensions.CreateContext(database);
        db.AuditRecords.AddRange(records);
        await db.SaveChangesAsync();
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
