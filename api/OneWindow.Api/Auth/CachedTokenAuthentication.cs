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
/// requests with the same token get its principal, shared and never changed (AccessStatus gives a person's request a
/// principal of its own). Failures are never kept. On the API's own paths <see cref="ApiAuthenticationMiddleware"/>
/// looks the token up before any handler is made. Challenges and forbids go to OpenIddict, so a refused token is answered as before.
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

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = TokenKey.For(Request);
        if (key is { } known && tokens.TryGet(known, TimeProvider.GetUtcNow()) is { } ticket)
        {
            return AuthenticateResult.Success(ticket);
        }
        var result = await Context.AuthenticateAsync(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
        if (key is { } validated && result.Succeeded)
        {
            tokens.Keep(validated, result.Ticket, TimeProvider.GetUtcNow());
        }
        return result;
    }

    public static void Configure(AuthenticationSchemeOptions options)
    {
        options.ForwardChallenge = OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme;
        options.ForwardForbid = OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme;
    }
}

/// <summary>
/// What a validated token is kept under: the address the request came to (without a configured issuer, OpenIddict
/// checks the token's issuer against the request's own base address, so a token valid at one address need not be at
/// another) and the <c>Authorization</c> header in the form <c>Bearer &lt;token&gt;</c>. Made from strings the request
/// already holds, so a lookup copies nothing.
/// </summary>
internal readonly record struct TokenKey(string Scheme, string Host, string PathBase, string Authorization)
{
    private const string Bearer = "Bearer ";

    /// <summary>The key of a request's bearer token; null when it has none.</summary>
    public static TokenKey? For(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.Length <= Bearer.Length || !header.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        // The usual form is kept as it came; any other spelling of the same token ("bearer", spaces) is rewritten.
        if (!header.StartsWith(Bearer, StringComparison.Ordinal) || char.IsWhiteSpace(header[Bearer.Length]) || char.IsWhiteSpace(header[^1]))
        {
            var token = header[Bearer.Length..].Trim();
            if (token.Length == 0)
            {
                return null;
            }
            header = Bearer + token;
        }
        return new TokenKey(request.Scheme, request.Host.Value ?? "", request.PathBase.Value ?? "", header);
    }

    /// <summary>The key of a token sent to an address (the warm-up's own).</summary>
    public static TokenKey For(Uri address, string token) =>
        new(address.Scheme, address.Authority, "", Bearer + token);
}

/// <summary>
/// The tickets of tokens validated by this instance, bounded in number (<see cref="CachedTokenAuthenticationHandler"/>).
/// Note: a kept ticket and its principal are handed to every request with the token at once, so nothing may change
/// them; a request that needs other claims gets a principal of its own (<see cref="AccessStatus.ApplyAsync"/>).
/// </summary>
internal sealed class ValidatedTokens : IDisposable
{
    private const int Capacity = 20_000;

    private readonly MemoryCache _tickets = new(new MemoryCacheOptions { SizeLimit = Capacity });

    public AuthenticationTicket? TryGet(TokenKey key, DateTimeOffset now)
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
        return ticket;
    }

    public void Keep(TokenKey key, AuthenticationTicket ticket, DateTimeOffset now)
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
        // A copy: what the validation handed back stays the caller's to change.
        var copy = new AuthenticationTicket(ticket.Principal.Clone(), ticket.Properties.Clone(), ticket.AuthenticationScheme);
        _tickets.Set(key, copy, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpiration = until });
    }

    /// <summary>Tickets held now.</summary>
    public int Count => _tickets.Count;

    /// <summary>Forgets a ticket (the warm-up's own, when it is done).</summary>
    public void Remove(TokenKey key) => _tickets.Remove(key);

    public void Dispose() => _tickets.Dispose();
}
