using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Data;
using OneWindow.Api.Data.Entities;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Oidc = OpenIddict.Abstractions.OpenIddictConstants;

namespace OneWindow.Api.Auth;

/// <summary>
/// /connect/token and /connect/authorize: OpenIddict validates the protocol (client secrets, PKCE, codes, scope
/// permissions); these handlers decide who the token is for and which of the requested scopes it carries.
/// </summary>
public static class TokenEndpoints
{
    public static void MapTokenEndpoints(this WebApplication app)
    {
        app.MapPost("/connect/token", (Delegate)ExchangeAsync).ExcludeFromDescription().AllowAnonymousByDesign().DisableAntiforgery();
        app.MapMethods("/connect/authorize", ["GET", "POST"], (Delegate)AuthorizeAsync).ExcludeFromDescription().AllowAnonymousByDesign().DisableAntiforgery();
        app.MapMethods("/connect/logout", ["GET", "POST"], (Delegate)LogoutAsync).ExcludeFromDescription().AllowAnonymousByDesign().DisableAntiforgery();
    }

    private static async Task<IResult> ExchangeAsync(HttpContext context, RegistryDbContext db)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        if (request.IsClientCredentialsGrantType())
        {
            // OpenIddict has checked the client's secret (RegistryApplicationManager: current or within grace,
            // client active, partner approved) and that the requested scopes are among its permissions.
            var client = await db.PartnerClients.AsNoTracking().Include(c => c.Partner)
                .SingleOrDefaultAsync(c => c.ClientId == request.ClientId, context.RequestAborted);
            if (client is null || client.Status != ClientStatus.Active || client.Partner!.Status != PartnerStatus.Approved)
            {
                return Refuse(Oidc.Errors.InvalidClient, "The client is not active.");
            }
            var allowed = PartnerScopes.For(client.Partner.Kind);
            var requested = request.GetScopes();
            if (requested.Any(s => !allowed.Contains(s)))
            {
                return Refuse(Oidc.Errors.InvalidScope, "A requested scope is not available to this partner.");
            }
            var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Oidc.Claims.Name, Oidc.Claims.Role);
            identity.SetClaim(Oidc.Claims.Subject, client.ClientId)
                .SetClaim(Oidc.Claims.ClientId, client.ClientId)
                .SetClaim(Oidc.Claims.Name, client.ClientId)
                .SetClaim(RegistryClaims.PartnerId, client.PartnerId.ToString(CultureInfo.InvariantCulture))
                .SetClaim(RegistryClaims.PartnerKind, client.Partner.Kind.ToString());
            identity.SetScopes(requested.IsEmpty ? allowed : requested);
            identity.SetResources(RegistryAuth.Audience);
            identity.SetDestinations(_ => [Oidc.Destinations.AccessToken]);
            return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }
        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            // The code or refresh token carries the principal built at /connect/authorize; re-check the person.
            var principal = (await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal;
            var personId = principal?.GetClaim(RegistryClaims.PersonId);
            if (principal is null || personId is null
                || !await db.People.AnyAsync(p => p.Id == long.Parse(personId, CultureInfo.InvariantCulture) && !p.Disabled, context.RequestAborted))
            {
                return Refuse(Oidc.Errors.InvalidGrant, "The account is no longer active.");
            }
            return Results.SignIn(principal!, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }
        return Refuse(Oidc.Errors.UnsupportedGrantType, "The grant type is not supported.");
    }

    /// <summary>
    /// The person must be signed in (the sign-in page sets a cookie); the code is issued for the requested scopes
    /// their account may hold.
    /// </summary>
    private static async Task<IResult> AuthorizeAsync(HttpContext context, RegistryDbContext db)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var cookie = await context.AuthenticateAsync(RegistryAuth.CookieScheme);
        var signedIn = cookie.Principal?.FindFirst(RegistryClaims.PersonId)?.Value;
        var person = signedIn is null ? null
            : await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == long.Parse(signedIn, CultureInfo.InvariantCulture) && !p.Disabled, context.RequestAborted);
        if (person is null || request.HasPromptValue(Oidc.PromptValues.Login))
        {
            if (request.HasPromptValue(Oidc.PromptValues.None))
            {
                return Refuse(Oidc.Errors.LoginRequired, "The person is not signed in.");
            }
            var returnUrl = context.Request.PathBase + context.Request.Path + QueryString.Create(
                context.Request.HasFormContentType ? [.. context.Request.Form] : [.. context.Request.Query]);
            return Results.Challenge(new AuthenticationProperties { RedirectUri = returnUrl }, [RegistryAuth.CookieScheme]);
        }

        var allowed = PartnerScopes.For(person.Kind);
        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Oidc.Claims.Name, Oidc.Claims.Role);
        identity.SetClaim(Oidc.Claims.Subject, $"person:{person.Id}")
            .SetClaim(Oidc.Claims.Name, person.UserName)
            .SetClaim(RegistryClaims.PersonId, person.Id.ToString(CultureInfo.InvariantCulture))
            .SetClaim(RegistryClaims.PersonKind, person.Kind.ToString());
        // Note: the token names the person by subject id only, never by ID number (tokens end up in logs and in other
        // hands); the host reads the ID number of record per request (AccessStatus).
        var oidc = new[] { Oidc.Scopes.OpenId, Oidc.Scopes.Profile, Oidc.Scopes.OfflineAccess };
        identity.SetScopes(request.GetScopes().Where(s => allowed.Contains(s) || oidc.Contains(s)));
        identity.SetResources(RegistryAuth.Audience);
        identity.SetDestinations(claim => claim.Type == Oidc.Claims.Name && identity.HasScope(Oidc.Scopes.Profile)
            ? [Oidc.Destinations.AccessToken, Oidc.Destinations.IdentityToken]
            : [Oidc.Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> LogoutAsync(HttpContext context)
    {
        await context.SignOutAsync(RegistryAuth.CookieScheme);
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    /// <summary>An OAuth error response (invalid_client, invalid_scope, …), written by OpenIddict.</summary>
    private static IResult Refuse(string error, string description) =>
        Results.Forbid(
            new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
            }),
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
