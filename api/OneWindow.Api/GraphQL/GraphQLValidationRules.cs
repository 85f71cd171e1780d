using GraphQL.Validation;
using OneWindow.Api.GraphQL.Authorization;
using OneWindow.Api.Limits;

namespace OneWindow.Api.GraphQL;

/// <summary>
/// The validation rules of each request, built once. A new document gets the spec's rules, the query limits and every
/// <see cref="IValidationRule"/> registered in DI; a cached document (<see cref="GraphQLDocumentCache"/>) only what can
/// differ from one request to the next: the DI rules (an authorization rule depends on the caller) and the limits
/// when the operation has variables. GET adds <see cref="QueriesOnlyOverGet"/> to both, POST and the WebSocket
/// <see cref="SubscriptionsOverWebSocket"/>.
/// </summary>
/// <remarks>
/// The seam for other features: <c>services.AddSingleton&lt;IValidationRule, MyRule&gt;()</c>. Use that rather than
/// GraphQL.NET's <c>AddValidationRule</c>, which installs the rule a second way (and so would run it twice).
/// </remarks>
internal sealed class GraphQLValidationRules
{
    public GraphQLValidationRules(QueryLimits limits, IEnumerable<IValidationRule> registered)
    {
        var core = DocumentValidator.CoreRules.ToArray();
        var extra = registered.Where(rule => !core.Contains(rule) && rule != limits.Rule).Distinct().ToArray();
        IValidationRule[] all = [KnownOperationType.Instance, .. core, limits.Rule, .. extra];
        IValidationRule[] cached = [limits.ForCachedDocuments, .. extra];
        Post = [SubscriptionsOverWebSocket.NotOverHttp, .. all];
        CachedPost = [SubscriptionsOverWebSocket.NotOverHttp, .. cached];
        Get = [QueriesOnlyOverGet.Instance, .. all];
        CachedGet = [QueriesOnlyOverGet.Instance, .. cached];
        WebSocket = [SubscriptionsOverWebSocket.OnlyOverWebSocket, .. all];
        CachedWebSocket = [SubscriptionsOverWebSocket.OnlyOverWebSocket, .. cached];
        CachedOutcomeDependsOnCallerOnly = extra.All(rule => rule is ScopeAuthorizationRule or IntrospectionAccess);
    }

    /// <summary>
    /// True when, for a cached document, every cached-document rule's outcome depends on nothing but the document, the
    /// caller's token and scopes (<see cref="ScopeAuthorizationRule.CallerSignature"/>) and, for the cost, variables the
    /// cost cannot depend on: the transport rules look at the operation's type, the scope and introspection rules at
    /// who asks. <see cref="GraphQLDocumentCache"/> then remembers which callers a document passed them for and skips
    /// the rules for those callers. A rule registered in DI that this class does not know makes it false: it runs on
    /// every request, as it may look at anything.
    /// </summary>
    public bool CachedOutcomeDependsOnCallerOnly { get; }

    public IValidationRule[] Post { get; }
    public IValidationRule[] CachedPost { get; }
    public IValidationRule[] Get { get; }
    public IValidationRule[] CachedGet { get; }
    public IValidationRule[] WebSocket { get; }
    public IValidationRule[] CachedWebSocket { get; }
}
