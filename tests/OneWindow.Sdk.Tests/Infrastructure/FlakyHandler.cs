using System.Net;

namespace OneWindow.Sdk.Tests.Infrastructure;

/// <summary>
/// A transport that loses answers: the first <paramref name="failures"/> requests <paramref name="matches"/> selects
/// reach the host (which does the work), then the client gets a 503 or a broken connection instead of the answer —
/// the case where resending without the same key would store twice. Records every attempt's Idempotency-Key.
/// </summary>
public sealed class FlakyHandler(HttpMessageHandler inner, Func<HttpRequestMessage, string, bool> matches, int failures) : DelegatingHandler(inner)
{
    private readonly List<string?> _keys = [];

    public IReadOnlyList<string?> Keys
    {
        get
        {
            lock (_keys)
            {
                return [.. _keys];
            }
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        if (!matches(request, body))
        {
            return await base.SendAsync(request, cancellationToken);
        }
        int attempt;
        lock (_keys)
        {
            _keys.Add(request.Headers.TryGetValues("Idempotency-Key", out var values) ? values.Single() : null);
            attempt = _keys.Count;
        }
        var response = await base.SendAsync(request, cancellationToken);
        if (attempt > failures)
        {
            return response;
        }
        response.Dispose();
        return attempt % 2 == 1
            ? new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { RequestMessage = request }
            : throw new HttpRequestException("The connection was reset after the request was sent.");
    }
}
