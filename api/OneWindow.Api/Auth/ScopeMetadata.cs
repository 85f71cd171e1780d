using Microsoft.AspNetCore.Authorization;

namespace OneWindow.Api.Auth;

/// <summary>
/// Endpoint metadata naming the scopes an endpoint accepts: a token carrying any one of <see cref="AnyOf"/> (usually
/// exactly one). Empty: anonymous by design.
/// </summary>
public sealed record RequiredScope(IReadOnlyList<string> AnyOf)
{
    /// <summary>One scope, or null for an endpoint that is anonymous by design.</summary>
    public RequiredScope(string? scope) : this(scope is null ? [] : [scope])
    {
    }

    public bool IsAnonymous => AnyOf.Count == 0;

    /// <summary>Whether a caller holding these scopes gets in.</summary>
    public bool IsMetBy(IEnumerable<string> granted) => IsAnonymous || granted.Any(AnyOf.Contains);

    public override string ToString() => IsAnonymous ? "anonymous" : string.Join(" or ", AnyOf);
}

public static class ScopeEndpointExtensions
{
    /// <summary>The endpoint needs a token carrying this scope: none → 401 UNAUTHENTICATED, without it → 403 FORBIDDEN.</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequiredScope(scope)).RequireAuthorization(scope);

    /// <summary>
    /// The endpoint needs a token carrying at least one of these scopes (e.g. uploads: applicants hold
    /// applications:submit, courts seizures:submit): none → 401 UNAUTHENTICATED, none of them → 403 FORBIDDEN.
    /// </summary>
    public static TBuilder RequireAnyScope<TBuilder>(this TBuilder builder, params string[] scopes) where TBuilder : IEndpointConventionBuilder
    {
        if (scopes.Length == 0 || scopes.Any(s => !Scopes.All.Contains(s)))
        {
            throw new ArgumentException("name one or more of the contract's scopes", nameof(scopes));
        }
        string[] anyOf = [.. scopes.Distinct()];
        // Note: the same checks as the per-scope policies of RegistryAuth: an authenticated user (a token the default
        // scheme accepted and AccessStatusMiddleware did not clear), then the scope claim; no scheme named here, or the
        // token would be authenticated again and a revoked client's token would pass. Failures are answered by
        // ProblemAuthorizationResultHandler (401/403 problem details) like every other policy.
        var policy = new AuthorizationPolicyBuilder()
            .RequireAuthenticatedUser()
            .RequireAssertion(context => anyOf.Any(scope => Caller.HasScope(context.User, scope)))
            .Build();
        return builder.WithMetadata(new RequiredScope(anyOf)).RequireAuthorization(policy);
    }

    /// <summary>The endpoint is open to anonymous callers by design (stated, so the authorization matrix knows).</summary>
    public static TBuilder AllowAnonymousByDesign<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequiredScope((string?)null)).AllowAnonymous();
}
