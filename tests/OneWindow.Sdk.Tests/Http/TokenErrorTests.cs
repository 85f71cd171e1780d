using System.Net;
using System.Text;

namespace OneWindow.Sdk.Tests.Http;

/// <summary>What a refused token request becomes: the OAuth error, or the platform's problem details.</summary>
public sealed class TokenErrorTests
{
    /// <summary>Answers every request with one fixed response.</summary>
    private sealed class Answer(HttpStatusCode status, string body, string mediaType) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) });
    }

    private static async Task<OneWindowApiException> RefusedAsync(HttpStatusCode status, string body, string mediaType)
    {
        using var client = new OneWindowClient(new OneWindowClientOptions { ClientId = "demo-bank", ClientSecret = "demo-secret", MaxRetryAttempts = 0 },
            new Answer(status, body, mediaType));
        return await Assert.ThrowsAsync<OneWindowApiException>(() => client.Banks.GetRestrictionStatusAsync("441202001001GB00001F00010101", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_sign_in_limit_refusal_keeps_its_code_and_retry_time()
    {
        var refused = await RefusedAsync(HttpStatusCode.TooManyRequests,
            """{"title":"请求过于频繁，请稍后再试。","status":429,"code":"RATE_LIMITED","retryAfter":17,"traceId":"00-1-2-00"}""", "application/problem+json");

        Assert.Equal(("RATE_LIMITED", HttpStatusCode.TooManyRequests), (refused.Code, refused.Status));
    }

    [Fact]
    public async Task An_OAuth_error_is_its_error_code()
    {
        var refused = await RefusedAsync(HttpStatusCode.BadRequest, """{"error":"invalid_client","error_description":"The client credentials are invalid."}""", "application/json");

        Assert.Equal(("invalid_client", "The client credentials are invalid."), (refused.Code, refused.Message));
    }
}
