using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneWindow.Api.Auth;
using OneWindow.Api.Data;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Errors;

namespace OneWindow.Api.Features.Webhooks;

/// <summary>
/// A partner's endpoints (webhooks:manage): register, list, read, update, delete, rotate the secret; REST
/// (<see cref="WebhooksEndpoints"/>) and GraphQL (<see cref="WebhookFields"/>) both call these. Every endpoint belongs to
/// the caller's partner, from its token of record; another partner's endpoint is answered as not found. Writes to an
/// endpoint carry its <see cref="WebhookEndpoint.Version"/> as a concurrency token: of two that raced, the second is
/// refused with CONCURRENT_CHANGE and changes nothing (a rotation's secret is never silently lost).
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
        if (CheckDescription(request.Description) is { } refused)
        {
            return refused;
        }
        var description = request.Description?.Trim();
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
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            // Rotated, updated or deleted since it was read: the caller decides again on what is there now.
            db.ChangeTracker.Clear();
            return new ApiError(ErrorCodes.ConcurrentChange, StatusCodes.Status409Conflict);
        }
    }

    /// <summary>
    /// Changes the URL, the event types or the description; what is absent stays as it is (an empty description
    /// removes it). The URL is checked as at registration; the secret and the queue stay.
    /// </summary>
    public static async Task<Result<WebhookResponse>> UpdateAsync(
        string? id, UpdateWebhookRequest? request, Caller caller, RegistryDbContext db, IOptions<WebhooksOptions> options, CancellationToken cancellationToken)
    {
        var endpoint = await FindAsync(id, caller, db, tracked: true, cancellationToken);
        if (endpoint is null)
        {
            return ApiError.NotFound(ErrorCodes.WebhookNotFound);
        }
        if (request is null || (request.Url is null && request.EventTypes is null && request.Description is null))
        {
            return ApiError.BadRequest(ErrorCodes.FieldRequired, "url");
        }
        if (request.Url is not null)
        {
            var (url, reason) = await WebhookUrls.CheckAsync(request.Url, options.Value, cancellationToken);
            if (url is null)
            {
                return ApiError.BadRequest(ErrorCodes.InvalidWebhookUrl, "url", reason);
            }
            endpoint.Url = url.AbsoluteUri;
        }
        if (request.EventTypes is not null)
        {
            if (WebhookEventTypes.Normalise(request.EventTypes) is not { } types)
            {
                return ApiError.BadRequest(ErrorCodes.InvalidWebhookEventTypes, "eventTypes");
            }
            endpoint.EventTypes = types;
        }
        if (request.Description is not null)
        {
            if (CheckDescription(request.Description) is { } refused)
            {
                return refused;
            }
            var description = request.Description.Trim();
            endpoint.Description = description.Length == 0 ? null : description;
        }
        if (await SaveAsync(endpoint, db, cancellationToken) is { } conflict)
        {
            return conflict;
        }
        return WebhookResponse.From(endpoint);
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
        return await RotateSecretAsync(endpoint, db, secrets, options, time, cancellationToken);
    }

    /// <summary>Rotates the secret of an endpoint read (tracked) from <paramref name="db"/>; refused when it changed since.</summary>
    internal static async Task<Result<WebhookSecretResponse>> RotateSecretAsync(
        WebhookEndpoint endpoint, RegistryDbContext db, WebhookSecrets secrets, IOptions<WebhooksOptions> options, TimeProvider time,
        CancellationToken cancellationToken)
    {
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
        if (await SaveAsync(endpoint, db, cancellationToken) is { } conflict)
        {
            return conflict;
        }
        return new WebhookSecretResponse(WebhookResponse.From(endpoint), secret);
    }

    /// <summary>
    /// Saves a change to an endpoint under its version: null when saved, CONCURRENT_CHANGE (409) when another write
    /// (a rotation, an update, a deletion) committed since it was read. Note: the version is ours, not PostgreSQL's
    /// xmin, so the same check holds on SQLite.
    /// </summary>
    private static async Task<ApiError?> SaveAsync(WebhookEndpoint endpoint, RegistryDbContext db, CancellationToken cancellationToken)
    {
        endpoint.Version++;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new ApiError(ErrorCodes.ConcurrentChange, StatusCodes.Status409Conflict);
        }
    }

    private static ApiError? CheckDescription(string? text)
    {
        var description = text?.Trim();
        return description is { Length: > MaxDescription }
            ? ApiError.BadRequest(ErrorCodes.InvalidText, "description", $"AT_MOST_{MaxDescription}_CHARACTERS")
            : description?.Any(char.IsControl) ?? false ? ApiError.BadRequest(ErrorCodes.InvalidText, "description", "CONTROL_CHARACTERS") : null;
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
