namespace OneWindow.Api.Auth;

/// <summary>Endpoint metadata naming the scope an endpoint needs (null: anonymous by design).</summary>
public sealed record RequiredScope(string? Scope);

public static class ScopeEndpointExtensions
{
    /// <summary>The endpoint needs a token carrying this scope: none → 401 UNAUTHENTICATED, without it → 403 FORBIDDEN.</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequiredScope(scope)).RequireAuthorization(scope);

    /// <summary>The endpoint is open to anonymous callers by design (stated, so the authorization matrix knows).</summary>
    public static TBuilder AllowAnonymousByDesign<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequiredScope(null)).AllowAnonymous();
}
