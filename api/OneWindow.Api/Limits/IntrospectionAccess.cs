using GraphQL.Validation;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;
using OneWindow.Api.Data;
using OneWindow.Api.Errors;
using OneWindow.Api.GraphQL;

namespace OneWindow.Api.Limits;

/// <summary>
/// Introspection (<c>__schema</c>, <c>__type</c>) only for callers with a token, unless
/// <see cref="LimitsOptions.AnonymousIntrospection"/> opens it (by default in Development and on the embedded default,
/// where the explorer page reads the schema). <c>__typename</c> stays open to everyone. A validation rule registered
/// in DI, so it runs on cached documents too (it depends on the caller).
/// </summary>
internal sealed class IntrospectionAccess : ValidationRuleBase
{
    private static readonly MatchingNodeVisitor<GraphQLField> Visitor = new((field, context) =>
    {
        if (field.Name.Value == "__schema" || field.Name.Value == "__type")
        {
            var english = context.UserContext is RegistryUserContext user && user.PrefersEnglish;
            var error = new RegistryError(ErrorCodes.IntrospectionDisabled, ErrorMessages.For(ErrorCodes.IntrospectionDisabled, english));
            context.ReportError(new ValidationError(context.Document.Source, number: null, error.Message, error, field));
        }
    });

    private readonly bool _anonymousAllowed;

    public IntrospectionAccess(IOptions<LimitsOptions> options, IHostEnvironment environment, RegistryDatabase? database = null)
    {
        _anonymousAllowed = options.Value.AnonymousIntrospection ?? (environment.IsDevelopment() || database?.IsEmbedded == true);
    }

    /// <summary>True when the caller may read the schema: anyone with a token, or anyone where it is opened.</summary>
    public bool Allows(System.Security.Claims.ClaimsPrincipal? user) => _anonymousAllowed || user?.Identity?.IsAuthenticated == true;

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) =>
        Allows(context.User) ? default : new(Visitor);
}
