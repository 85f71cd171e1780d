using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using OpenIddict.Validation.AspNetCore;

namespace OneWindow.Api.Auth;

/// <summary>
/// The default authentication scheme of the API: a bearer token already validated by this instance is not validated
/// again. The first request with a token goes to OpenIddict's validation (signature, lifetime, audience, issuer); a
/// success is kept in memory under the token (and the address it came to) until the token expires (at most <see cref="MaxAge"/>), and later
/// requests with the same token get a copy of its principal (AccessStatusMiddleware changes a person's claims per
/// request). Failures are never kept. Challenges and forbids go to OpenIddict, so a refused token is answered as before.
/// Note: this changes nothing about revocation. Access tokens are self-contained JWTs checked locally; a revoked
/// client, suspended partner or disabled person is refused by <see cref="AccessStatus"/> on every request, cached
/// ticket or not. docs/performance.md measures what the cache saves.
/// </summary>
internal sealed class CachedTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ValidatedTokens tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "OneWindow.Bearer";

    /// <summary>How long a validated token is kept at most, whatever its lifetime.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(10);

    private const string Bearer = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        // Kept per address the request came to as well: without a configured issuer, OpenIddict checks the token's
        // issuer against the request's own base address, so a token valid at one address need not be at another.
        var key = header.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase) && header.Length > Bearer.Length
            ? $"{Request.Scheme}://{Request.Host}{Request.PathBase} {header[Bearer.Length..].Trim()}"
            : null;
        if (key is not null && tokens.TryGet(key, TimeProvider.GetUtcNow()) is { } known)
        {
            return AuthenticateResult.Success(known);
        }
        var result = await Context.AuthenticateAsync(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
        if (key is not null && result.Succeeded)
        {
            tokens.Keep(key, result.Ticket, TimeProvider.GetUtcNow());
        }
        return result;
    }

    public static void Configure(AuthenticationSchemeOptions options)
    {
        options.ForwardChallenge = OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme;
        options.ForwardForbid = OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme;
    }
}

/// <summary>The tickets of tokens validated by this instance, bounded in number (<see cref="CachedTokenAuthenticationHandler"/>).</summary>
internal sealed class ValidatedTokens : IDisposable
{
    private const int Capacity = 20_000;

    private readonly MemoryCache _tickets = new(new MemoryCacheOptions { SizeLimit = Capacity });

    public AuthenticationTicket? TryGet(string key, DateTimeOffset now)
    {
        if (!_tickets.TryGetValue(key, out AuthenticationTicket? ticket) || ticket is null)
        {
            return null;
        }
        if (ticket.Properties.ExpiresUtc is { } expires && expires <= now)
        {
            _tickets.Remove(key);
            return null;
        }
        // A copy: the principal's identities and claims are changed per request (a person's ID number of record).
        return new AuthenticationTicket(ticket.Principal.Clone(), ticket.Properties.Clone(), ticket.AuthenticationScheme);
    }

    public void Keep(string key, AuthenticationTicket ticket, DateTimeOffset now)
    {
        var until = now + CachedTokenAuthenticationHandler.MaxAge;
        if (ticket.Properties.ExpiresUtc is { } expires && expires < until)
        {
            until = expires;
        }
        if (until <= now)
        {
            return;
        }
        var copy = new AuthenticationTicket(ticket.Principal.Clone(), ticket.Properties.Clone(), ticket.AuthenticationScheme);
        _tickets.Set(key, copy, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpiration = until });
    }

    /// <summary>Tickets held now.</summary>
    public int Count => _tickets.Count;

    /// <summary>Forgets a ticket (the warm-up's own, when it is done).</summary>
    public void Remove(string key) => _tickets.Remove(key);

    public void Dispose() => _tickets.Dispose();
}
