using GraphQL.Validation;
using GraphQLParser.AST;
using OneWindow.Api.Errors;

namespace OneWindow.Api.GraphQL;

/// <summary>
/// GET is safe in HTTP: the GraphQL-over-HTTP spec forbids executing a mutation over it (405, <c>Allow: POST</c>).
/// A validation rule rather than a check in the endpoint, so it also applies to cached documents and needs no parse of
/// its own; it runs on GET requests only.
/// </summary>
internal sealed class QueriesOnlyOverGet : ValidationRuleBase
{
    public static readonly QueriesOnlyOverGet Instance = new();

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        if (context.Operation.Operation != OperationType.Query)
        {
            context.ReportError(new MutationOverGetError(context.Operation.Operation));
        }
        return default;
    }
}

/// <summary>A mutation (or subscription) was sent with GET; the endpoint answers 405.</summary>
internal sealed class MutationOverGetError : ValidationError
{
    public MutationOverGetError(OperationType operation)
        : base($"A {operation.ToString().ToLowerInvariant()} cannot be sent with GET; use POST.")
    {
        Code = ErrorCodes.MethodNotAllowed;
    }
}
