using GraphQL.Validation;
using GraphQLParser.AST;

namespace OneWindow.Api.GraphQL;

/// <summary>
/// The operation's type must exist in the schema (a mutation before the schema has any is a validation error, not a
/// failure of ours). GraphQL.NET's rules leave this to execution, and its complexity analyzer throws on it first.
/// Only for new documents: a cached document has already passed it against the same schema.
/// </summary>
internal sealed class KnownOperationType : ValidationRuleBase
{
    public static readonly KnownOperationType Instance = new();

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        var operation = context.Operation.Operation;
        var root = operation switch
        {
            OperationType.Query => context.Schema.Query,
            OperationType.Mutation => context.Schema.Mutation,
            _ => context.Schema.Subscription,
        };
        // After QueriesOnlyOverGet: a mutation sent with GET gets only its 405.
        if (root is null && !context.HasErrors)
        {
            context.ReportError(new UnknownOperationTypeError(context.Document.Source, context.Operation, operation));
        }
        return default;
    }
}

internal sealed class UnknownOperationTypeError(GraphQLParser.ROM source, GraphQLOperationDefinition node, OperationType operation)
    : ValidationError(source, null, $"The schema has no {operation.ToString().ToLowerInvariant()} type.", node);
