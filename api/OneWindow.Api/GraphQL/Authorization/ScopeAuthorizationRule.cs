using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using GraphQL;
using GraphQL.Validation;
using GraphQLParser.AST;
using OneWindow.Api.Auth;
using OneWindow.Api.Errors;
using OneWindow.Api.GraphQL.Schema;

namespace OneWindow.Api.GraphQL.Authorization;

/// <summary>
/// The one authorization rule of the GraphQL schema (GraphQL.NET's server package, which has one, is not served).
/// Before anything executes, every field the document selects is checked against the scope it needs:
/// the field's own (<c>RequireScope</c> on the field), else its parent object type's, else — for GraphQL.NET's own
/// wrapper types (connections, edges, page info) — the scope of the field that led to it, else any valid token.
/// A root field without a stated scope is refused outright (<c>FIELD_WITHOUT_POLICY</c>), so a new field without a
/// policy fails its first request and the authorization matrix test. No token → <c>UNAUTHENTICATED</c> (HTTP 401),
/// a token without the scope → <c>FORBIDDEN</c> (HTTP 403); either way the request returns no data.
/// </summary>
/// <remarks>
/// The outcome depends only on the document and on who asks (no token, or which scopes), so it is remembered per
/// cached document and scope set: a repeated query is not walked again.
/// </remarks>
public sealed class ScopeAuthorizationRule : ValidationRuleBase
{
    public const string FieldWithoutPolicy = "FIELD_WITHOUT_POLICY";

    private readonly ConditionalWeakTable<GraphQLDocument, ConcurrentDictionary<string, Finding[]>> _outcomes = [];

    /// <summary>One refusal: the code, what to say, and the field it is about.</summary>
    private sealed record Finding(string Code, string Detail, GraphQLField Field);

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        var signature = CallerSignature(context.User);
        var byCaller = _outcomes.GetOrCreateValue(context.Document);
        if (byCaller.TryGetValue(signature, out var known))
        {
            foreach (var finding in known)
            {
                Report(context, finding);
            }
            return default;
        }
        return new(new Visitor(findings => byCaller.TryAdd(signature, findings)));
    }

    /// <summary>
    /// What the rule's outcome depends on besides the document: no token (empty), or a token and its scopes. Also the
    /// key under which <see cref="GraphQLDocumentCache"/> remembers that a document passed its rules for a caller.
    /// </summary>
    internal static string CallerSignature(ClaimsPrincipal? user) =>
        user?.Identity?.IsAuthenticated != true ? "" : TokenFacts.Of(user).ScopeSignature;

    private static void Report(ValidationContext context, Finding finding)
    {
        var english = RegistryUserContext.From(context)?.PrefersEnglish ?? false;
        var error = new RegistryError(finding.Code, $"{ErrorMessages.For(finding.Code, english)} ({finding.Detail})", field: finding.Field.Name.StringValue);
        context.ReportError(new ValidationError(context.Document.Source, "scope", error.Message, error, finding.Field));
    }

    private sealed class Visitor(Action<Finding[]> remember) : INodeVisitor
    {
        private readonly Stack<string?> _scopes = new();
        private readonly List<Finding> _findings = [];
        private bool _unauthenticatedReported;

        public ValueTask EnterAsync(ASTNode node, ValidationContext context)
        {
            if (node is GraphQLField field)
            {
                _scopes.Push(Check(field, context));
            }
            return default;
        }

        public ValueTask LeaveAsync(ASTNode node, ValidationContext context)
        {
            if (node is GraphQLField)
            {
                _scopes.Pop();
            }
            else if (node is GraphQLDocument)
            {
                remember([.. _findings]);
            }
            return default;
        }

        /// <summary>Checks the field and returns the scope the fields below it inherit.</summary>
        private string? Check(GraphQLField field, ValidationContext context)
        {
            var parent = context.TypeInfo.GetParentType()?.GetNamedType();
            var definition = context.TypeInfo.GetFieldDef();
            if (definition is null || parent is null || field.Name.Value.Span.StartsWith("__") || parent.Name.StartsWith("__", StringComparison.Ordinal))
            {
                // Unknown fields are the spec rules' business; introspection is governed by the limits.
                return _scopes.TryPeek(out var inherited) ? inherited : null;
            }
            var isRoot = parent == context.Schema.Query || parent == context.Schema.Mutation || parent == context.Schema.Subscription;
            var scope = definition.RequiredScope()
                ?? (isRoot ? null : parent.RequiredScope())
                ?? (isRoot ? null : _scopes.TryPeek(out var outer) ? outer : ScopeMetadata.Authenticated);
            if (scope is null)
            {
                Report(context, field, FieldWithoutPolicy, $"{parent.Name}.{definition.Name} states no scope.");
                return null;
            }
            if (scope == ScopeMetadata.Anonymous)
            {
                return scope;
            }
            var user = context.User;
            if (user?.Identity?.IsAuthenticated != true)
            {
                // Once: without a token every field below would say the same.
                if (!_unauthenticatedReported)
                {
                    Report(context, field, ErrorCodes.Unauthenticated, $"{definition.Name} needs an access token.");
                    _unauthenticatedReported = true;
                }
            }
            else if (scope != ScopeMetadata.Authenticated && !Caller.HasScope(user, scope))
            {
                Report(context, field, ErrorCodes.Forbidden, $"{definition.Name} needs the scope {scope}.");
            }
            return scope;
        }

        private void Report(ValidationContext context, GraphQLField field, string code, string detail)
        {
            var finding = new Finding(code, detail, field);
            _findings.Add(finding);
            ScopeAuthorizationRule.Report(context, finding);
        }
    }
}
