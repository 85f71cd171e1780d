using GraphQL;
using GraphQLParser.AST;
using Microsoft.Extensions.Caching.Memory;

namespace OneWindow.Api.GraphQL;

/// <summary>
/// Answers to introspection queries, kept as the bytes that were sent. An introspection answer depends only on the
/// schema, which is fixed for the life of the process, and on the query text: building it again (a full schema is
/// about 10 ms of CPU and half a megabyte) on every request would let a burst of introspection take an instance down.
/// </summary>
/// <remarks>
/// Only a query operation without variables whose top-level fields are all introspection (<c>__schema</c>,
/// <c>__type</c>, <c>__typename</c>) is kept, once it has run without errors; the key is the query text and operation
/// name. Who may read one is decided before the cache is asked (<see cref="Limits.IntrospectionAccess"/>), and a kept
/// answer carries no <c>extensions.cost</c>: it costs the caller a request of its rate limit, not query budget.
/// Bounded by <see cref="RegistryGraphQLOptions.IntrospectionCacheBytes"/>, least recently used first out.
/// </remarks>
internal sealed class IntrospectionCache : IDisposable
{
    private readonly MemoryCache _answers;

    public IntrospectionCache(RegistryGraphQLOptions options)
    {
        _answers = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.IntrospectionCacheBytes });
    }

    /// <summary>Answers held now.</summary>
    public int Count => _answers.Count;

    /// <summary>The key of a request that may have a kept answer, or null when it cannot (variables, no <c>__</c>).</summary>
    internal static object? KeyFor(GraphQLHttpRequest request) =>
        request.Variables is { Count: > 0 } || !request.Query.Contains("__", StringComparison.Ordinal)
            ? null
            : new AnswerKey(request.Query, request.OperationName);

    public bool TryGet(object key, out byte[] answer)
    {
        if (_answers.TryGetValue(key, out byte[]? kept) && kept is not null)
        {
            answer = kept;
            return true;
        }
        answer = [];
        return false;
    }

    /// <summary>True when the result is an introspection answer that may be kept: see the remarks.</summary>
    public static bool IsKept(ExecutionResult result)
    {
        if (!result.Executed || result.Errors is { Count: > 0 } || result.Operation is not { Operation: OperationType.Query } operation)
        {
            return false;
        }
        foreach (var selection in operation.SelectionSet.Selections)
        {
            if (selection is not GraphQLField field || !field.Name.Value.Span.StartsWith("__"))
            {
                return false;
            }
        }
        return true;
    }

    public void Keep(object key, byte[] answer) =>
        _answers.Set(key, answer, new MemoryCacheEntryOptions { Size = Math.Max(1, answer.Length) });

    public void Dispose() => _answers.Dispose();

    private sealed record AnswerKey(string Query, string? OperationName);
}
