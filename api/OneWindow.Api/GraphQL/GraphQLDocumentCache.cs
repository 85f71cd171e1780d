using System.Collections.Concurrent;
using GraphQL;
using GraphQL.DI;
using GraphQL.Validation;
using GraphQLParser.AST;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using OneWindow.Api.GraphQL.Authorization;

namespace OneWindow.Api.GraphQL;

/// <summary>
/// The cache of parsed and validated documents, plugged into GraphQL.NET's execution the supported way
/// (<see cref="IConfigureExecution"/>): on a hit it sets <see cref="ExecutionOptions.Document"/> and runs only
/// <see cref="ExecutionOptions.CachedDocumentValidationRules"/>; on a miss it stores the document once validation
/// has passed (the result was executed).
/// </summary>
/// <remarks>
/// The key is the query text and the operation name: the rules that validate a document depend on nothing else (the
/// schema is fixed for the life of the process). What depends on the request runs on every request, cached or not:
/// variable coercion (GraphQL.NET does it outside the rules), the cost limits when the operation has variables, the
/// GET-is-for-queries rule, and the rules registered in DI (authorization). Those rules depend only on the document,
/// the transport and who asks (<see cref="GraphQLValidationRules.CachedOutcomeDependsOnCallerOnly"/>), so a document
/// remembers the transports and callers (no token, or a token's scopes) it passed them for, and for those it runs no
/// rule at all when its cost does not depend on its variables: the walk over the document that every rule needs
/// (GraphQL.NET's <c>TypeInfo</c>) was a sixth of a cached property query's CPU time (docs/performance.md). A caller
/// it has not passed for, a failed request or another transport runs the rules as before. Bounded by the total length of the cached
/// query texts (<see cref="RegistryGraphQLOptions.DocumentCacheSize"/>), least recently used first out; local to the
/// instance, since a document is cheap to rebuild.
/// </remarks>
public sealed class GraphQLDocumentCache : IConfigureExecution, IDisposable
{
    /// <summary>How many callers (distinct scope sets) a document remembers having passed its rules for.</summary>
    private const int MaxCallersPerDocument = 64;

    private static readonly IValidationRule[] NoRules = [];

    private readonly MemoryCache _documents;
    private readonly GraphQLValidationRules _rules;
    private readonly QueryLimits _limits;
    private long _hits;
    private long _misses;
    private long _settled;

    internal GraphQLDocumentCache(IOptions<RegistryGraphQLOptions> options, GraphQLValidationRules rules, QueryLimits limits)
    {
        _documents = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.Value.DocumentCacheSize });
        _rules = rules;
        _limits = limits;
    }

    /// <summary>Requests whose document came from the cache, since the start of the process.</summary>
    public long Hits => Interlocked.Read(ref _hits);

    /// <summary>Requests whose document had to be parsed and validated.</summary>
    public long Misses => Interlocked.Read(ref _misses);

    /// <summary>
    /// Hits that ran no validation rule: the document had passed them for a caller with the same token scopes over the
    /// same transport, and its cost does not depend on its variables.
    /// </summary>
    public long Settled => Interlocked.Read(ref _settled);

    /// <summary>Documents held now.</summary>
    public int Count => _documents.Count;

    /// <summary>After GraphQL.NET's option configurations (100), like its own document caches.</summary>
    public float SortOrder => 200;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        // Only executions that say what to run on a cached document take part (the endpoint does): one that ran with
        // fewer rules must not leave a document behind for the others.
        if (options.Document is not null || options.Query is null || options.CachedDocumentValidationRules is not { } cachedRules)
        {
            return await next(options);
        }
        var key = new DocumentKey(options.Query, options.OperationName);
        // Who asks, as far as the cached-document rules can tell callers apart; null when a rule may look at more.
        var caller = _rules.CachedOutcomeDependsOnCallerOnly ? ScopeAuthorizationRule.CallerSignature(options.User) : null;
        if (_documents.TryGetValue(key, out CachedDocument? cached) && cached is not null)
        {
            Interlocked.Increment(ref _hits);
            options.Document = cached.Document;
            if (caller is not null && cached.Passed.ContainsKey((cachedRules, caller)) && _limits.TryRecordMeasuredCost(cached.Document, options.UserContext))
            {
                // Nothing the rules check can have changed: GraphQL.NET still coerces this request's variables and
                // arguments, and the query budget still spends the recorded cost.
                Interlocked.Increment(ref _settled);
                options.ValidationRules = NoRules;
                return await next(options);
            }
            options.ValidationRules = cachedRules;
            var again = await next(options);
            // Executed means every rule passed (and the query budget let it run).
            if (again.Executed && caller is not null)
            {
                cached.Pass(cachedRules, caller);
            }
            return again;
        }

        Interlocked.Increment(ref _misses);
        var result = await next(options);
        // Executed means every validation rule passed; a document that failed is parsed again next time. The full rules
        // include every cached-document rule, so it passed those too.
        if (result.Executed && result.Document is { } document)
        {
            var entry = new CachedDocument(document);
            if (caller is not null)
            {
                entry.Pass(cachedRules, caller);
            }
            _documents.Set(key, entry, new MemoryCacheEntryOptions { Size = Math.Max(1, options.Query.Length) });
        }
        return result;
    }

    public void Dispose() => _documents.Dispose();

    private readonly record struct DocumentKey(string Query, string? OperationName);

    /// <summary>A validated document, and the rule sets (one per transport) and callers it has passed them for.</summary>
    private sealed class CachedDocument(GraphQLDocument document)
    {
        public GraphQLDocument Document { get; } = document;

        public ConcurrentDictionary<(IEnumerable<IValidationRule> Rules, string Caller), bool> Passed { get; } = new();

        public void Pass(IEnumerable<IValidationRule> rules, string caller)
        {
            if (Passed.Count < MaxCallersPerDocument)
            {
                Passed.TryAdd((rules, caller), true);
            }
        }
    }
}
