using GraphQL;
using GraphQL.Types;
using OneWindow.Api.Auth;
using OneWindow.Api.Data;
using OneWindow.Api.Events;
using OneWindow.Api.Features.Audit;
using OneWindow.Api.Events.Live;
using OneWindow.Api.GraphQL;
using OneWindow.Api.GraphQL.Schema;

namespace OneWindow.Api.Features.Applications;

/// <summary>A step of an application, as <c>applicationProgressChanged</c> delivers it: the event and the progress after it.</summary>
/// <param name="EventId">The event's id, as in the feed (deduplicate by it).</param>
/// <param name="Type">e.g. <c>application.accepted</c> (docs/events.md).</param>
public sealed record ApplicationProgressChange(string EventId, string Type, DateTime OccurredAt, ApplicationProgressResponse Progress);

/// <summary>
/// <c>applicationProgressChanged(businessNumber)</c> (applications:read): authorised like <c>application</c> — its
/// submitter, its parties (by identity of record) and staff; anyone else gets APPLICATION_NOT_FOUND, as for an unknown
/// number. Checked when subscribing and again for every event, which is read with the caller's authority at delivery.
/// </summary>
public static class ApplicationSubscriptions
{
    public static void AddApplicationSubscriptions(ObjectGraphType subscription)
    {
        subscription.Field<NonNullGraphType<ApplicationProgressChangeType>>("applicationProgressChanged")
            .Description("Each step of an application from now on (accepted, under review, recorded…), with its progress after the step. For its submitter, its parties and staff; others get APPLICATION_NOT_FOUND. Over WebSocket (graphql-transport-ws).")
            .Argument<NonNullGraphType<StringGraphType>>("businessNumber")
            .RequireScope(Scopes.ApplicationsRead)
            .ResolveStreamAsync(async context =>
            {
                var progress = context.Unwrap(await Queries(context).ProgressForAsync(context.GetArgument<string>("businessNumber"), context.Caller(), context.CancellationToken));
                var businessNumber = progress.BusinessNumber;
                var services = context.RequestServices!;
                return await services.GetRequiredService<LiveEvents>().ObserveAsync(services.GetRequiredService<RegistryDbContext>(),
                    e => e.BusinessNumber == businessNumber && EventTypes.IsApplicationStep(e.Type), context.CancellationToken);
            })
            .ResolveAsync(async context =>
            {
                var liveEvent = (LiveEvent)context.Source!;
                var progress = context.Unwrap(await Queries(context).ProgressForAsync(liveEvent.BusinessNumber, context.Caller(), context.CancellationToken));
                // Nothing personal travels in the progress; flushed all the same, so a future field cannot leave unrecorded.
                await context.RequestServices!.GetRequiredService<PersonalDataAudit>().FlushAsync();
                return new ApplicationProgressChange(liveEvent.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), liveEvent.Type, liveEvent.OccurredAt, progress);
            });
    }

    private static ApplicationQueries Queries(IResolveFieldContext context) => context.RequestServices!.GetRequiredService<ApplicationQueries>();
}

public sealed class ApplicationProgressChangeType : ObjectGraphType<ApplicationProgressChange>
{
    public ApplicationProgressChangeType()
    {
        Name = "ApplicationProgressChange";
        Description = "A step of an application: the event and the application's progress after it.";
        this.RequireScope(Scopes.ApplicationsRead);
        Field(c => c.EventId).Description("The event's id, as in the feed (events): deduplicate by it.");
        Field(c => c.Type).Description("e.g. application.accepted (docs/events.md).");
        Field(c => c.OccurredAt);
        Field(c => c.Progress, type: typeof(NonNullGraphType<ApplicationProgressType>)).Description("Status, deadline and timeline after the step, nothing personal.");
    }
}
