using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using OneWindow.Api.Data;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Errors;

namespace OneWindow.Api.Auth;

/// <summary>
/// Whether the client or person behind a valid token may still act, and a person's identity of record (their resident
/// ID number, which access tokens never carry: they name the person by a subject id only). Read from the database at
/// most once per <see cref="AuthOptions.StatusCheckInterval"/> per instance: the documented bound on how long a revoked
/// client's, suspended partner's or disabled person's existing tokens keep working. (New tokens are refused at once.)
/// </summary>
public sealed class AccessStatus(IServiceScopeFactory scopes, IOptions<AuthOptions> options)
{
    private readonly MemoryCache _known = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    /// <summary>What the database says of the caller: whether it may act, and a person's ID number of record.</summary>
    public sealed record State(bool Active, string? IdNumber);

    private static readonly State Anonymous = new(true, null);

    public async ValueTask<bool> IsActiveAsync(Caller caller, CancellationToken cancellationToken) =>
        (await StateAsync(caller, cancellationToken)).Active;

    public async ValueTask<State> StateAsync(Caller caller, CancellationToken cancellationToken)
    {
        var key = caller.IsAuthenticated ? TokenFacts.Of(caller.User).StatusKey : null;
        if (key is null)
        {
            return Anonymous;
        }
        if (_known.TryGetValue(key, out State? known))
        {
            return known!;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        State state;
        if (caller.PartnerId is not null)
        {
            state = new(await db.PartnerClients.AnyAsync(c => c.ClientId == caller.ClientId && c.Status == ClientStatus.Active && c.Partner!.Status == PartnerStatus.Approved, cancellationToken), null);
        }
        else
        {
            var row = await db.People.AsNoTracking().Where(p => p.Id == caller.PersonId).Select(p => new { p.Disabled, p.IdNumber }).SingleOrDefaultAsync(cancellationToken);
            state = new(row is { Disabled: false }, row?.IdNumber);
        }
        _known.Set(key, state, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = options.Value.StatusCheckInterval, Size = 1 });
        return state;
    }

    /// <summary>
    /// The principal a validated token stands for now: no one (an anonymous principal) when its client is revoked, its
    /// partner suspended or its person disabled; else a principal with a person's ID number of record
    /// (<see cref="RegistryClaims.IdNumber"/>) from the database, whatever the token said about it dropped first. Every
    /// transport applies it after validating a token (HTTP in <see cref="AccessStatusMiddleware"/>, GraphQL over WebSocket
    /// at <c>connection_init</c>).
    /// </summary>
    /// <remarks>
    /// The principal it is given is never changed: validated tokens share theirs between requests
    /// (<see cref="ValidatedTokens"/>). When the claims must change, the answer is a new principal; a partner's
    /// principal, which carries no ID number, is returned as it came.
    /// </remarks>
    public async ValueTask<System.Security.Claims.ClaimsPrincipal> ApplyAsync(System.Security.Claims.ClaimsPrincipal user, bool english, CancellationToken cancellationToken)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return user;
        }
        var state = await StateAsync(new Caller(user, english), cancellationToken);
        if (!state.Active)
        {
            return new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity());
        }
        if (user.Identity is not System.Security.Claims.ClaimsIdentity identity
            || (state.IdNumber is null && identity.FindFirst(RegistryClaims.IdNumber) is null))
        {
            return user;
        }
        var own = new System.Security.Claims.ClaimsIdentity(
            identity.Claims.Where(claim => claim.Type != RegistryClaims.IdNumber), identity.AuthenticationType, identity.NameClaimType, identity.RoleClaimType);
        if (state.IdNumber is { } idNumber)
        {
            own.AddClaim(new System.Security.Claims.Claim(RegistryClaims.IdNumber, idNumber));
        }
        var principal = new System.Security.Claims.ClaimsPrincipal(own);
        principal.AddIdentities(user.Identities.Where(other => !ReferenceEquals(other, identity)));
        return principal;
    }

    internal static string ClientKey(string? clientId) => $"client:{clientId}";

    internal static string PersonKey(long personId) => $"person:{personId}";

    /// <summary>Forgets what this instance knew about a client or person (after an operator changed it here).</summary>
    public void Forget(string? clientId = null, long? personId = null)
    {
        if (clientId is not null)
        {
            _known.Remove(ClientKey(clientId));
        }
        if (personId is not null)
        {
            _known.Remove(PersonKey(personId.Value));
        }
    }
}

/// <summary>
/// Treats a valid token of a revoked client, suspended partner or disabled person as no token at all, and gives a
/// person's principal their ID number of record (<see cref="RegistryClaims.IdNumber"/>) from the database: whatever a
/// token says about it is dropped first.
/// </summary>
internal sealed class AccessStatusMiddleware(RequestDelegate next, AccessStatus status)
{
    public async Task InvokeAsync(HttpContext context)
    {
        context.User = await status.ApplyAsync(context.User, ErrorMessages.PrefersEnglish(context), context.RequestAborted);
        await next(context);
    }
}
