namespace OneWindow.Sdk.GraphQL;

/// <summary>A GraphQL request: the document, the operation to run and its variables.</summary>
/// <param name="Query">The document (the operation and the fragments it uses).</param>
/// <param name="OperationName">The operation to run.</param>
/// <param name="Variables">The variables; null ones are left out.</param>
public sealed record GraphQLRequest(string Query, string OperationName, IReadOnlyDictionary<string, object?> Variables);

/// <summary>Sends a GraphQL request and reads its <c>data</c> into a typed result (the seam the generated operations use).</summary>
public interface IGraphQLExecutor
{
    /// <summary>Runs <paramref name="request"/>; throws <see cref="OneWindowApiException"/> on any error in the response.</summary>
    Task<T> ExecuteAsync<T>(GraphQLRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Runs the subscription <paramref name="request"/> over WebSocket (graphql-transport-ws) and yields the <c>data</c>
    /// of each <c>next</c> message, typed, until the platform completes it or the caller stops enumerating or cancels.
    /// An <c>error</c> message, or the connection closed with a protocol code, is a <see cref="OneWindowApiException"/>.
    /// </summary>
    IAsyncEnumerable<T> SubscribeAsync<T>(GraphQLRequest request, CancellationToken cancellationToken);
}
