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
}
