namespace OneWindow.Api.Auth;

/// <summary>Endpoint metadata naming the scope an endpoint needs (null: anonymous by design).</summary>
public sealed record RequiredScope(string? Scope);

public static class ScopeEndpointExtensions
{
    /// <summary>States the scope the endpoint needs; the partner-access rules enforce it.</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequiredScope(scope));

    /// <summary>States that the endpoint is open to anonymous callers by design.</summary>
    public static TBuilder AllowAnonymousByDesign<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequiredScope(null));
}
