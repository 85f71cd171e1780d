using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Options;

namespace OneWindow.Api.Features.Webhooks;

/// <summary>What one attempt gave: the answer's status (null when none came), an excerpt, the failure, how long.</summary>
public sealed record WebhookAttemptResult(int? StatusCode, string? ResponseExcerpt, string? Error, TimeSpan Duration)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;
}

/// <summary>Why an attempt got no answer: the <c>error</c> of an attempt in the delivery log.</summary>
public static class WebhookAttemptErrors
{
    public const string Timeout = "TIMEOUT";
    public const string ConnectionFailed = "CONNECTION_FAILED";
    public const string AddressNotAllowed = "ADDRESS_NOT_ALLOWED";
    public const string SecretExpired = "SECRET_EXPIRED";
}

/// <summary>The connect-time refusal of an address that is not public.</summary>
public sealed class WebhookAddressRefusedException(string host) : IOException($"webhook host {host} resolves to an address that is not public");

/// <summary>
/// Sends one delivery. Its own <see cref="SocketsHttpHandler"/> resolves the host itself and connects only when every
/// address DNS gives is public (<see cref="WebhookAddresses"/>): a name that resolved to a public address at
/// registration and to 127.0.0.1 now (DNS rebinding) is refused here. Note: no proxy (it would connect for us, past the
/// check), no redirects (a 3xx is a failed attempt), no cookies, a timeout per attempt, and at most 1 KB of the answer
/// read.
/// </summary>
public sealed class WebhookSender : IDisposable
{
    public const int MaxExcerptBytes = 1024;
    private readonly HttpClient _client;
    private readonly IOptions<WebhooksOptions> _options;

    public WebhookSender(IOptions<WebhooksOptions> options)
    {
        _options = options;
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            MaxConnectionsPerServer = 4,
            ConnectTimeout = options.Value.Timeout,
            ConnectCallback = ConnectAsync,
        };
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("OneWindow-Webhooks", "1"));
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        if (addresses.Length == 0 || (!_options.Value.AllowPrivateAddresses && !addresses.All(WebhookAddresses.IsPublic)))
        {
            throw new WebhookAddressRefusedException(host);
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            // Connect to the checked addresses themselves, never to the name again.
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public async Task<WebhookAttemptResult> SendAsync(
        Uri url, string body, IReadOnlyDictionary<string, string> headers, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Value.Timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            foreach (var (name, value) in headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var excerpt = await ExcerptAsync(response, timeout.Token);
            return new WebhookAttemptResult((int)response.StatusCode, excerpt, null, Stopwatch.GetElapsedTime(started));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WebhookAttemptResult(null, null, WebhookAttemptErrors.Timeout, Stopwatch.GetElapsedTime(started));
        }
        catch (HttpRequestException e) when (e.InnerException is WebhookAddressRefusedException || e.InnerException?.InnerException is WebhookAddressRefusedException)
        {
            return new WebhookAttemptResult(null, null, WebhookAttemptErrors.AddressNotAllowed, Stopwatch.GetElapsedTime(started));
        }
        catch (Exception e) when (e is HttpRequestException or IOException or SocketException)
        {
            return new WebhookAttemptResult(null, null, WebhookAttemptErrors.ConnectionFailed, Stopwatch.GetElapsedTime(started));
        }
    }

    private static async Task<string?> ExcerptAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            var buffer = new byte[MaxExcerptBytes];
            var read = 0;
            while (read < buffer.Length)
            {
                var n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken);
                if (n == 0)
                {
                    break;
                }
                read += n;
            }
            if (read == 0)
            {
                return null;
            }
            // Cut at a character boundary: a multi-byte character split by the 1 KB limit is dropped.
            // PostgreSQL text holds no NUL characters.
            var text = new UTF8Encoding(false, false).GetString(buffer, 0, read).TrimEnd('\uFFFD').Replace("\0", "", StringComparison.Ordinal);
            return text.Length > MaxExcerptBytes ? text[..MaxExcerptBytes] : text;
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            return null;
        }
    }

    public void Dispose() => _client.Dispose();
}
