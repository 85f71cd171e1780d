using System.Diagnostics;
using System.Security.Claims;
using GraphQL.Execution;
using OneWindow.Api.Errors;

namespace OneWindow.Api.GraphQL;

/// <summary>
/// The user context of every GraphQL execution (<c>ExecutionOptions.UserContext</c>): who calls, over which HTTP
/// request, in which language. Resolvers (<c>IResolveFieldContext</c>) and validation rules (<c>ValidationContext</c>)
/// get it with <see cref="From"/>.
/// </summary>
public sealed class RegistryUserContext : Dictionary<string, object?>
{
    private bool? _prefersEnglish;

    public RegistryUserContext(HttpContext httpContext)
    {
        HttpContext = httpContext;
        User = httpContext.User;
    }

    public HttpContext HttpContext { get; }

    /// <summary>The authenticated caller (anonymous when no token was sent); also in <c>ExecutionOptions.User</c>.</summary>
    public ClaimsPrincipal User { get; }

    /// <summary>True when the caller asked for English (<c>Accept-Language: en</c>); messages are Chinese otherwise.</summary>
    public bool PrefersEnglish => _prefersEnglish ??= ErrorMessages.PrefersEnglish(HttpContext);

    /// <summary>The id partners quote to the platform: the W3C trace id, as in the REST problem details.</summary>
    public string TraceId => Activity.Current?.TraceId.ToString() ?? HttpContext.TraceIdentifier;

    /// <summary>The context of this execution, or null when it was started without one (e.g. by a test or a tool).</summary>
    public static RegistryUserContext? From(IProvideUserContext context) => context.UserContext as RegistryUserContext;
}
