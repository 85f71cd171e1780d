using GraphQL.DataLoader;

namespace OneWindow.Api.GraphQL.Schema;

/// <summary>
/// The batching DataLoader (GraphQL.NET 8 ships only <see cref="IDataLoaderResult{T}"/>; its DataLoader package is not
/// served). Keys asked for while a level of the query resolves are gathered; the first result awaited fetches them
/// all in one call, and every other result of that batch awaits the same task — GraphQL.NET awaits loader results
/// in parallel, so sharing the task is what keeps one batch one query. Results are remembered for the request.
/// One instance per request (scoped).
/// </summary>
public sealed class BatchLoader<TKey, TValue>(Func<IReadOnlyList<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> fetch)
    where TKey : notnull
    where TValue : class
{
    private readonly Lock _gate = new();
    private readonly Dictionary<TKey, Batch> _batchOf = [];
    private Batch _open = new();

    /// <summary>The value for the key (null when it does not exist), fetched with the other keys of its batch.</summary>
    public IDataLoaderResult<TValue?> Load(TKey key)
    {
        lock (_gate)
        {
            if (!_batchOf.TryGetValue(key, out var batch))
            {
                batch = _open;
                batch.Keys.Add(key);
                _batchOf[key] = batch;
            }
            return new Pending(this, batch, key);
        }
    }

    private Task<IReadOnlyDictionary<TKey, TValue>> Dispatch(Batch batch, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (batch.Fetch is null)
            {
                if (ReferenceEquals(batch, _open))
                {
                    _open = new Batch();
                }
                batch.Fetch = fetch(batch.Keys, cancellationToken);
            }
            return batch.Fetch;
        }
    }

    private sealed class Batch
    {
        public List<TKey> Keys { get; } = [];
        public Task<IReadOnlyDictionary<TKey, TValue>>? Fetch { get; set; }
    }

    private sealed class Pending(BatchLoader<TKey, TValue> loader, Batch batch, TKey key) : IDataLoaderResult<TValue?>
    {
        public async Task<TValue?> GetResultAsync(CancellationToken cancellationToken = default) =>
            (await loader.Dispatch(batch, cancellationToken)).GetValueOrDefault(key);

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => await GetResultAsync(cancellationToken);
    }
}

public static class DataLoaderResultExtensions
{
    /// <summary>A loader result mapped by <paramref name="map"/> once it is loaded (still deferred, still batched).</summary>
    public static IDataLoaderResult<TOut> Then<TIn, TOut>(this IDataLoaderResult<TIn> result, Func<TIn, TOut> map) => new Mapped<TIn, TOut>(result, map);

    private sealed class Mapped<TIn, TOut>(IDataLoaderResult<TIn> inner, Func<TIn, TOut> map) : IDataLoaderResult<TOut>
    {
        public async Task<TOut> GetResultAsync(CancellationToken cancellationToken = default) => map(await inner.GetResultAsync(cancellationToken));

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => await GetResultAsync(cancellationToken);
    }
}
