using GraphQL.Validation;
using GraphQL.Validation.Complexity;
using GraphQL.Validation.Rules.Custom;
using OneWindow.Api.Errors;

namespace OneWindow.Api.GraphQL;

/// <summary>
/// Depth and cost limits, enforced by GraphQL.NET's complexity analyzer (<see cref="ComplexityValidationRule"/>) with
/// our error codes. The cost of a field that takes <c>first</c>/<c>last</c> depends on the variables, so the check
/// runs again on a cached document whose operation declares variables (<see cref="ForCachedDocuments"/>).
/// </summary>
internal sealed class QueryLimits
{
    /// <summary>
    /// Note: introspection (<c>__schema</c>, <c>__type</c>, <c>__typename</c> and everything below them) costs a
    /// hundredth of the default, as GraphQL.NET's <c>WithIntrospectionComplexityImpact</c> would price it, so tools (the
    /// explorer, SDK generators) can read the whole schema within <see cref="RegistryGraphQLOptions.MaxComplexity"/>.
    /// Its depth still counts, and the request size bounds how much introspection one request can ask for.
    /// </summary>
    public const double IntrospectionImpact = 0.01;

    public QueryLimits(RegistryGraphQLOptions options)
    {
        var complexity = new ComplexityOptions
        {
            MaxDepth = options.MaxDepth,
            MaxComplexity = options.MaxComplexity,
            DefaultListImpactMultiplier = options.DefaultListSize,
        };
        var defaultImpact = complexity.DefaultComplexityImpactDelegate;
        complexity.DefaultComplexityImpactDelegate = context => context.FieldDefinition.Name is "__schema" or "__type" or "__typename"
            ? new FieldComplexityResult(IntrospectionImpact, IntrospectionImpact)
            : defaultImpact(context);
        complexity.ValidateComplexityDelegate = context =>
        {
            // GraphQL.NET reports both limits with one error type (depth winning); each gets its own code here.
            if (context.Error is not null)
            {
                context.Error = context.MaxDepth > options.MaxDepth
                    ? new QueryTooDeepError(context.MaxDepth, options.MaxDepth)
                    : new QueryTooComplexError(context.TotalImpact, options.MaxComplexity);
            }
            return Task.CompletedTask;
        };
        Rule = new ComplexityValidationRule(complexity);
        ForCachedDocuments = new WhenOperationHasVariables(Rule);
    }

    /// <summary>The rule for documents that are parsed and validated in full.</summary>
    public ComplexityValidationRule Rule { get; }

    /// <summary>The rule for cached documents: a document without variables was already measured when it was cached.</summary>
    public IValidationRule ForCachedDocuments { get; }

    private sealed class WhenOperationHasVariables(ComplexityValidationRule rule) : ValidationRuleBase
    {
        public override ValueTask<INodeVisitor?> GetPostNodeVisitorAsync(ValidationContext context) =>
            context.Operation.Variables is { Items.Count: > 0 } ? rule.GetPostNodeVisitorAsync(context) : default;
    }
}

/// <summary>The selected operation nests selection sets deeper than <see cref="RegistryGraphQLOptions.MaxDepth"/>.</summary>
internal sealed class QueryTooDeepError : ValidationError
{
    public QueryTooDeepError(int depth, int maxDepth)
        : base($"The query has {depth} levels; at most {maxDepth} are allowed.")
    {
        Code = ErrorCodes.QueryTooDeep;
        Depth = depth;
        MaxDepth = maxDepth;
    }

    public int Depth { get; }
    public int MaxDepth { get; }
}

/// <summary>The selected operation costs more than <see cref="RegistryGraphQLOptions.MaxComplexity"/>.</summary>
internal sealed class QueryTooComplexError : ValidationError
{
    public QueryTooComplexError(double complexity, int maxComplexity)
        : base($"The query costs {Math.Ceiling(complexity)}; at most {maxComplexity} is allowed.")
    {
        Code = ErrorCodes.QueryTooComplex;
        Complexity = Math.Ceiling(complexity);
        MaxComplexity = maxComplexity;
    }

    public double Complexity { get; }
    public int MaxComplexity { get; }
}
