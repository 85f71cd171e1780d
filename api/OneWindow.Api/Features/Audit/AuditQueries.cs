using System.Globalization;
using GraphQL;
using GraphQL.Types;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Auth;
using OneWindow.Api.Data;
using OneWindow.Api.Errors;
using OneWindow.Api.Features.Properties;
using OneWindow.Api.GraphQL;
using OneWindow.Api.GraphQL.Schema;
using OneWindow.Domain.Privacy;

namespace OneWindow.Api.Features.Audit;

/// <summary>An audit record as operators see it.</summary>
public sealed record AuditRecordResponse(long Id, DateTime OccurredAt, string Caller, string CallerKind, string Subject, string Fields, string Purpose, string? TraceId);

public sealed record AuditPage(IReadOnlyList<AuditRecordResponse> Items, string? NextCursor);

/// <summary>
/// Operators (<c>platform:admin</c>) read the audit log of personal-data reads, newest first. A record names the
/// caller (a client id or user name) and the subject (a unit code or business number), never whose data it was; the
/// one free text, the caller's stated purpose, may quote an ID number, which an operator sees masked like any
/// partner (operators are not registry staff).
/// </summary>
public sealed class AuditQueries(RegistryDbContext db)
{
    public async Task<Result<AuditPage>> FindAsync(string? subject, string? caller, DateTime? from, DateTime? to, int? limit, string? after, CancellationToken cancellationToken)
    {
        var size = limit ?? 50;
        if (size is < 1 or > 200)
        {
            return ApiError.BadRequest(ErrorCodes.InvalidLimit, "limit");
        }
        long? before = null;
        if (!string.IsNullOrEmpty(after))
        {
            if (!long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                return ApiError.BadRequest(ErrorCodes.InvalidCursor, "after");
            }
            before = id;
        }
        var query = db.AuditRecords.AsNoTracking();
        if (!string.IsNullOrEmpty(subject))
        {
            query = query.Where(r => r.Subject == subject);
        }
        if (!string.IsNullOrEmpty(caller))
        {
            query = query.Where(r => r.Caller == caller);
        }
        if (from is { } start)
        {
            query = query.Where(r => r.OccurredAt >= start.ToUniversalTime());
        }
        if (to is { } end)
        {
            query = query.Where(r => r.OccurredAt < end.ToUniversalTime());
        }
        if (before is { } b)
        {
            query = query.Where(r => r.Id < b);
        }
        var rows = await query.OrderByDescending(r => r.Id).Take(size + 1)
            .Select(r => new AuditRecordResponse(r.Id, r.OccurredAt, r.Caller, r.CallerKind, r.Subject, r.Fields, r.Purpose, r.TraceId))
            .ToListAsync(cancellationToken);
        var page = rows.Count > size ? rows[..size] : rows;
        return new AuditPage(
            [.. page.Select(r => r with { OccurredAt = DateTime.SpecifyKind(r.OccurredAt, DateTimeKind.Utc), Purpose = PersonalDataMasking.MaskIn(r.Purpose, []) })],
            rows.Count > size ? page[^1].Id.ToString(CultureInfo.InvariantCulture) : null);
    }
}

public static class AuditEndpoints
{
    public static void MapAuditEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/admin/audit", FindAuditRecords)
            .WithName("FindAuditRecords")
            .WithTags("Administration")
            .WithSummary("The audit log of personal-data reads (who read whose name or ID number, when, why), newest first.")
            .RequireScope(Scopes.PlatformAdmin);
    }

    /// <param name="subject">e.g. unit:441202001001GB00001F00010101</param>
    /// <param name="caller">A client id or a person's user name.</param>
    /// <param name="after">The nextCursor of the previous page.</param>
    /// <param name="limit">1 to 200 (default 50).</param>
    public static async Task<Results<Ok<AuditPage>, ProblemHttpResult>> FindAuditRecords(
        string? subject, string? caller, DateTime? from, DateTime? to, int? limit, string? after,
        AuditQueries queries, HttpContext context, CancellationToken cancellationToken)
    {
        var page = await queries.FindAsync(subject, caller, from, to, limit, after, cancellationToken);
        return page.Error is { } error ? error.ToProblem(context) : TypedResults.Ok(page.Value);
    }
}

public sealed class AuditRecordType : ObjectGraphType<AuditRecordResponse>
{
    public AuditRecordType()
    {
        Name = "AuditRecord";
        Description = "One read of unmasked personal data.";
        this.RequireScope(Scopes.PlatformAdmin);
        Field(r => r.Id);
        Field(r => r.OccurredAt);
        Field(r => r.Caller);
        Field(r => r.CallerKind);
        Field(r => r.Subject);
        Field(r => r.Fields);
        Field(r => r.Purpose);
        Field(r => r.TraceId, nullable: true);
    }
}

public sealed class AuditPageType : ObjectGraphType<AuditPage>
{
    public AuditPageType()
    {
        Name = "AuditPage";
        this.RequireScope(Scopes.PlatformAdmin);
        Field(p => p.Items, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<AuditRecordType>>>));
        Field(p => p.NextCursor, nullable: true);
    }
}

public static class AuditFields
{
    public static void AddAuditFields(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<AuditPageType>>("auditRecords")
            .Description("The audit log of personal-data reads, newest first (operators).")
            .Argument<StringGraphType>("subject")
            .Argument<StringGraphType>("caller")
            .Argument<DateTimeGraphType>("from")
            .Argument<DateTimeGraphType>("to")
            .Argument<IntGraphType>("first")
            .Argument<StringGraphType>("after")
            .RequireScope(Scopes.PlatformAdmin)
            .ResolveAsync(async context =>
            {
                var page = await context.RequestServices!.GetRequiredService<AuditQueries>().FindAsync(
                    context.GetArgument<string?>("subject"), context.GetArgument<string?>("caller"),
                    context.GetArgument<DateTime?>("from"), context.GetArgument<DateTime?>("to"),
                    context.GetArgument<int?>("first"), context.GetArgument<string?>("after"), context.CancellationToken);
                return page.Error is { } error ? throw RegistryError.From(error, PropertyFields.CallerOf(context).English) : page.Value;
            });
    }
}
