using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text.Json;
using OneWindow.Sdk.Http;

namespace OneWindow.Sdk.GraphQL;

/// <summary>
/// A subscription over WebSocket with the graphql-transport-ws protocol
/// (https://github.com/enisdenjo/graphql-ws/blob/master/PROTOCOL.md): one connection per subscription, opened with
/// <c>connection_init</c> carrying the client's access token, then <c>subscribe</c>; each <c>next</c> is yielded,
/// server <c>ping</c>s are answered with <c>pong</c> and the client pings when idle; stopping the enumeration sends
/// <c>complete</c> and closes. The platform's close codes become <see cref="OneWindowApiException"/>s (<see cref="Closed"/>).
/// </summary>
internal sealed class GraphQLWebSocketSubscriber(OneWindowClientOptions options, Func<string?, CancellationToken, Task<string?>> accessToken)
{
    public const string SubProtocol = "graphql-transport-ws";
    private const string OperationId = "1";
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);

    public async IAsyncEnumerable<T> SubscribeAsync<T>(GraphQLRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.SendAsync(new { id = OperationId, type = "subscribe", payload = new { query = request.Query, operationName = request.OperationName, variables = request.Variables } },
            cancellationToken).ConfigureAwait(false);
        var completed = false;
        try
        {
            while (true)
            {
                var message = await connection.ReceiveAsync(cancellationToken).ConfigureAwait(false);
                var type = message.GetProperty("type").GetString();
                if (type is "ping" or "pong")
                {
                    continue;
                }
                if (!message.TryGetProperty("id", out var id) || id.GetString() != OperationId)
                {
                    continue;
                }
                if (type == "complete")
                {
                    completed = true;
                    yield break;
                }
                var payload = message.GetProperty("payload");
                if (type == "error")
                {
                    completed = true;
                    throw ErrorBodies.FromGraphQL(HttpStatusCode.OK, payload);
                }
                if (type != "next")
                {
                    continue;
                }
                if (payload.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0)
                {
                    throw ErrorBodies.FromGraphQL(HttpStatusCode.OK, errors);
                }
                if (!payload.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
                {
                    throw new OneWindowApiException("GRAPHQL_NO_DATA", "The message has no data.", HttpStatusCode.OK);
                }
                yield return data.Deserialize<T>(GraphQLHttpExecutor.Json)
                    ?? throw new OneWindowApiException("GRAPHQL_NO_DATA", "The message has no data.", HttpStatusCode.OK);
            }
        }
        finally
        {
            await connection.StopAsync(completed ? null : OperationId).ConfigureAwait(false);
        }
    }

    /// <summary>Connects and initialises; a token refused at <c>connection_init</c> (4403) is fetched again once.</summary>
    private async Task<Connection> OpenAsync(CancellationToken cancellationToken)
    {
        string? refused = null;
        for (var attempt = 0; ; attempt++)
        {
            var token = await accessToken(refused, cancellationToken).ConfigureAwait(false);
            var connection = new Connection(await ConnectAsync(cancellationToken).ConfigureAwait(false), options.SubscriptionKeepAlive);
            try
            {
                await connection.SendAsync(new { type = "connection_init", payload = token is null ? new Dictionary<string, string>() : new() { ["Authorization"] = "Bearer " + token } },
                    cancellationToken).ConfigureAwait(false);
                while (true)
                {
                    var message = await connection.ReceiveAsync(cancellationToken).ConfigureAwait(false);
                    if (message.GetProperty("type").GetString() == "connection_ack")
                    {
                        connection.StartKeepAlive();
                        return connection;
                    }
                }
            }
            catch (OneWindowApiException e) when (e.Status == HttpStatusCode.Forbidden && token is not null && attempt == 0)
            {
                // A rotated signing key or a restarted platform: one more try with a fresh token, as the HTTP pipeline does on 401.
                connection.Dispose();
                refused = token;
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }
    }

    private async Task<WebSocket> ConnectAsync(CancellationToken cancellationToken)
    {
        var baseUri = options.BaseUrl.AbsoluteUri.EndsWith('/') ? options.BaseUrl.AbsoluteUri : options.BaseUrl.AbsoluteUri + "/";
        var uri = new Uri((baseUri.StartsWith("https:", StringComparison.OrdinalIgnoreCase) ? "wss:" + baseUri[6..] : "ws:" + baseUri[5..]) + "graphql");
        try
        {
            if (options.ConnectWebSocket is { } connect)
            {
                return await connect(uri, cancellationToken).ConfigureAwait(false);
            }
            var socket = new ClientWebSocket();
            try
            {
                socket.Options.AddSubProtocol(SubProtocol);
                socket.Options.SetRequestHeader("Accept-Language", options.Language);
                await socket.ConnectAsync(uri, cancellationToken).ConfigureAwait(false);
                return socket;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        catch (WebSocketException e)
        {
            throw new OneWindowApiException("NETWORK_ERROR", $"The WebSocket to {uri} could not be opened: {e.Message}", 0, innerException: e);
        }
    }

    /// <summary>
    /// The platform's close codes (docs/graphql.md) as exceptions: 4400 invalid message, 4401 subscribe before the
    /// acknowledgement, 4403 token refused, expired or revoked, 4408 no <c>connection_init</c> in time, 4409 duplicate
    /// id, 4429 a second <c>connection_init</c>, 1009 a message over the size limit; anything else is a lost connection.
    /// </summary>
    internal static OneWindowApiException Closed(WebSocketCloseStatus? status, string? description)
    {
        var code = (int?)status;
        var message = string.IsNullOrEmpty(description)
            ? string.Create(CultureInfo.InvariantCulture, $"The subscription's connection was closed ({code?.ToString(CultureInfo.InvariantCulture) ?? "no close frame"}).")
            : description;
        return code switch
        {
            4400 => new("GRAPHQL_WS_INVALID_MESSAGE", message, HttpStatusCode.BadRequest),
            4401 => new("UNAUTHENTICATED", message, HttpStatusCode.Unauthorized),
            4403 => new("FORBIDDEN", message, HttpStatusCode.Forbidden),
            4408 => new("TIMEOUT", message, HttpStatusCode.RequestTimeout),
            4409 => new("GRAPHQL_WS_DUPLICATE_ID", message, HttpStatusCode.Conflict),
            4429 => new("GRAPHQL_WS_TOO_MANY_INITS", message, HttpStatusCode.TooManyRequests),
            1009 => new("GRAPHQL_WS_MESSAGE_TOO_BIG", message, HttpStatusCode.RequestEntityTooLarge),
            _ => new("NETWORK_ERROR", message, 0),
        };
    }

    /// <summary>One socket: sends one at a time, reads whole text messages, pings when idle.</summary>
    private sealed class Connection(WebSocket socket, TimeSpan keepAlive) : IDisposable
    {
        private readonly SemaphoreSlim _sending = new(1, 1);
        private readonly CancellationTokenSource _lifetime = new();
        private readonly byte[] _buffer = new byte[16 * 1024];
        private long _lastSent = Environment.TickCount64;
        private Task? _keepAlive;

        public async Task SendAsync(object message, CancellationToken cancellationToken)
        {
            var bytes = JsonSerializer.SerializeToUtf8Bytes(message, GraphQLHttpExecutor.Json);
            await _sending.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await socket.SendAsync(bytes, WebSocketMessageType.Text, true, cancellationToken).ConfigureAwait(false);
                Interlocked.Exchange(ref _lastSent, Environment.TickCount64);
            }
            catch (WebSocketException e)
            {
                throw Lost(e);
            }
            finally
            {
                _sending.Release();
            }
        }

        /// <summary>The next message; a server <c>ping</c> is answered here. A close frame or a broken socket is thrown.</summary>
        public async Task<JsonElement> ReceiveAsync(CancellationToken cancellationToken)
        {
            using var text = new MemoryStream();
            while (true)
            {
                ValueWebSocketReceiveResult result;
                try
                {
                    result = await socket.ReceiveAsync(_buffer.AsMemory(), cancellationToken).ConfigureAwait(false);
                }
                catch (WebSocketException e)
                {
                    throw Lost(e);
                }
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    throw Closed(socket.CloseStatus, socket.CloseStatusDescription);
                }
                text.Write(_buffer, 0, result.Count);
                if (!result.EndOfMessage)
                {
                    continue;
                }
                JsonElement message;
                try
                {
                    using var document = JsonDocument.Parse(text.ToArray());
                    message = document.RootElement.Clone();
                }
                catch (JsonException e)
                {
                    throw new OneWindowApiException("GRAPHQL_WS_INVALID_MESSAGE", "The platform sent a message that is not JSON.", HttpStatusCode.OK, innerException: e);
                }
                if (message.ValueKind != JsonValueKind.Object || !message.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
                {
                    throw new OneWindowApiException("GRAPHQL_WS_INVALID_MESSAGE", "The platform sent a message without a type.", HttpStatusCode.OK);
                }
                if (type.GetString() == "ping")
                {
                    await SendAsync(new { type = "pong" }, cancellationToken).ConfigureAwait(false);
                }
                return message;
            }
        }

        /// <summary>Pings when nothing was sent for the keep-alive interval, so proxies keep an idle subscription open.</summary>
        public void StartKeepAlive()
        {
            if (keepAlive <= TimeSpan.Zero)
            {
                return;
            }
            _keepAlive = Task.Run(async () =>
            {
                try
                {
                    while (!_lifetime.IsCancellationRequested)
                    {
                        var idle = TimeSpan.FromMilliseconds(Environment.TickCount64 - Interlocked.Read(ref _lastSent));
                        if (idle >= keepAlive)
                        {
                            await SendAsync(new { type = "ping" }, _lifetime.Token).ConfigureAwait(false);
                            idle = TimeSpan.Zero;
                        }
                        await Task.Delay(keepAlive - idle, _lifetime.Token).ConfigureAwait(false);
                    }
                }
                catch (Exception e) when (e is OperationCanceledException or OneWindowApiException or ObjectDisposedException)
                {
                    // The connection ended; the reader reports why.
                }
            });
        }

        /// <summary>Ends the subscription (<c>complete</c> when it still runs) and closes the socket, within a few seconds.</summary>
        public async Task StopAsync(string? running)
        {
            await _lifetime.CancelAsync().ConfigureAwait(false);
            if (_keepAlive is { } pinging)
            {
                // It ends at once on the cancellation; waiting for it keeps two sends from overlapping the close.
                await pinging.ConfigureAwait(false);
            }
            if (socket.State != WebSocketState.Open)
            {
                return;
            }
            using var limit = new CancellationTokenSource(CloseTimeout);
            try
            {
                if (running is not null)
                {
                    await SendAsync(new { id = running, type = "complete" }, limit.Token).ConfigureAwait(false);
                }
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, limit.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or OneWindowApiException or WebSocketException or ObjectDisposedException or IOException)
            {
                // Closing is best effort (the platform may have gone first): the socket is disposed next either way.
            }
        }

        private OneWindowApiException Lost(WebSocketException e) =>
            socket.CloseStatus is { } status
                ? Closed(status, socket.CloseStatusDescription)
                : new("NETWORK_ERROR", $"The subscription's connection was lost: {e.Message}", 0, innerException: e);

        public void Dispose()
        {
            _lifetime.Cancel();
            socket.Dispose();
            _lifetime.Dispose();
            _sending.Dispose();
        }
    }
}
