using System.Security.Claims;
using OneWindow.Api.Errors;

namespace OneWindow.Api.Auth;

/// <summary>Who is asking, as the use cases need it: the principal, its scopes, and the language of the answer.</summary>
public sealed record Caller(ClaimsPrincipal User, bool English)
{
    public static Caller From(HttpContext context) => new(context.User, ErrorMessages.PrefersEnglish(context));

    /// <summary>The resident ID number of a signed-in person (citizen), from their token.</summary>
    public string? IdNumber => User.Identity?.IsAuthenticated == true ? User.FindFirst(RegistryClaims.IdNumber)?.Value : null;

    public bool HasScope(string scope) =>
        User.Identity?.IsAuthenticated == true
        && User.FindAll(RegistryClaims.Scope).Any(c => c.Value.Split(' ').Contains(scope, StringComparer.Ordinal));

    public bool IsStaff => HasScope(Scopes.RegistryStaff);
}
