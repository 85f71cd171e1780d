using OneWindow.Sdk.GraphQL;
using OneWindow.Sdk.GraphQL.Bank;
using OneWindow.Sdk.Rest;

namespace OneWindow.Sdk.Audiences;

/// <summary>
/// A bank (抵押权人): mortgage registration (general, maximum-amount, building under construction), alone or in bulk,
/// cancellation, the pre-sale advance notice, 带押过户, confirmations, restriction status before lending, progress and
/// events. Scopes: <c>applications:submit</c>, <c>applications:read</c>, <c>restrictions:read</c>, <c>events:read</c>.
/// </summary>
public sealed class BankClient : PartnerClient
{
    internal BankClient(OneWindowRestClient rest, IGraphQLExecutor graphQL) : base(rest) => GraphQL = new BankOperations(graphQL);

    /// <summary>The bank's GraphQL operations (schema/operations/bank/), typed.</summary>
    public BankOperations GraphQL { get; }

    /// <summary>
    /// 抵押权首次登记. Retried with the same <paramref name="idempotencyKey"/> (a new one when null), so it is stored once;
    /// pass your own key to make a retry of your own process idempotent too.
    /// </summary>
    public Task<ApplicationResponse> SubmitMortgageRegistrationAsync(MortgageRegistrationRequest request, string? idempotencyKey = null, CancellationToken cancellationToken = default) =>
        Rest.SubmitMortgageRegistrationAsync(Key(idempotencyKey), request, cancellationToken);

    /// <summary>Up to 1,000 mortgage registrations, each validated and stored on its own, with a result per item.</summary>
    public Task<BulkSubmissionResponse> SubmitMortgageRegistrationsAsync(IEnumerable<MortgageRegistrationRequest> items, string? idempotencyKey = null, CancellationToken cancellationToken = default) =>
        Rest.SubmitMortgageRegistrationsAsync(Key(idempotencyKey), new BulkMortgageRegistrationRequest { Items = [.. items] }, cancellationToken);

    /// <summary>抵押权注销登记: entered at once when the bank holding the mortgage cancels it alone.</summary>
    public Task<ApplicationResponse> SubmitMortgageCancellationAsync(MortgageCancellationRequest request, string? idempotencyKey = null, CancellationToken cancellationToken = default) =>
        Rest.SubmitMortgageCancellationAsync(Key(idempotencyKey), request, cancellationToken);

    /// <summary>
    /// 预购商品房抵押预告登记: the bank's advance notice of its mortgage on a pre-sold home, next to the buyers' purchase
    /// notice; it becomes the mortgage when the home is registered to the buyers (预告转本).
    /// </summary>
    public Task<ApplicationResponse> SubmitMortgageAdvanceNoticeAsync(MortgageAdvanceNoticeRequest request, string? idempotencyKey = null, CancellationToken cancellationToken = default) =>
        Rest.SubmitMortgageAdvanceNoticeAsync(Key(idempotencyKey), request, cancellationToken);

    /// <summary>带押过户: the transfer of a mortgaged home, its mortgage cancelled and the buyers' new mortgage, entered as one.</summary>
    public Task<ApplicationResponse> SubmitMortgagedTransferAsync(MortgagedTransferRequest request, string? idempotencyKey = null, CancellationToken cancellationToken = default) =>
        Rest.SubmitMortgagedTransferAsync(Key(idempotencyKey), request, cancellationToken);

    /// <summary>转移登记 of a mortgaged unit, the bank joining as mortgagee where its agreement forbids or limits transfer.</summary>
    public Task<ApplicationResponse> SubmitTransferAsync(TransferRequest request, string? idempotencyKey = null, CancellationToken cancellationToken = default) =>
        Rest.SubmitTransferAsync(Key(idempotencyKey), request, cancellationToken);

    /// <summary>抵押权变更登记 (amount, term) or, with an assignee, 抵押权转移登记.</summary>
    public Task<ApplicationResponse> SubmitMortgageChangeAsync(MortgageChangeRequest request, string? idempotencyKey = null, CancellationToken cancellationToken = default) =>
        Rest.SubmitMortgageChangeAsync(Key(idempotencyKey), request, cancellationToken);

    /// <summary>确认: the bank, named as an applicant by another submitter, confirms with its own identity.</summary>
    public Task<ApplicationResponse> ConfirmAsync(string businessNumber, int? version = null, CancellationToken cancellationToken = default) =>
        Rest.ConfirmApplicationAsync(businessNumber, new ApplicationActionRequest { Version = version }, cancellationToken);

    /// <summary>The verdict before lending: can the unit be mortgaged or transferred, and why not.</summary>
    public Task<RestrictionStatusResponse> GetRestrictionStatusAsync(string unitCode, CancellationToken cancellationToken = default) =>
        Rest.GetRestrictionStatusAsync(unitCode, cancellationToken);
}
