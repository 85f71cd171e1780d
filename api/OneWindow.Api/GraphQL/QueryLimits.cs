using System.Collections;
using System.Runtime.CompilerServices;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQL.Validation.Complexity;
using GraphQL.Validation.Rules.Custom;
using GraphQLParser.AST;
using OneWindow.Api.Errors;

namespace OneWindow.Api.GraphQL;

/// <summary>
/// Depth and cost limits, enforced by GraphQL.NET's complexity analyzer (<see cref="ComplexityValidationRule"/>) with
/// our error codes. The cost of a field that takes <c>first</c>/<c>last</c> or <c>ids</c> depends on the variables,
/// so the check runs again on a cached document whose operation declares variables (<see cref="ForCachedDocuments"/>);
/// a cached document without variables reuses the cost measured when it was first validated. Every measured cost is
/// left in the request's user context (<see cref="QueryCost"/>) for the query budget and <c>extensions.cost</c>.
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

    /// <summary>
    /// The costs of cached documents whose cost cannot depend on their variables, measured once; they go when their
    /// document goes.
    /// </summary>
    private readonly ConditionalWeakTable<GraphQLDocument, StrongBox<double>> _measured = [];

    private readonly int _maxComplexity;

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
            : ListSizes.Apply(context, defaultImpact(context), options.DefaultPageSize);
        complexity.ValidateComplexityDelegate = context =>
        {
            var validation = context.ValidationContext;
            QueryCost.Record(validation.UserContext, context.TotalImpact, options.MaxComplexity);
            // GraphQL.NET reports both limits with one error type (depth winning); each gets its own code here.
            if (context.Error is not null)
            {
                context.Error = context.MaxDepth > options.MaxDepth
                    ? new QueryTooDeepError(context.MaxDepth, options.MaxDepth)
                    : new QueryTooComplexError(context.TotalImpact, options.MaxComplexity);
            }
            else if (validation.Operation.Variables is not { Items.Count: > 0 } || !CostDependsOnVariables(validation.Document))
            {
                _measured.AddOrUpdate(validation.Document, new StrongBox<double>(context.TotalImpact));
            }
            return Task.CompletedTask;
        };
        Rule = new ComplexityValidationRule(complexity);
        ForCachedDocuments = new WhenOperationHasVariables(this);
        _maxComplexity = options.MaxComplexity;
    }

    /// <summary>
    /// Records the cost measured when a cached document was first validated, as <see cref="ForCachedDocuments"/> would;
    /// false when its cost depends on each request's variables and must be measured again.
    /// </summary>
    internal bool TryRecordMeasuredCost(GraphQLDocument document, IDictionary<string, object?>? userContext)
    {
        if (!_measured.TryGetValue(document, out var cost))
        {
            return false;
        }
        QueryCost.Record(userContext, cost.Value, _maxComplexity);
        return true;
    }

    /// <summary>The rule for documents that are parsed and validated in full.</summary>
    public ComplexityValidationRule Rule { get; }

    /// <summary>
    /// The rule for cached documents: a document whose cost cannot depend on its variables was measured when it was
    /// cached; the others are measured again with each request's variables.
    /// </summary>
    public IValidationRule ForCachedDocuments { get; }

    /// <summary>The arguments a list's size is read from (<see cref="ListSizes"/>).</summary>
    private static readonly HashSet<string> SizeArguments = ["first", "last", "id", "ids"];

    /// <summary>
    /// Whether a variable's value can change the document's cost: a variable gives a list's size (first, last, id, ids)
    /// or a directive's argument (@include, @skip). A variable anywhere else (<c>unitCode: $c</c>) cannot.
    /// </summary>
    internal static bool CostDependsOnVariables(GraphQLDocument document) => document.Definitions.Any(definition => definition switch
    {
        GraphQLOperationDefinition operation => HasVariableDirective(operation.Directives) || DependsOnVariables(operation.SelectionSet),
        GraphQLFragmentDefinition fragment => HasVariableDirective(fragment.Directives) || DependsOnVariables(fragment.SelectionSet),
        _ => false,
    });

    private static bool DependsOnVariables(GraphQLSelectionSet? selections) => selections is not null && selections.Selections.Any(selection => selection switch
    {
        GraphQLField field => HasVariableDirective(field.Directives)
            || field.Arguments is { } arguments && arguments.Items.Any(a => SizeArguments.Contains(a.Name.StringValue) && HasVariable(a.Value))
            || DependsOnVariables(field.SelectionSet),
        GraphQLFragmentSpread spread => HasVariableDirective(spread.Directives),
        GraphQLInlineFragment inline => HasVariableDirective(inline.Directives) || DependsOnVariables(inline.SelectionSet),
        _ => true,
    });

    private static bool HasVariableDirective(GraphQLDirectives? directives) =>
        directives is not null && directives.Items.Any(d => d.Arguments is { } arguments && arguments.Items.Any(a => HasVariable(a.Value)));

    private static bool HasVariable(GraphQLValue value) => value switch
    {
        GraphQLVariable => true,
        GraphQLListValue list => list.Values is { } values && values.Any(HasVariable),
        GraphQLObjectValue obj => obj.Fields is { } fields && fields.Any(f => HasVariable(f.Value)),
        _ => false,
    };

    private sealed class WhenOperationHasVariables(QueryLimits limits) : ValidationRuleBase
    {
        public override ValueTask<INodeVisitor?> GetPostNodeVisitorAsync(ValidationContext context)
        {
            return limits.TryRecordMeasuredCost(context.Document, context.UserContext) ? default : limits.Rule.GetPostNodeVisitorAsync(context);
        }
    }
}

/// <summary>
/// How many items the cost estimate assumes for a list field: GraphQL.NET's rules (the <c>first</c>/<c>last</c>
/// argument of the field, or of its connection; 1 with an <c>id</c>; else <see cref="RegistryGraphQLOptions.DefaultListSize"/>),
/// plus ours: a list whose <c>ids</c> argument is given has one item per id (<c>nodes(ids:)</c>), a paged list or
/// connection whose <c>first</c> is left out has the resolvers' default page (<see cref="RegistryGraphQLOptions.DefaultPageSize"/>),
/// and a negative size counts as none (a negative cost would refund the budget).
/// </summary>
internal static class ListSizes
{
    public static FieldComplexityResult Apply(FieldImpactContext context, FieldComplexityResult result, double defaultPageSize)
    {
        if (!IsList(context.FieldDefinition))
        {
            return result;
        }
        var arguments = context.Arguments;
        if (arguments is not null && arguments.TryGetValue("ids", out var ids) && ids.Value is ICollection list)
        {
            return new FieldComplexityResult(result.FieldImpact, list.Count);
        }
        var parent = context.Parent is { } value && !IsList(value.FieldDefinition) ? value : (FieldImpactContext?)null;
        if (GivesSize(arguments) || GivesSize(parent?.Arguments))
        {
            return new FieldComplexityResult(result.FieldImpact, Math.Max(0, result.ChildImpactMultiplier));
        }
        if (arguments is not null && arguments.ContainsKey("id"))
        {
            return result;
        }
        if (DeclaresFirst(context.FieldDefinition) || (parent is { } connection && DeclaresFirst(connection.FieldDefinition)))
        {
            return new FieldComplexityResult(result.FieldImpact, defaultPageSize);
        }
        return result;
    }

    private static bool IsList(FieldType field) => (field.ResolvedType is NonNullGraphType nonNull ? nonNull.ResolvedType : field.ResolvedType) is ListGraphType;

    private static bool GivesSize(IDictionary<string, global::GraphQL.Execution.ArgumentValue>? arguments) =>
        arguments is not null && ((arguments.TryGetValue("first", out var first) && first.Value is int) || (arguments.TryGetValue("last", out var last) && last.Value is int));

    private static bool DeclaresFirst(FieldType field) => field.Arguments?.Find("first") is not null;
}

/// <summary>
/// What a request costs, measured before it runs, and what is left of its caller's query budget: the response's
/// <c>extensions.cost</c>. Kept in the request's user context from the cost check to the response.
/// </summary>
public sealed class QueryCost
{
    private const string Key = "ow:queryCost";

    /// <summary>The request's cost, rounded up (at least 1).</summary>
    public long Requested { get; private init; }

    /// <summary>The most one request may cost (<c>GraphQL:MaxComplexity</c>).</summary>
    public int Maximum { get; private init; }

    /// <summary>The caller's budget per budget window; null when budgets are off.</summary>
    public long? Budget { get; set; }

    /// <summary>What is left of the budget in this window, after this request.</summary>
    public long? Remaining { get; set; }

    /// <summary>Seconds until the budget window ends.</summary>
    public int? ResetSeconds { get; set; }

    /// <summary>True when the request was refused because it would go over the budget.</summary>
    public bool BudgetExceeded { get; set; }

    /// <summary>The cost recorded for this request, or null when it was not measured (it failed before the cost check).</summary>
    public static QueryCost? Of(IDictionary<string, object?>? userContext) =>
        userContext is not null && userContext.TryGetValue(Key, out var value) ? value as QueryCost : null;

    internal static void Record(IDictionary<string, object?>? userContext, double cost, int maximum)
    {
        if (userContext is not null)
        {
            userContext[Key] = new QueryCost { Requested = (long)Math.Clamp(Math.Ceiling(cost), 1, 1e15), Maximum = maximum };
        }
    }

    /// <summary><c>extensions.cost</c>: requested, maximum, budget, remaining, resetSeconds.</summary>
    public Dictionary<string, object?> ToExtension() => new(StringComparer.Ordinal)
    {
        ["requested"] = Requested,
        ["maximum"] = Maximum,
        ["budget"] = Budget,
        ["remaining"] = Remaining,
        ["resetSeconds"] = ResetSeconds,
    };
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
