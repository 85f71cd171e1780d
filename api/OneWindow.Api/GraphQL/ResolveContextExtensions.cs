using GraphQL;
using OneWindow.Api.Auth;
using OneWindow.Api.Errors;

namespace OneWindow.Api.GraphQL;

/// <summary>
/// What every feature's resolvers need from a field context: the caller, and a use case's result as the value or a
/// top-level error with <c>extensions.code</c>. One copy for all features (STYLE.md: one GraphQL helper set).
/// </summary>
public static class ResolveContextExtensions
{
    /// <summary>The caller of a GraphQL request, from its user context.</summary>
    public static Caller Caller(this IResolveFieldContext context) =>
        RegistryUserContext.From(context) is { } user ? new Caller(user.User, user.PrefersEnglish) : new Caller(context.User ?? new(), English: false);

    /// <summary>The value, or the error as a top-level GraphQL error in the caller's language.</summary>
    public static T Unwrap<T>(this IResolveFieldContext context, Result<T> result) =>
        result.Error is { } error ? throw RegistryError.From(error, context.Caller().English) : result.Value!;
}
