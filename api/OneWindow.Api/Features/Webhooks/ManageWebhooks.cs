using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneWindow.Api.Auth;
using OneWindow.Api.Data;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Errors;

namespace OneWindow.Api.Features.Webhooks;

/// <summary>
/// A partner's endpoints (webhooks:manage): register, list, read, delete, rotate the secret. Every endpoint belongs to
/// the caller's partner, from its token of record; another partner's endpoint is answered as not found.
/// </summary>
public static class ManageWebhooks
{
    public const int MaxDescription = 200;

    public static async Task<Result<WebhookSecretResponse>> RegisterAsync(
        RegisterWebhookRequest? request, Caller caller, RegistryDbContext db, WebhookSecrets secrets, IOptions<WebhooksOptions> options, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (caller.PartnerId is not { } partnerId)
        {
            return new ApiError(ErrorCodes.Forbidden, StatusCodes.Status403Forbidden);
        }
        if (string.IsNullOrWhiteSpace(request?.Url))
        {
            return ApiError.BadRequest(ErrorCodes.FieldRequired, "url");
        }
        var (url, reason) = await WebhookUrls.CheckAsync(request.Url, options.Value, cancellationToken);
        if (url is null)
        {
            return ApiError.BadRequest(ErrorCodes.InvalidWebhookUrl, "url", reason);
        }
        if (WebhookEventTypes.Normalise(request.EventTypes) is not { } types)
        {
            return ApiError.BadRequest(ErrorCodes.InvalidWebhookEventTypes, "eventTypes");
        }
        var description = request.Description?.Trim();
        if (description is { Length: > MaxDescription } || (description?.Any(char.IsControl) ?? false))
        {
            return ApiError.BadRequest(ErrorCodes.InvalidText, "description", description!.Length > MaxDescription ? $"AT_MOST_{MaxDescription}_CHARACTERS" : "CONTROL_CHARACTERS");
        }
        if (await db.WebhookEndpoints.CountAsync(e => e.PartnerId == partnerId, cancellationToken) >= options.Value.MaxEndpointsPerPartner)
        {
            return new ApiError(ErrorCodes.TooManyWebhooks, StatusCodes.Status409Conflict);
        }
        var now = time.GetUtcNow().UtcDateTime;
        var secret = WebhookSecrets.NewSecret();
        var endpoint = new WebhookEndpoint
        {
            PartnerId = partnerId, Url = url.AbsoluteUri, EventTypes = types, Description = string.IsNullOrEmpty(description) ? null : description,
            CreatedAt = now, ProtectedSecret = secrets.Protect(secret), SecretCreatedAt = now, SecretExpiresAt = now + options.Value.SecretLifetime,
            // It hears what comes after its creation; the feed has what came before.
            LastPosition = await db.OutboxEvents.MaxAsync(e => e.Position, cancellationToken) ?? 0,
        };
        db.WebhookEndpoints.Add(endpoint);
        await db.SaveChangesAsync(cancellationToken);
        return new WebhookSecretResponse(WebhookResponse.From(endpoint), secret);
    }

    public static async Task<Result<WebhookList>> ListAsync(Caller caller, RegistryDbContext db, CancellationToken cancellationToken)
    {
        if (caller.PartnerId is not { } partnerId)
        {
            return new ApiError(ErrorCodes.Forbidden, StatusCodes.Status403Forbidden);
        }
        var endpoints = await db.WebhookEndpoints.AsNoTracking().Where(e => e.PartnerId == partnerId).OrderBy(e => e.Id).ToListAsync(cancellationToken);
        return new WebhookList([.. endpoints.Select(WebhookResponse.From)]);
    }

    public static async Task<Result<WebhookResponse>> GetAsync(string? id, Caller caller, RegistryDbContext db, CancellationToken cancellationToken)
    {
        var endpoint = await FindAsync(id, caller, db, tracked: false, cancellationToken);
        return endpoint is null ? ApiError.NotFound(ErrorCodes.WebhookNotFound) : WebhookResponse.From(endpoint);
    }

    /// <summary>Deletes the endpoint with its queue and delivery log; nothing more is sent to it.</summary>
    public static async Task<ApiError?> DeleteAsync(string? id, Caller caller, RegistryDbContext db, CancellationToken cancellationToken)
    {
        var endpoint = await FindAsync(id, caller, db, tracked: true, cancellationToken);
        if (endpoint is null)
        {
            return ApiError.NotFound(ErrorCodes.WebhookNotFound);
        }
        db.WebhookEndpoints.Remove(endpoint);
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>
    /// A new secret (shown once) that signs from now on; the previous one signs beside it for
    /// <see cref="WebhooksOptions.RotationOverlap"/>, so the receiver can switch without refusing a delivery. A rotation
    /// during an overlap ends the older secret's overlap at once.
    /// </summary>
    public static async Task<Result<WebhookSecretResponse>> RotateSecretAsync(
        string? id, Caller caller, RegistryDbContext db, WebhookSecrets secrets, IOptions<WebhooksOptions> options, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var endpoint = await FindAsync(id, caller, db, tracked: true, cancellationToken);
        if (endpoint is null)
        {
            return ApiError.NotFound(ErrorCodes.WebhookNotFound);
        }
        var now = time.GetUtcNow().UtcDateTime;
        var secret = WebhookSecrets.NewSecret();
        // An expired secret signs nothing any more: no overlap for it.
        var overlap = endpoint.SecretExpiresAt > now ? now + options.Value.RotationOverlap : (DateTime?)null;
        endpoint.PreviousProtectedSecret = overlap is null ? null : endpoint.ProtectedSecret;
        endpoint.PreviousSecretExpiresAt = overlap is { } until && until > endpoint.SecretExpiresAt ? endpoint.SecretExpiresAt : overlap;
        endpoint.ProtectedSecret = secrets.Protect(secret);
        endpoint.SecretCreatedAt = now;
        endpoint.SecretExpiresAt = now + options.Value.SecretLifetime;
        endpoint.ExpiryWarnedAt = null;
        await db.SaveChangesAsync(cancellationToken);
        return new WebhookSecretResponse(WebhookResponse.From(endpoint), secret);
    }

    internal static async Task<WebhookEndpoint?> FindAsync(string? id, Caller caller, RegistryDbContext db, bool tracked, CancellationToken cancellationToken)
    {
        if (caller.PartnerId is not { } partnerId || !long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var endpointId))
        {
            return null;
        }
        var query = tracked ? db.WebhookEndpoints : db.WebhookEndpoints.AsNoTracking();
        return await query.SingleOrDefaultAsync(e => e.Id == endpointId && e.PartnerId == partnerId, cancellationToken);
    }
}
