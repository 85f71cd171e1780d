using System.Runtime.CompilerServices;

namespace OneWindow.Sdk;

/// <summary>Auto-paging: a cursor-paged list as one <see cref="IAsyncEnumerable{T}"/>, each page fetched when reached.</summary>
public static class Paging
{
    /// <summary>
    /// Every item of every page: <paramref name="fetch"/> gets the cursor (null for the first page) and returns the
    /// page's items and the next cursor (null at the end).
    /// </summary>
    public static async IAsyncEnumerable<T> ReadAllAsync<T>(
        Func<string?, CancellationToken, Task<(IEnumerable<T> Items, string? NextCursor)>> fetch,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? cursor = null;
        do
        {
            var (items, next) = await fetch(cursor, cancellationToken).ConfigureAwait(false);
            foreach (var item in items)
            {
                yield return item;
            }
            // A page that names its own cursor as the next one would loop for ever: stop there.
            cursor = next == cursor ? null : next;
        }
        while (cursor is not null);
    }
}
