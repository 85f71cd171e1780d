using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Features.Authentication;

namespace OneWindow.Api.Auth;

/// <summary>
/// Authentication for every request, in place of ASP.NET Core's <c>UseAuthentication</c>. A request to the API's own
/// paths (<c>/api/v1/…</c>, <c>/graphql</c>) with a bearer token this instance has already validated
/// (<see cref="ValidatedTokens"/>) is authenticated with that token's ticket at once. Every other request goes through
/// ASP.NET Core's own middleware unchanged: it offers the request to OpenIddict's server and validation (their
/// endpoints, and the validation's per-request state a token needs), then authenticates it with the default scheme
/// (<see cref="CachedTokenAuthenticationHandler"/>), which keeps the ticket of a token it validated.
/// </summary>
/// <remarks>
/// Why: offering each API request to OpenIddict's server first cost more than the rest of authentication together
/// (it builds and compares the absolute address of each of its endpoints per request), and none of its endpoints is
/// under the API's paths. docs/performance.md measures it.
/// </remarks>
internal sealed class ApiAuthenticationMiddleware(RequestDelegate next, IAuthenticationSchemeProvider schemes, ValidatedTokens tokens, TimeProvider time)
{
    /// <summary>The key of <c>IApplicationBuilder.Properties</c> by which WebApplication knows authentication is in the pipeline.</summary>
    public const string AuthenticationMiddlewareSetKey = "__AuthenticationMiddlewareSet";

    private readonly AuthenticationMiddleware _aspNetCore = new(next, schemes);

    /// <summary>The API's own paths: REST under <c>/api/v1</c>, GraphQL at <c>/graphql</c>.</summary>
    public static bool IsApiPath(PathString path) =>
        path.StartsWithSegments("/api/v1", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/graphql", StringComparison.OrdinalIgnoreCase);

    public Task InvokeAsync(HttpContext context) =>
        IsApiPath(context.Request.Path) && TokenKey.For(context.Request) is { } key && tokens.TryGet(key, time.GetUtcNow()) is { } ticket
            ? AuthenticatedAsync(context, ticket)
            : _aspNetCore.Invoke(context);

    /// <summary>What ASP.NET Core's middleware does after a successful authentication with the default scheme.</summary>
    private Task AuthenticatedAsync(HttpContext context, AuthenticationTicket ticket)
    {
        context.Features.Set<IAuthenticationFeature>(new AuthenticationFeature
        {
            OriginalPath = context.Request.Path,
            OriginalPathBase = context.Request.PathBase,
        });
        var features = new AuthenticatedFeatures(AuthenticateResult.Success(ticket));
        context.Features.Set<IHttpAuthenticationFeature>(features);
        context.Features.Set<IAuthenticateResultFeature>(features);
        return next(context);
    }

    /// <summary>What ASP.NET Core's authentication middleware sets after a success: the result, and the user it names until one is set.</summary>
    private sealed class AuthenticatedFeatures(AuthenticateResult result) : IAuthenticateResultFeature, IHttpAuthenticationFeature
    {
        private ClaimsPrincipal? _user = result.Principal;
        private AuthenticateResult? _result = result;

        public AuthenticateResult? AuthenticateResult
        {
            get => _result;
            set
            {
                _result = value;
                _user = value?.Principal;
            }
        }

        public ClaimsPrincipal? User
        {
            get => _user;
            set
            {
                _user = value;
                _result = null;
            }
        }
    }
}
