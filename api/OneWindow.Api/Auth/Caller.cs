using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using OneWindow.Api.Errors;
using OpenIddict.Abstractions;

namespace OneWindow.Api.Auth;

/// <summary>Who is asking, as the use cases need it: the principal, its scopes, and the language of the answer.</summary>
public sealed record Caller(ClaimsPrincipal User, bool English)
{
    public static Caller From(HttpContext context) => new(context.User, ErrorMessages.PrefersEnglish(context));

    public bool IsAuthenticated => User.Identity?.IsAuthenticated == true;

    /// <summary>The OAuth client the token was issued to (a partner's client, or the portal a person signed in through).</summary>
    public string? ClientId => IsAuthenticated ? TokenFacts.Of(User).ClientId : null;

    /// <summary>The partner organisation behind a client-credentials token.</summary>
    public long? PartnerId => IsAuthenticated ? TokenFacts.Of(User).PartnerId : null;

    /// <summary>The signed-in person behind an authorization-code token.</summary>
    public long? PersonId => IsAuthenticated ? TokenFacts.Of(User).PersonId : null;

    /// <summary>The resident ID number of record of a signed-in person (from the database per request, never from the token).</summary>
    public string? IdNumber => IsAuthenticated ? User.FindFirst(RegistryClaims.IdNumber)?.Value : null;

    /// <summary>The name the audit log records: a client id or a person's user name.</summary>
    public string Name => User.FindFirst(OpenIddictConstants.Claims.Name)?.Value ?? ClientId ?? "anonymous";

    /// <summary>
    /// Who owns what this caller submits and uploads: <c>partner:{id}</c> for a partner (whichever of its clients
    /// calls), <c>person:{id}</c> for a signed-in person; null for an anonymous caller.
    /// </summary>
    public string? SubjectKey => PartnerId is { } partner ? $"partner:{partner}" : PersonId is { } person ? $"person:{person}" : null;

    public bool HasScope(string scope) => HasScope(User, scope);

    public bool IsStaff => HasScope(Scopes.RegistryStaff);

    public bool IsOperator => HasScope(Scopes.PlatformAdmin);

    /// <summary>A citizen: a signed-in person who is neither staff nor operator.</summary>
    public bool IsCitizen => PersonId is not null && !IsStaff && !IsOperator;

    public static bool HasScope(ClaimsPrincipal user, string scope) => user.Identity?.IsAuthenticated == true && TokenFacts.Of(user).Scopes.Contains(scope);
}

/// <summary>
/// What a principal's token says of the caller, read from its claims once per principal: a validated token's
/// principal serves every request with the token (ValidatedTokens), so its claims are not searched again on each.
/// Note: principals are never changed once authenticated (AccessStatus makes a new one when claims must change).
/// </summary>
internal sealed class TokenFacts
{
    private static readonly ConditionalWeakTable<ClaimsPrincipal, TokenFacts> Known = new();

    private TokenFacts(ClaimsPrincipal user)
    {
        ClientId = user.FindFirst(OpenIddictConstants.Claims.ClientId)?.Value;
        PartnerId = long.TryParse(user.FindFirst(RegistryClaims.PartnerId)?.Value, out var partner) ? partner : null;
        PersonId = long.TryParse(user.FindFirst(RegistryClaims.PersonId)?.Value, out var person) ? person : null;
        var scopes = user.GetScopes();
        Scopes = scopes.ToFrozenSet(StringComparer.Ordinal);
        ScopeSignature = "+" + string.Join(' ', scopes.Order(StringComparer.Ordinal));
        StatusKey = PartnerId is not null ? AccessStatus.ClientKey(ClientId) : PersonId is { } id ? AccessStatus.PersonKey(id) : null;
    }

    public string? ClientId { get; }

    public long? PartnerId { get; }

    public long? PersonId { get; }

    public FrozenSet<string> Scopes { get; }

    /// <summary>The token's scopes in ordinal order, after a <c>+</c>: what GraphQL's scope rule and document cache key on.</summary>
    public string ScopeSignature { get; }

    /// <summary>Whose status <see cref="AccessStatus"/> checks: a partner's client, a person, or no one.</summary>
    public string? StatusKey { get; }

    public static TokenFacts Of(ClaimsPrincipal user) => Known.GetValue(user, static principal => new TokenFacts(principal));
}
