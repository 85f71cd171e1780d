using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using OneWindow.Api.Data;
using OneWindow.Api.Data.Entities;

namespace OneWindow.Api.Auth;

/// <summary>
/// Whether the client or person behind a valid token may still act. Read from the database at most once per
/// <see cref="AuthOptions.StatusCheckInterval"/> per instance: the documented bound on how long a revoked client's,
/// suspended partner's or disabled person's existing tokens keep working. (New tokens are refused at once.)
/// </summary>
public sealed class AccessStatus(IServiceScopeFactory scopes, IOptions<AuthOptions> options)
{
    private readonly MemoryCache _known = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    public async ValueTask<bool> IsActiveAsync(Caller caller, CancellationToken cancellationToken)
    {
        var key = caller.PartnerId is not null ? $"client:{caller.ClientId}" : caller.PersonId is { } person ? $"person:{person}" : null;
        if (key is null)
        {
            return true;
        }
        if (_known.TryGetValue(key, out bool active))
        {
            return active;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        active = caller.PartnerId is not null
            ? await db.PartnerClients.AnyAsync(c => c.ClientId == caller.ClientId && c.Status == ClientStatus.Active && c.Partner!.Status == PartnerStatus.Approved, cancellationToken)
            : await db.People.AnyAsync(p => p.Id == caller.PersonId && !p.Disabled, cancellationToken);
        _known.Set(key, active, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = options.Value.StatusCheckInterval, Size = 1 });
        return active;
    }

    /// <summary>Forgets what this instance knew about a client or person (after an operator changed it here).</summary>
    public void Forget(string? clientId = null, long? personId = null)
    {
        if (clientId is not null)
        {
            _known.Remove($"client:{clientId}");
        }
        if (personId is not null)
        {
            _known.Remove($"person:{personId}");
        }
    }
}

/// <summary>Treats a valid token of a revoked client, suspended partner or disabled person as no token at all.</summary>
internal sealed class AccessStatusMiddleware(RequestDelegate next, AccessStatus status)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.User.Identity?.IsAuthenticated == true && !await status.IsActiveAsync(Caller.From(context), context.RequestAborted))
        {
            context.User = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity());
        }
        await next(context);
    }
}
