using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using OneWindow.Api.Auth;
using OneWindow.Api.Data;
using OneWindow.Api.Errors;

namespace OneWindow.Api.Features.Webhooks;

/// <summary>REST for a partner's webhook endpoints (webhooks:manage): <c>/api/v1/webhooks…</c>.</summary>
public static class WebhooksEndpoints
{
    public static void MapWebhooksEndpoints(this RouteGroupBuilder api)
    {
        var webhooks = api.MapGroup("/webhooks").WithTags("Webhooks").RequireScope(Scopes.WebhooksManage);

        webhooks.MapPost("", Register)
            .WithName("RegisterWebhook")
            .WithSummary("Registers an endpoint for the partner's events. The answer carries its signing secret: the only time it is shown.");

        webhooks.MapGet("", List)
            .WithName("ListWebhooks")
            .WithSummary("The partner's endpoints. Never their secrets.");

        webhooks.MapGet("/{webhookId}", Get)
            .WithName("GetWebhook")
            .WithSummary("One of the partner's endpoints.");

        webhooks.MapPatch("/{webhookId}", Update)
            .WithName("UpdateWebhook")
            .WithSummary("Changes an endpoint's URL, event types or description; absent fields stay. The secret and the queue stay.");

        webhooks.MapDelete("/{webhookId}", Delete)
            .WithName("DeleteWebhook")
            .WithSummary("Deletes an endpoint with its queue and delivery log.");

        webhooks.MapPost("/{webhookId}/rotate-secret", RotateSecret)
            .WithName("RotateWebhookSecret")
            .WithSummary("Replaces the signing secret (shown once); the previous one keeps signing beside it for Webhooks:RotationOverlap.");

        webhooks.MapGet("/{webhookId}/deliveries", ListDeliveries)
            .WithName("ListWebhookDeliveries")
            .WithSummary("The endpoint's deliveries, newest first, each with its attempts (time, status, response excerpt, duration).");

        webhooks.MapPost("/{webhookId}/deliveries/{deliveryId}/redeliver", Redeliver)
            .WithName("RedeliverWebhookDelivery")
            .WithSummary("Sends a dead-lettered or delivered delivery again, from the first attempt of the retry schedule.");
    }

    public static async Task<Results<Created<WebhookSecretResponse>, ProblemHttpResult>> Register(
        [FromBody] RegisterWebhookRequest? request, RegistryDbContext db, WebhookSecrets secrets, IOptions<WebhooksOptions> options, TimeProvider time,
        HttpContext context, CancellationToken cancellationToken)
    {
        var result = await ManageWebhooks.RegisterAsync(request, Caller.From(context), db, secrets, options, time, cancellationToken);
        if (result.Error is { } error)
        {
            return error.ToProblem(context);
        }
        Partners.PartnersEndpoints.NoStore(context);
        return TypedResults.Created($"/api/v1/webhooks/{result.Value!.Webhook.Id}", result.Value);
    }

    public static async Task<Results<Ok<WebhookList>, ProblemHttpResult>> List(RegistryDbContext db, HttpContext context, CancellationToken cancellationToken)
    {
        var result = await ManageWebhooks.ListAsync(Caller.From(context), db, cancellationToken);
        return result.Error is { } error ? error.ToProblem(context) : TypedResults.Ok(result.Value);
    }

    public static async Task<Results<Ok<WebhookResponse>, ProblemHttpResult>> Get(
        string webhookId, RegistryDbContext db, HttpContext context, CancellationToken cancellationToken)
    {
        var result = await ManageWebhooks.GetAsync(webhookId, Caller.From(context), db, cancellationToken);
        return result.Error is { } error ? error.ToProblem(context) : TypedResults.Ok(result.Value);
    }

    public static async Task<Results<Ok<WebhookResponse>, ProblemHttpResult>> Update(
        string webhookId, [FromBody] UpdateWebhookRequest? request, RegistryDbContext db, IOptions<WebhooksOptions> options, HttpContext context,
        CancellationToken cancellationToken)
    {
        var result = await ManageWebhooks.UpdateAsync(webhookId, request, Caller.From(context), db, options, cancellationToken);
        return result.Error is { } error ? error.ToProblem(context) : TypedResults.Ok(result.Value);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        string webhookId, RegistryDbContext db, HttpContext context, CancellationToken cancellationToken)
    {
        var error = await ManageWebhooks.DeleteAsync(webhookId, Caller.From(context), db, cancellationToken);
        return error is not null ? error.ToProblem(context) : TypedResults.NoContent();
    }

    public static async Task<Results<Ok<WebhookSecretResponse>, ProblemHttpResult>> RotateSecret(
        string webhookId, RegistryDbContext db, WebhookSecrets secrets, IOptions<WebhooksOptions> options, TimeProvider time,
        HttpContext context, CancellationToken cancellationToken)
    {
        var result = await ManageWebhooks.RotateSecretAsync(webhookId, Caller.From(context), db, secrets, options, time, cancellationToken);
        if (result.Error is { } error)
        {
            return error.ToProblem(context);
        }
        Partners.PartnersEndpoints.NoStore(context);
        return TypedResults.Ok(result.Value);
    }

    /// <param name="status">PENDING, DELIVERED or DEAD_LETTERED.</param>
    /// <param name="after">The nextCursor of the previous page.</param>
    /// <param name="limit">Page size, 1 to 100 (default 20).</param>
    public static async Task<Results<Ok<WebhookDeliveryPage>, ProblemHttpResult>> ListDeliveries(
        string webhookId, string? status, string? after, int? limit, RegistryDbContext db, HttpContext context, CancellationToken cancellationToken)
    {
        var result = await WebhookDeliveries.ListAsync(webhookId, status, after, limit, Caller.From(context), db, cancellationToken);
        return result.Error is { } error ? error.ToProblem(context) : TypedResults.Ok(result.Value);
    }

    public static async Task<Results<Accepted<WebhookDeliveryResponse>, ProblemHttpResult>> Redeliver(
        string webhookId, string deliveryId, RegistryDbContext db, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        var result = await WebhookDeliveries.RedeliverAsync(webhookId, deliveryId, Caller.From(context), db, time, cancellationToken);
        return result.Error is { } error ? error.ToProblem(context) : TypedResults.Accepted((string?)null, result.Value);
    }
}
