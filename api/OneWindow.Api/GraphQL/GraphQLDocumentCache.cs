using GraphQL;
using GraphQL.DI;
using GraphQLParser.AST;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

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
/// GET-is-for-queries rule, and the rules registered in DI (authorization). Bounded by the total length of the cached
/// query texts (<see cref="RegistryGraphQLOptions.DocumentCacheSize"/>), least recently used first out; local to the
/// instance, since a document is cheap to rebuild.
/// </remarks>
public sealed class GraphQLDocumentCache : IConfigureExecution, IDisposable
{
    private readonly MemoryCache _documents;
    private long _hits;
    private long _misses;

    public GraphQLDocumentCache(IOptions<RegistryGraphQLOptions> options)
    {
        _documents = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.Value.DocumentCacheSize });
    }

    /// <summary>Requests whose document came from the cache, since the start of the process.</summary>
    public long Hits => Interlocked.Read(ref _hits);

    /// <summary>Requests whose document had to be parsed and validated.</summary>
    public long Misses => Interlocked.Read(ref _misses);

    /// <summary>Documents held now.</summary>
    public int Count => _documents.Count;

    /// <summary>After GraphQL.NET's option configurations (100), like its own document caches.</summary>
    public float SortOrder => 200;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        // Only executions that say what to run on a cached document take part (the endpoint does): one that ran with
        // fewer rules must not leave a document behind for the others.
        if (options.Document is not null || options.Query is null || options.CachedDocumentValidationRules is null)
        {
            return await next(options);
        }
        var key = new DocumentKey(options.Query, options.OperationName);
        if (_documents.TryGetValue(key, out GraphQLDocument? cached) && cached is not null)
        {
            Interlocked.Increment(ref _hits);
            options.Document = cached;
            options.ValidationRules = options.CachedDocumentValidationRules ?? [];
            return await next(options);
        }

        Interlocked.Increment(ref _misses);
        var result = await next(options);
        // Executed means every validation rule passed; a document that failed is parsed again next time.
        if (result.Executed && result.Document is { } document)
        {
            _documents.Set(key, document, new MemoryCacheEntryOptions { Size = Math.Max(1, options.Query.Length) });
        }
        return result;
    }

    public void Dispose() => _documents.Dispose();

    private readonly record struct DocumentKey(string Query, string? OperationName);
}
