using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace OneWindow.Sdk.Http;

/// <summary>
/// Adds the partner's bearer token: fetched from <c>/connect/token</c> with client credentials, cached until a minute
/// before it expires, fetched again once when the platform answers 401 (a rotated key, a restart).
/// </summary>
internal sealed class ClientCredentialsHandler(OneWindowClientOptions options, HttpMessageInvoker tokenTransport, TimeProvider time) : DelegatingHandler
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string Token, DateTimeOffset RefreshAt)? _current;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (options.ClientId is null)
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        var token = await TokenAsync(null, cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }
        response.Dispose();
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(token, cancellationToken).ConfigureAwait(false));
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The token a subscription's <c>connection_init</c> carries: the cached one, or a new one when it is about to expire
    /// or is <paramref name="refused"/>; null for an anonymous client.
    /// </summary>
    internal async Task<string?> AccessTokenAsync(string? refused, CancellationToken cancellationToken) =>
        options.ClientId is null ? null : await TokenAsync(refused, cancellationToken).ConfigureAwait(false);

    /// <summary>The cached token, or a new one when it is about to expire or is the one refused (<paramref name="refused"/>).</summary>
    private async Task<string> TokenAsync(string? refused, CancellationToken cancellationToken)
    {
        if (_current is { } cached && cached.Token != refused && cached.RefreshAt > time.GetUtcNow())
        {
            return cached.Token;
        }
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_current is { } again && again.Token != refused && again.RefreshAt > time.GetUtcNow())
            {
                return again.Token;
            }
            var form = new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = options.ClientId!,
                ["client_secret"] = options.ClientSecret ?? "",
            };
            if (options.Scopes.Count > 0)
            {
                form["scope"] = string.Join(' ', options.Scopes);
            }
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(options.BaseUrl, "connect/token")) { Content = new FormUrlEncodedContent(form) };
            using var response = await tokenTransport.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw TokenError(response.StatusCode, body);
            }
            using var document = JsonDocument.Parse(body);
            var token = document.RootElement.GetProperty("access_token").GetString()!;
            var lifetime = document.RootElement.TryGetProperty("expires_in", out var expires) && expires.TryGetInt32(out var seconds) ? seconds : 300;
            _current = (token, time.GetUtcNow().AddSeconds(Math.Max(lifetime - 60, lifetime / 2)));
            return token;
        }
        finally
        {
            _gate.Release();
        }
    }

    private static OneWindowApiException TokenError(HttpStatusCode status, string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (!document.RootElement.TryGetProperty("error", out var e))
            {
                // Not an OAuth error but the platform's problem details (a 429 RATE_LIMITED of the sign-in limit, a 5xx).
                return ErrorBodies.ToException(status, body, null);
            }
            var error = e.GetString() ?? "invalid_client";
            var description = document.RootElement.TryGetProperty("error_description", out var d) ? d.GetString() : null;
            return new(error, description ?? error, status);
        }
        catch (JsonException)
        {
            return ErrorBodies.ToException(status, body, null);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _gate.Dispose();
        }
        base.Dispose(disposing);
    }
}
