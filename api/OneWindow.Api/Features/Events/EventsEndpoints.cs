using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using OneWindow.Api.Auth;
using OneWindow.Api.Data;
using OneWindow.Api.Errors;

namespace OneWindow.Api.Features.Events;

/// <summary>REST for the event feed (events:read): the same use case as the GraphQL field <c>events</c> (EventFields).</summary>
public static class EventsEndpoints
{
    public static void MapEventsEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/events", List)
            .WithTags("Events")
            .WithName("ListEvents")
            .WithSummary("The caller's events after a cursor, in commit order: its applications' steps and what changed on the units it holds rights on. Replayable from any cursor within the retention period (docs/events.md).")
            .RequireScope(Scopes.EventsRead);
    }

    /// <param name="after">The nextCursor (or an event's cursor) of an earlier page; absent: from the oldest event kept.</param>
    /// <param name="limit">Page size, 1 to 100 (default 50).</param>
    public static async Task<Results<Ok<EventPage>, ProblemHttpResult>> List(
        string? after, int? limit, RegistryDbContext db, IOptions<EventsOptions> options, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        var result = await ReadEvents.HandleAsync(after, limit, Caller.From(context), db, options, time, cancellationToken);
        return result.Error is { } error ? error.ToProblem(context) : TypedResults.Ok(result.Value);
    }
}
