namespace OneWindow.Sdk.Http;

/// <summary>
/// Gives every POST that has none an <c>Idempotency-Key</c>, once, outside the retries: each retry resends the same
/// request with the same key, so the platform stores a submission once however often it is resent.
/// </summary>
internal sealed class IdempotencyKeyHandler : DelegatingHandler
{
    public const string Header = "Idempotency-Key";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method == HttpMethod.Post && !request.Headers.Contains(Header))
        {
            request.Headers.TryAddWithoutValidation(Header, Guid.NewGuid().ToString("N"));
        }
        return base.SendAsync(request, cancellationToken);
    }
}
