using GraphQL;
using GraphQL.Types;
using OneWindow.Api.Auth;
using OneWindow.Api.Data;
using OneWindow.Api.Events;
using OneWindow.Api.Features.Audit;
using OneWindow.Api.Events.Live;
using OneWindow.Api.GraphQL;
using OneWindow.Api.GraphQL.Schema;

namespace OneWindow.Api.Features.Properties;

/// <summary>A change of a unit in the register, as <c>unitChanged</c> delivers it: the event and the unit after it.</summary>
/// <param name="EventId">The event's id, as in the feed (deduplicate by it).</param>
/// <param name="Type">e.g. <c>unit.seized</c> (docs/events.md).</param>
/// <param name="Property">The unit as the caller may see it now (masked as the <c>property</c> query masks it).</param>
public sealed record UnitChange(string EventId, string Type, DateTime OccurredAt, string UnitCode, PropertyResponse Property);

/// <summary>
/// <c>unitChanged(unitCode)</c> (properties:read): authorised and masked like <c>property(unitCode)</c>. Only changes of
/// the register (<c>unit.*</c>, <c>certificate.*</c>): an application on the unit is its parties' business, not the
/// unit's watchers'; so is a notice addressed to some of them (<c>unit.transferNotice</c>: its watchers hear the
/// <c>unit.transferred</c> of the same change).
/// </summary>
public static class PropertySubscriptions
{
    public static void AddPropertySubscriptions(ObjectGraphType subscription)
    {
        subscription.Field<NonNullGraphType<UnitChangeType>>("unitChanged")
            .Description("Each change of a unit in the register from now on (seizure, mortgage, transfer…), with the unit after it, masked as property(unitCode) masks it. An unknown unit is PROPERTY_NOT_FOUND. Over WebSocket (graphql-transport-ws).")
            .Argument<NonNullGraphType<StringGraphType>>("unitCode")
            .RequireScope(Scopes.PropertiesRead)
            .ResolveStreamAsync(async context =>
            {
                var property = context.Unwrap(await Queries(context).ByUnitCodeAsync(context.GetArgument<string>("unitCode"), context.Caller(), context.CancellationToken));
                var unitCode = property.UnitCode;
                var services = context.RequestServices!;
                return await services.GetRequiredService<LiveEvents>().ObserveAsync(services.GetRequiredService<RegistryDbContext>(),
                    e => e.UnitCode == unitCode && EventTypes.IsRegisterChange(e.Type) && !EventTypes.IsAddressedNotice(e.Type), context.CancellationToken);
            })
            .ResolveAsync(async context =>
            {
                var liveEvent = (LiveEvent)context.Source!;
                var property = context.Unwrap(await Queries(context).ByUnitCodeAsync(liveEvent.UnitCode, context.Caller(), context.CancellationToken));
                // Personal data shown unmasked (to staff, to the unit's holders) is recorded before it leaves, as over HTTP
                // (where the record is written when the response starts: a WebSocket's started with its upgrade).
                await context.RequestServices!.GetRequiredService<PersonalDataAudit>().FlushAsync();
                return new UnitChange(liveEvent.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), liveEvent.Type, liveEvent.OccurredAt, property.UnitCode, property);
            });
    }

    private static PropertyQueries Queries(IResolveFieldContext context) => context.RequestServices!.GetRequiredService<PropertyQueries>();
}

public sealed class UnitChangeType : ObjectGraphType<UnitChange>
{
    public UnitChangeType()
    {
        Name = "UnitChange";
        Description = "A change of a unit in the register: the event and the unit after it.";
        this.RequireScope(Scopes.PropertiesRead);
        Field(c => c.EventId).Description("The event's id, as in the feed (events): deduplicate by it.");
        Field(c => c.Type).Description("e.g. unit.seized (docs/events.md).");
        Field(c => c.OccurredAt);
        Field(c => c.UnitCode);
        Field(c => c.Property, type: typeof(NonNullGraphType<PropertyType>)).Description("The unit after the change, masked as property(unitCode) masks it.");
    }
}
