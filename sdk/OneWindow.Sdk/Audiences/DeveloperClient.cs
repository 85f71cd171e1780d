using System.Runtime.CompilerServices;
using OneWindow.Sdk.GraphQL;
using OneWindow.Sdk.GraphQL.Developer;
using OneWindow.Sdk.Rest;

namespace OneWindow.Sdk.Audiences;

/// <summary>
/// A property developer: the first registration (首次登记) of a whole building in one application, its progress and
/// certificates. Scopes: <c>applications:submit</c>, <c>applications:read</c>.
/// </summary>
public sealed class DeveloperClient : PartnerClient
{
    internal DeveloperClient(OneWindowRestClient rest, IGraphQLExecutor graphQL) : base(rest) => GraphQL = new DeveloperOperations(graphQL);

    /// <summary>The developer's GraphQL operations (schema/operations/developer/), typed.</summary>
    public DeveloperOperations GraphQL { get; }

    /// <summary>首次登记 of a building: all its units in one application, retried with the same idempotency key.</summary>
    public Task<ApplicationResponse> SubmitFirstRegistrationAsync(FirstRegistrationRequest request, string? idempotencyKey = null, CancellationToken cancellationToken = default) =>
        Rest.SubmitFirstRegistrationAsync(Key(idempotencyKey), request, cancellationToken);

    /// <summary>
    /// Each step of one of the developer's applications as it happens (accepted, under review, recorded, certificates
    /// prepared…) with its status after the step, over WebSocket (graphql-transport-ws), until
    /// <paramref name="cancellationToken"/> is cancelled or the caller stops enumerating. It hears what happens while it
    /// is open: read the application once after subscribing to catch a step taken just before. Errors as
    /// <see cref="BankClient.WatchApplicationAsync"/>: <see cref="OneWindowApiException"/> with the platform's code.
    /// </summary>
    public async IAsyncEnumerable<ApplicationProgressChangedResult.ApplicationProgressChangeData> WatchApplicationAsync(
        string businessNumber, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var result in GraphQL.ApplicationProgressChangedAsync(businessNumber, cancellationToken).ConfigureAwait(false))
        {
            yield return result.ApplicationProgressChanged;
        }
    }
}
