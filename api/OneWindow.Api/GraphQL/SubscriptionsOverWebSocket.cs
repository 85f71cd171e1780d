using GraphQL.Validation;
using GraphQLParser.AST;

namespace OneWindow.Api.GraphQL;

/// <summary>
/// Which operations each transport serves: subscriptions only over WebSocket (graphql-transport-ws), queries and
/// mutations only over HTTP, where the rate limits, the query budget and the HTTP status codes apply per request
/// (docs/decisions/0017-graphql-subscriptions.md). Validation rules, so cached documents are checked too; the refusal
/// is a validation error (<c>GRAPHQL_VALIDATION_FAILED</c>) naming the other transport.
/// </summary>
internal sealed class SubscriptionsOverWebSocket : ValidationRuleBase
{
    /// <summary>For POST: a subscription is refused (GET refuses everything but queries already).</summary>
    public static readonly SubscriptionsOverWebSocket NotOverHttp = new(webSocket: false);

    /// <summary>For the WebSocket transport: a query or mutation is refused.</summary>
    public static readonly SubscriptionsOverWebSocket OnlyOverWebSocket = new(webSocket: true);

    private readonly bool _webSocket;

    private SubscriptionsOverWebSocket(bool webSocket) => _webSocket = webSocket;

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        var operation = context.Operation;
        if (_webSocket && operation.Operation != OperationType.Subscription)
        {
            context.ReportError(new ValidationError(context.Document.Source, "transport",
                $"A {operation.Operation.ToString().ToLowerInvariant()} is sent over HTTP (POST /graphql); the WebSocket serves subscriptions only.", operation));
        }
        else if (!_webSocket && operation.Operation == OperationType.Subscription)
        {
            context.ReportError(new ValidationError(context.Document.Source, "transport",
                "A subscription is served over WebSocket at /graphql with the graphql-transport-ws protocol (docs/graphql.md).", operation));
        }
        return default;
    }
}
