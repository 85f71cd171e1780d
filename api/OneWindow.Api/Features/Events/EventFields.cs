using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.Options;
using OneWindow.Api.Auth;
using OneWindow.Api.Data;
using OneWindow.Api.GraphQL;
using OneWindow.Api.GraphQL.Schema;

namespace OneWindow.Api.Features.Events;

/// <summary>
/// The event feed on the Query root (events:read), the same use case as <c>GET /api/v1/events</c>. A bad cursor is a
/// top-level error with <c>extensions.code</c> INVALID_CURSOR or EVENT_CURSOR_EXPIRED.
/// </summary>
public static class EventFields
{
    public static void AddEventQueries(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<EventPageType>>("events")
            .Description("The caller's events after a cursor, in commit order: its applications' steps and what changed on the units it holds rights on. Replayable within the retention period (docs/events.md).")
            .Argument<StringGraphType>("after", "The nextCursor (or an event's cursor) of an earlier page; absent: from the oldest event kept.")
            .Argument<IntGraphType>("first", "Page size, 1 to 100 (default 50).")
            .RequireScope(Scopes.EventsRead)
            .ResolveAsync(async context =>
            {
                var services = context.RequestServices!;
                var result = await ReadEvents.HandleAsync(context.GetArgument<string?>("after"), context.GetArgument<int?>("first"), context.Caller(),
                    services.GetRequiredService<RegistryDbContext>(), services.GetRequiredService<IOptions<EventsOptions>>(),
                    services.GetRequiredService<TimeProvider>(), context.CancellationToken);
                return context.Unwrap(result);
            });
    }
}

public sealed class EventPageType : ObjectGraphType<EventPage>
{
    public EventPageType()
    {
        Name = "EventPage";
        Description = "A page of the caller's events.";
        this.RequireScope(Scopes.EventsRead);
        Field(p => p.Events, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<EventType>>>));
        Field(p => p.NextCursor, nullable: true).Description("Where to continue: the last event's cursor, or the one given when nothing is new yet.");
        Field(p => p.HasMore).Description("Whether more events are ready now.");
    }
}

public sealed class EventType : ObjectGraphType<EventResponse>
{
    public EventType()
    {
        Name = "Event";
        Description = "Something that happened to an application or a unit (docs/events.md lists the types and who hears them).";
        this.RequireScope(Scopes.EventsRead);
        Field(e => e.Id).Description("The same event always has the same id: deduplicate by it.");
        Field(e => e.Type).Description("e.g. application.submitted, unit.seized.");
        Field(e => e.OccurredAt);
        Field(e => e.BusinessNumber, nullable: true);
        Field(e => e.UnitCode, nullable: true);
        Field<NonNullGraphType<StringGraphType>>("data").Description("The event's data as JSON text: codes, statuses and numbers, never a person's name or ID number in full (unit.transferNotice names the new owners masked).")
            .Resolve(context => context.Source.Data.GetRawText());
        Field(e => e.Cursor).Description("Pass as after to read what came after this event.");
    }
}
