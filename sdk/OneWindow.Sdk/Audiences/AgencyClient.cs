using OneWindow.Sdk.GraphQL;
using OneWindow.Sdk.GraphQL.Agency;
using OneWindow.Sdk.Rest;

namespace OneWindow.Sdk.Audiences;

/// <summary>
/// An agency (中介, 登记代理): follows what it filed for its principals and looks up units.
/// Scopes: <c>applications:read</c>, <c>properties:read</c>.
/// </summary>
public sealed class AgencyClient : PartnerClient
{
    internal AgencyClient(OneWindowRestClient rest, IGraphQLExecutor graphQL) : base(rest) => GraphQL = new AgencyOperations(graphQL);

    /// <summary>The agency's GraphQL operations (schema/operations/agency/), typed.</summary>
    public AgencyOperations GraphQL { get; }

    /// <summary>The public progress form: the business number and an applicant's ID number (or credit code).</summary>
    public Task<ApplicationProgressResponse> GetProgressAsync(string businessNumber, string applicantIdNumber, CancellationToken cancellationToken = default) =>
        Rest.GetApplicationProgressAsync(businessNumber, applicantIdNumber, cancellationToken);

    /// <summary>A unit by its unit code (people masked unless the caller may see them).</summary>
    public Task<PropertyResponse> GetPropertyAsync(string unitCode, CancellationToken cancellationToken = default) =>
        Rest.GetPropertyAsync(unitCode, cancellationToken);

    /// <summary>Every unit whose location (坐落) contains <paramref name="location"/>, in unit-code order, page by page.</summary>
    public IAsyncEnumerable<PropertyResponse> SearchPropertiesAsync(string location, int pageSize = 50, CancellationToken cancellationToken = default) =>
        Paging.ReadAllAsync<PropertyResponse>(async (after, ct) =>
        {
            var page = await Rest.FindPropertiesAsync(null, location, after, pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture), ct).ConfigureAwait(false);
            return (page.Items ?? [], page.NextCursor);
        }, cancellationToken);
}
