using System.Runtime.CompilerServices;
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

    /// <summary>
    /// Each step of one of the bank's applications as it happens (accepted, under review, recorded…) with its progress
    /// after the step, over WebSocket (graphql-transport-ws), until <paramref name="cancellationToken"/> is cancelled or
    /// the loop stops. Another partner's application is <c>APPLICATION_NOT_FOUND</c>; a closed connection is a
    /// <see cref="OneWindowApiException"/> (<c>FORBIDDEN</c> when the client was revoked, <c>NETWORK_ERROR</c> when lost):
    /// subscribe again, and read what was missed from <c>GraphQL.EventsAsync</c> (deduplicate by <c>EventId</c>).
    /// </summary>
    /// <example><code>
    /// await foreach (var step in client.Banks.WatchApplicationAsync(number, cancellationToken))
    /// {
    ///     if (step.Progress.Status == ApplicationStatus.Recorded) break;
    /// }
    /// </code></example>
    public async IAsyncEnumerable<ApplicationProgressChangedResult.ApplicationProgressChangeData> WatchApplicationAsync(
        string businessNumber, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var result in GraphQL.ApplicationProgressChangedAsync(businessNumber, cancellationToken).ConfigureAwait(false))
        {
            yield return result.ApplicationProgressChanged;
        }
    }

    /// <summary>
    /// Each change of a unit in the register as it happens (a seizure, an objection, a mortgage, a transfer…) with the
    /// unit's restrictions after it, over WebSocket (graphql-transport-ws). Errors as <see cref="WatchApplicationAsync"/>.
    /// </summary>
    public async IAsyncEnumerable<UnitChangedResult.UnitChangeData> WatchUnitAsync(
        string unitCode, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var result in GraphQL.UnitChangedAsync(unitCode, cancellationToken).ConfigureAwait(false))
        {
            yield return result.UnitChanged;
        }
    }

    /// <summary>The verdict before lending: can the unit be mortgaged or transferred, and why not.</summary>
    public Task<RestrictionStatusResponse> GetRestrictionStatusAsync(string unitCode, CancellationToken cancellationToken = default) =>
        Rest.GetRestrictionStatusAsync(unitCode, cancellationToken);
}
