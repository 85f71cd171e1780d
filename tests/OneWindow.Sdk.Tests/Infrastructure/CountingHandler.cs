namespace OneWindow.Sdk.Tests.Infrastructure;

/// <summary>Passes every request on and calls <paramref name="count"/> for those <paramref name="matches"/> selects.</summary>
public sealed class CountingHandler(HttpMessageHandler inner, Func<HttpRequestMessage, bool> matches, Action count) : DelegatingHandler(inner)
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (matches(request))
        {
            lock (this)
            {
                count();
            }
        }
        return base.SendAsync(request, cancellationToken);
    }
}
