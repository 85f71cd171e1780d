using System.Globalization;
using GraphQL;
using GraphQL.Types;
using GraphQL.Types.Relay;
using GraphQL.Types.Relay.DataObjects;
using Microsoft.Extensions.Options;
using OneWindow.Api.Auth;
using OneWindow.Api.Data;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Errors;
using OneWindow.Api.GraphQL;
using OneWindow.Api.GraphQL.Schema;

namespace OneWindow.Api.Features.Webhooks;

/// <summary>
/// A partner's webhook endpoints over GraphQL (webhooks:manage): the same use cases as <c>/api/v1/webhooks</c>
/// (<see cref="ManageWebhooks"/>, <see cref="WebhookDeliveries"/>), the same codes. Mutations report expected failures
/// in their payload's <c>errors</c>; a caller that is not a partner gets a top-level FORBIDDEN, as on REST a 403.
/// Another partner's endpoint is not found (null, or WEBHOOK_NOT_FOUND in a payload).
/// </summary>
public static class WebhookFields
{
    public static void AddWebhookQueries(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<WebhookType>>>>("webhooks")
            .Description("The partner's webhook endpoints, oldest first. Never their secrets.")
            .RequireScope(Scopes.WebhooksManage)
            .ResolveAsync(async context =>
            {
                var result = await ManageWebhooks.ListAsync(context.Caller(), Db(context), context.CancellationToken);
                return context.Unwrap(result).Items;
            });

        query.Field<WebhookType>("webhook")
            .Description("One of the partner's endpoints; null when it has none with this id.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .RequireScope(Scopes.WebhooksManage)
            .ResolveAsync(async context =>
            {
                var result = await ManageWebhooks.GetAsync(Text(context.GetArgument<object>("id")), context.Caller(), Db(context), context.CancellationToken);
                return result.Error is { Code: ErrorCodes.WebhookNotFound } ? null : context.Unwrap(result);
            });
    }

    public static void AddWebhookMutations(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<RegisterWebhookPayloadType>>("registerWebhook")
            .Description("Registers an endpoint for the partner's events. The payload carries its signing secret: the only time it is shown.")
            .Argument<NonNullGraphType<RegisterWebhookInputType>>("input")
            .RequireScope(Scopes.WebhooksManage)
            .ResolveAsync(async context =>
            {
                var input = context.GetArgument<RegisterWebhookInput>("input");
                var services = context.RequestServices!;
                var result = await ManageWebhooks.RegisterAsync(new RegisterWebhookRequest(input.Url, input.EventTypes, input.Description), context.Caller(), Db(context),
                    services.GetRequiredService<WebhookSecrets>(), services.GetRequiredService<IOptions<WebhooksOptions>>(), services.GetRequiredService<TimeProvider>(),
                    context.CancellationToken);
                return SecretPayload(result, context);
            });

        mutation.Field<NonNullGraphType<UpdateWebhookPayloadType>>("updateWebhook")
            .Description("Changes an endpoint's URL, event types or description; absent fields stay. The secret and the queue stay.")
            .Argument<NonNullGraphType<UpdateWebhookInputType>>("input")
            .RequireScope(Scopes.WebhooksManage)
            .ResolveAsync(async context =>
            {
                var input = context.GetArgument<UpdateWebhookInput>("input");
                var result = await ManageWebhooks.UpdateAsync(input.WebhookId, new UpdateWebhookRequest(input.Url, input.EventTypes, input.Description),
                    context.Caller(), Db(context), context.RequestServices!.GetRequiredService<IOptions<WebhooksOptions>>(), context.CancellationToken);
                return Payload(result, context, (webhook, errors) => new WebhookPayload(webhook, errors));
            });

        mutation.Field<NonNullGraphType<RotateWebhookSecretPayloadType>>("rotateWebhookSecret")
            .Description("Replaces the signing secret (shown once); the previous one keeps signing beside it for Webhooks:RotationOverlap. Of two racing rotations the second is refused with CONCURRENT_CHANGE.")
            .Argument<NonNullGraphType<WebhookIdInputType>>("input")
            .RequireScope(Scopes.WebhooksManage)
            .ResolveAsync(async context =>
            {
                var input = context.GetArgument<WebhookIdInput>("input");
                var services = context.RequestServices!;
                var result = await ManageWebhooks.RotateSecretAsync(input.WebhookId, context.Caller(), Db(context), services.GetRequiredService<WebhookSecrets>(),
                    services.GetRequiredService<IOptions<WebhooksOptions>>(), services.GetRequiredService<TimeProvider>(), context.CancellationToken);
                return SecretPayload(result, context);
            });

        mutation.Field<NonNullGraphType<DeleteWebhookPayloadType>>("deleteWebhook")
            .Description("Deletes an endpoint with its queue and delivery log; nothing more is sent to it.")
            .Argument<NonNullGraphType<WebhookIdInputType>>("input")
            .RequireScope(Scopes.WebhooksManage)
            .ResolveAsync(async context =>
            {
                var input = context.GetArgument<WebhookIdInput>("input");
                var error = await ManageWebhooks.DeleteAsync(input.WebhookId, context.Caller(), Db(context), context.CancellationToken);
                var result = error is null ? new Result<string>(input.WebhookId, null) : new Result<string>(null, error);
                return Payload(result, context, (id, errors) => new DeleteWebhookPayload(id, errors));
            });

        mutation.Field<NonNullGraphType<RedeliverWebhookDeliveryPayloadType>>("redeliverWebhookDelivery")
            .Description("Sends a dead-lettered or delivered delivery again, from the first attempt of the retry schedule, in its place in its application's order.")
            .Argument<NonNullGraphType<RedeliverWebhookDeliveryInputType>>("input")
            .RequireScope(Scopes.WebhooksManage)
            .ResolveAsync(async context =>
            {
                var input = context.GetArgument<RedeliverWebhookDeliveryInput>("input");
                var result = await WebhookDeliveries.RedeliverAsync(input.WebhookId, input.DeliveryId, context.Caller(), Db(context),
                    context.RequestServices!.GetRequiredService<TimeProvider>(), context.CancellationToken);
                return Payload(result, context, (delivery, errors) => new WebhookDeliveryPayload(delivery, errors));
            });
    }

    /// <summary>An endpoint's delivery log as a connection, newest first (the same page as REST's).</summary>
    internal static async Task<Connection<WebhookDeliveryResponse>> DeliveriesAsync(IResolveFieldContext<WebhookResponse> context)
    {
        var status = context.GetArgument<WebhookDeliveryStatus?>("status") switch
        {
            WebhookDeliveryStatus.Pending => "PENDING",
            WebhookDeliveryStatus.Delivered => "DELIVERED",
            WebhookDeliveryStatus.DeadLettered => "DEAD_LETTERED",
            _ => null,
        };
        var after = context.GetArgument<string?>("after");
        var result = await WebhookDeliveries.ListAsync(context.Source.Id, status, after, context.GetArgument<int?>("first"), context.Caller(), Db(context),
            context.CancellationToken);
        var page = context.Unwrap(result);
        var edges = page.Items.Select(d => new Edge<WebhookDeliveryResponse>
        {
            Node = d, Cursor = WebhookDeliveries.Cursor.Encode(long.Parse(d.Id, CultureInfo.InvariantCulture)),
        }).ToList();
        return new Connection<WebhookDeliveryResponse>
        {
            Edges = edges,
            PageInfo = new PageInfo
            {
                HasNextPage = page.NextCursor is not null,
                HasPreviousPage = !string.IsNullOrEmpty(after),
                StartCursor = edges.FirstOrDefault()?.Cursor,
                EndCursor = edges.LastOrDefault()?.Cursor,
            },
        };
    }

    private static TPayload Payload<T, TPayload>(Result<T> result, IResolveFieldContext context, Func<T?, IReadOnlyList<UserError>, TPayload> create) =>
        result.Error switch
        {
            null => create(result.Value, []),
            // Not a partner: refused at the top level, as the authorization rule refuses a token without the scope.
            { Status: StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden } refused => throw RegistryError.From(refused, context.Caller().English),
            { } error => create(default, [UserError.From(error, context.Caller().English)]),
        };

    private static WebhookSecretPayload SecretPayload(Result<WebhookSecretResponse> result, IResolveFieldContext context)
    {
        var payload = Payload(result, context, (value, errors) => new WebhookSecretPayload(value?.Webhook, value?.Secret, errors));
        if (payload.Secret is not null && RegistryUserContext.From(context) is { } user)
        {
            // Note: the answer carries a secret; no cache keeps it.
            Partners.PartnersEndpoints.NoStore(user.HttpContext);
        }
        return payload;
    }

    private static RegistryDbContext Db(IResolveFieldContext context) => context.RequestServices!.GetRequiredService<RegistryDbContext>();

    /// <summary>An ID argument as text: ids arrive as strings or numbers.</summary>
    private static string? Text(object? value) => value switch
    {
        null => null,
        string s => s,
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };
}

public sealed record RegisterWebhookInput(string? Url, IReadOnlyList<string?>? EventTypes, string? Description);

public sealed record UpdateWebhookInput(string? WebhookId, string? Url, IReadOnlyList<string?>? EventTypes, string? Description);

public sealed record WebhookIdInput(string? WebhookId);

public sealed record RedeliverWebhookDeliveryInput(string? WebhookId, string? DeliveryId);

public sealed record WebhookPayload(WebhookResponse? Webhook, IReadOnlyList<UserError> Errors);

public sealed record WebhookSecretPayload(WebhookResponse? Webhook, string? Secret, IReadOnlyList<UserError> Errors);

public sealed record DeleteWebhookPayload(string? DeletedWebhookId, IReadOnlyList<UserError> Errors);

public sealed record WebhookDeliveryPayload(WebhookDeliveryResponse? Delivery, IReadOnlyList<UserError> Errors);

public sealed class WebhookType : ObjectGraphType<WebhookResponse>
{
    public WebhookType()
    {
        Name = "Webhook";
        Description = "A partner's webhook endpoint (docs/events.md, Webhooks). Never its secret.";
        this.RequireScope(Scopes.WebhooksManage);
        Field(w => w.Id, type: typeof(NonNullGraphType<IdGraphType>)).Description("The endpoint id, as in the REST paths.");
        Field(w => w.Url).Description("Where the events are POSTed.");
        Field(w => w.EventTypes, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>))
            .Description("Event types, families such as unit.*, or *.");
        Field(w => w.Description, nullable: true);
        Field(w => w.CreatedAt);
        Field(w => w.SecretExpiresAt).Description("After this nothing is delivered until the secret is rotated (a warning event comes before).");
        Field(w => w.PreviousSecretExpiresAt, nullable: true).Description("During a rotation: until when the previous secret also signs.");
        Field<NonNullGraphType<WebhookDeliveryConnectionType>>("deliveries")
            .Description("The delivery log, newest first, each delivery with its attempts; status DEAD_LETTERED lists the dead letters.")
            .Argument<WebhookDeliveryStatusType>("status", "Only deliveries in this state.")
            .Argument<IntGraphType>("first", "Page size, 1 to 100 (default 20).")
            .Argument<StringGraphType>("after", "The endCursor of the previous page.")
            .ResolveAsync(async context => await WebhookFields.DeliveriesAsync(context));
    }
}

public sealed class WebhookDeliveryStatusType : EnumerationGraphType<WebhookDeliveryStatus>
{
    public WebhookDeliveryStatusType()
    {
        Name = "WebhookDeliveryStatus";
        Description = "PENDING (waiting or retrying), DELIVERED, or DEAD_LETTERED (every attempt failed; redeliver it).";
    }
}

public sealed class WebhookDeliveryType : ObjectGraphType<WebhookDeliveryResponse>
{
    public WebhookDeliveryType()
    {
        Name = "WebhookDelivery";
        Description = "One event queued for an endpoint, with its attempts.";
        this.RequireScope(Scopes.WebhooksManage);
        Field(d => d.Id, type: typeof(NonNullGraphType<IdGraphType>));
        Field(d => d.EventId).Description("The event's id, as in the feed and the body sent.");
        Field(d => d.EventType);
        Field(d => d.Status, type: typeof(NonNullGraphType<WebhookDeliveryStatusType>));
        Field(d => d.Attempts).Description("Attempts since it was queued or last redelivered.");
        Field(d => d.CreatedAt);
        Field(d => d.NextAttemptAt, nullable: true).Description("When it is tried next; only while PENDING.");
        Field(d => d.DeliveredAt, nullable: true);
        Field(d => d.DeadLetteredAt, nullable: true);
        Field(d => d.AttemptLog, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<WebhookAttemptType>>>)).Description("Each attempt, oldest first.");
    }
}

public sealed class WebhookAttemptType : ObjectGraphType<WebhookAttemptResponse>
{
    public WebhookAttemptType()
    {
        Name = "WebhookAttempt";
        Description = "One attempt of a delivery.";
        this.RequireScope(Scopes.WebhooksManage);
        Field(a => a.Number);
        Field(a => a.AttemptedAt);
        Field(a => a.StatusCode, nullable: true).Description("The answer's HTTP status; null when none came (see error).");
        Field(a => a.Error, nullable: true).Description("TIMEOUT, CONNECTION_FAILED or ADDRESS_NOT_ALLOWED when no answer came.");
        Field(a => a.ResponseExcerpt, nullable: true).Description("At most 1 KB of the answer's body.");
        Field(a => a.DurationMs);
    }
}

public sealed class WebhookDeliveryEdgeType : EdgeType<WebhookDeliveryType>
{
    public WebhookDeliveryEdgeType()
    {
        Name = "WebhookDeliveryEdge";
        this.RequireScope(Scopes.WebhooksManage);
    }
}

public sealed class WebhookDeliveryConnectionType : ConnectionType<WebhookDeliveryType, WebhookDeliveryEdgeType>
{
    public WebhookDeliveryConnectionType()
    {
        Name = "WebhookDeliveryConnection";
        this.RequireScope(Scopes.WebhooksManage);
    }
}

public sealed class RegisterWebhookInputType : InputObjectGraphType<RegisterWebhookInput>
{
    public RegisterWebhookInputType()
    {
        Name = "RegisterWebhookInput";
        Field(r => r.Url, nullable: true).Description("https URL (public address) the events are POSTed to; at most 2048 characters.");
        Field(r => r.EventTypes, type: typeof(ListGraphType<StringGraphType>)).Description("Event types (docs/events.md), families such as unit.*, or *; 1 to 50.");
        Field(r => r.Description, nullable: true).Description("Optional note for the partner's own use, at most 200 characters.");
    }
}

public sealed class UpdateWebhookInputType : InputObjectGraphType<UpdateWebhookInput>
{
    public UpdateWebhookInputType()
    {
        Name = "UpdateWebhookInput";
        Field(r => r.WebhookId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(r => r.Url, nullable: true).Description("A new https URL, checked as at registration; absent: unchanged.");
        Field(r => r.EventTypes, type: typeof(ListGraphType<StringGraphType>)).Description("A new list of event types (replaces the old one); absent: unchanged.");
        Field(r => r.Description, nullable: true).Description("A new note, at most 200 characters; empty removes it; absent: unchanged.");
    }
}

public sealed class WebhookIdInputType : InputObjectGraphType<WebhookIdInput>
{
    public WebhookIdInputType()
    {
        Name = "WebhookIdInput";
        Field(r => r.WebhookId, type: typeof(NonNullGraphType<IdGraphType>));
    }
}

public sealed class RedeliverWebhookDeliveryInputType : InputObjectGraphType<RedeliverWebhookDeliveryInput>
{
    public RedeliverWebhookDeliveryInputType()
    {
        Name = "RedeliverWebhookDeliveryInput";
        Field(r => r.WebhookId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(r => r.DeliveryId, type: typeof(NonNullGraphType<IdGraphType>)).Description("A delivery of the endpoint's log.");
    }
}

public abstract class WebhookPayloadTypeBase<T> : ObjectGraphType<T>
{
    protected WebhookPayloadTypeBase(string name)
    {
        Name = name;
        this.RequireScope(Scopes.WebhooksManage);
    }
}

public sealed class RegisterWebhookPayloadType : WebhookPayloadTypeBase<WebhookSecretPayload>
{
    public RegisterWebhookPayloadType() : base("RegisterWebhookPayload")
    {
        Field(p => p.Webhook, type: typeof(WebhookType)).Description("The new endpoint; null when refused.");
        Field(p => p.Secret, nullable: true).Description("Its signing secret: shown this once, never retrievable again.");
        Field(p => p.Errors, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>));
    }
}

public sealed class RotateWebhookSecretPayloadType : WebhookPayloadTypeBase<WebhookSecretPayload>
{
    public RotateWebhookSecretPayloadType() : base("RotateWebhookSecretPayload")
    {
        Field(p => p.Webhook, type: typeof(WebhookType)).Description("The endpoint; null when refused.");
        Field(p => p.Secret, nullable: true).Description("The new signing secret: shown this once, never retrievable again.");
        Field(p => p.Errors, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>));
    }
}

public sealed class UpdateWebhookPayloadType : WebhookPayloadTypeBase<WebhookPayload>
{
    public UpdateWebhookPayloadType() : base("UpdateWebhookPayload")
    {
        Field(p => p.Webhook, type: typeof(WebhookType)).Description("The endpoint as changed; null when refused.");
        Field(p => p.Errors, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>));
    }
}

public sealed class DeleteWebhookPayloadType : WebhookPayloadTypeBase<DeleteWebhookPayload>
{
    public DeleteWebhookPayloadType() : base("DeleteWebhookPayload")
    {
        Field(p => p.DeletedWebhookId, type: typeof(IdGraphType)).Description("The deleted endpoint's id; null when refused.");
        Field(p => p.Errors, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>));
    }
}

public sealed class RedeliverWebhookDeliveryPayloadType : WebhookPayloadTypeBase<WebhookDeliveryPayload>
{
    public RedeliverWebhookDeliveryPayloadType() : base("RedeliverWebhookDeliveryPayload")
    {
        Field(p => p.Delivery, type: typeof(WebhookDeliveryType)).Description("The delivery, PENDING again; null when refused.");
        Field(p => p.Errors, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>));
    }
}
