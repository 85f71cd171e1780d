using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using GraphQL;
using GraphQL.Execution;
using Microsoft.AspNetCore.Connections;
using OneWindow.Api.Errors;

namespace OneWindow.Api.GraphQL.WebSockets;

/// <summary>
/// One graphql-transport-ws connection: reads messages one at a time, runs each operation with services of its own
/// scope (each event of a subscription gets a scope of its own too: ScopedSubscriptionExecutionStrategy), and sends
/// through a single writer so messages never interleave. Every fault of the client closes the socket with the
/// protocol's code: 4400 invalid message, 4401 subscribe before <c>connection_ack</c>, 4403 token refused or no longer
/// valid, 4408 no <c>connection_init</c> in time, 4409 an operation id already running, 4429 a second
/// <c>connection_init</c>; 1009 a message over <see cref="RegistryGraphQLOptions.MaxWebSocketMessageBytes"/>, 1008 a
/// client that does not read what it is sent.
/// </summary>
internal sealed class GraphQLWebSocketConnection
{
    public const int InvalidMessage = 4400;
    public const int Unauthorized = 4401;
    public const int Forbidden = 4403;
    public const int ConnectionInitTimeout = 4408;
    public const int SubscriberAlreadyExists = 4409;
    public const int TooManyInitialisationRequests = 4429;

    /// <summary>How long the server waits for the client's close frame after sending its own.</summary>
    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(5);

    private static readonly JsonDocumentOptions JsonOptions = new() { MaxDepth = JsonInput.MaxDepth };

    /// <summary>Chinese text as is, as over HTTP (RegistryGraphQL); HTML-significant characters still escaped.</summary>
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All) };

    private readonly GraphQLWebSocketEndpoint _endpoint;
    private readonly HttpContext _http;
    private readonly WebSocket _socket;
    private readonly bool _english;
    private readonly Channel<Outgoing> _outgoing = Channel.CreateUnbounded<Outgoing>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, Operation> _operations = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _lifetime;
    private int _pending;
    private int _closing;
    private volatile bool _initReceived;
    private volatile bool _acknowledged;
    private DateTimeOffset? _expiresAt;

    public GraphQLWebSocketConnection(GraphQLWebSocketEndpoint endpoint, HttpContext http, WebSocket socket)
    {
        _endpoint = endpoint;
        _http = http;
        _socket = socket;
        _english = ErrorMessages.PrefersEnglish(http);
        _lifetime = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
    }

    /// <summary>A message to send: text, or the close frame (after which nothing else is sent).</summary>
    private readonly record struct Outgoing(byte[]? Text, WebSocketCloseStatus? Close, string? Reason);

    /// <summary>
    /// A running operation. Its cancellation source has no timer and no links (the connection stops every operation
    /// when it ends), so it needs no disposing and a token handed out stays usable.
    /// </summary>
    private sealed class Operation(string id)
    {
        private readonly CancellationTokenSource _cancellation = new();
        private IDisposable? _subscription;

        public string Id => id;

        public CancellationToken Token => _cancellation.Token;

        /// <summary>Keeps the event stream's subscription, or ends it at once when the operation was stopped meanwhile.</summary>
        public void Attach(IDisposable subscription)
        {
            lock (this)
            {
                if (!_cancellation.IsCancellationRequested)
                {
                    _subscription = subscription;
                    return;
                }
            }
            subscription.Dispose();
        }

        public void Stop()
        {
            IDisposable? subscription;
            lock (this)
            {
                if (_cancellation.IsCancellationRequested)
                {
                    return;
                }
                _cancellation.Cancel();
                subscription = _subscription;
                _subscription = null;
            }
            subscription?.Dispose();
        }
    }

    public async Task RunAsync()
    {
        var sender = SendAsync();
        var watch = WatchAsync();
        try
        {
            await ReceiveAsync();
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or ConnectionAbortedException or IOException)
        {
            // The client has gone.
        }
        catch (Exception exception)
        {
            // A fault of ours (e.g. the database failed while checking the token): said as such, then the socket closes.
            _endpoint.Logger.LogError(exception, "The GraphQL WebSocket connection failed");
            Close(WebSocketCloseStatus.InternalServerError, "Internal error");
        }
        finally
        {
            foreach (var operation in _operations.Values)
            {
                operation.Stop();
            }
            _operations.Clear();
            _outgoing.Writer.TryComplete();
            await sender;
            await _lifetime.CancelAsync();
            await watch;
            _lifetime.Dispose();
        }
    }

    private async Task ReceiveAsync()
    {
        var max = _endpoint.Options.MaxWebSocketMessageBytes;
        var buffer = new ArrayBufferWriter<byte>(4096);
        while (true)
        {
            buffer.ResetWrittenCount();
            ValueWebSocketReceiveResult received;
            var tooBig = false;
            do
            {
                received = await _socket.ReceiveAsync(buffer.GetMemory(4096), _lifetime.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    if (Volatile.Read(ref _closing) == 0)
                    {
                        // The client closed first: answer its close frame, then stop.
                        Close(WebSocketCloseStatus.NormalClosure, null);
                    }
                    return;
                }
                buffer.Advance(received.Count);
                if (buffer.WrittenCount > max)
                {
                    tooBig = true;
                    buffer.ResetWrittenCount();
                }
            }
            while (!received.EndOfMessage);

            if (Volatile.Read(ref _closing) != 0)
            {
                // Closing: only the client's close frame matters now.
                continue;
            }
            if (tooBig)
            {
                Close(WebSocketCloseStatus.MessageTooBig, $"Messages may have at most {max} bytes");
                continue;
            }
            if (received.MessageType != WebSocketMessageType.Text)
            {
                Close((WebSocketCloseStatus)InvalidMessage, "Messages are JSON text");
                continue;
            }
            await HandleAsync(buffer.WrittenMemory);
        }
    }

    private async Task HandleAsync(ReadOnlyMemory<byte> message)
    {
        if (JsonInput.Problem(message.Span) is not null)
        {
            Close((WebSocketCloseStatus)InvalidMessage, "Invalid JSON");
            return;
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(message, JsonOptions);
        }
        catch (JsonException)
        {
            Close((WebSocketCloseStatus)InvalidMessage, "Invalid JSON");
            return;
        }
        using var _ = document;
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String)
        {
            Close((WebSocketCloseStatus)InvalidMessage, "A message is an object with a type");
            return;
        }
        var payload = root.TryGetProperty("payload", out var payloadElement) ? payloadElement : default;
        switch (typeElement.GetString())
        {
            case "connection_init":
                await InitAsync(payload);
                break;
            case "ping":
                Send(Message("pong"));
                break;
            case "pong":
                break;
            case "subscribe":
                Subscribe(root, payload);
                break;
            case "complete":
                if (!TryGetId(root, out var id))
                {
                    Close((WebSocketCloseStatus)InvalidMessage, "complete needs an id");
                    return;
                }
                // An id that is not running (finished, or never started) is ignored, as the protocol allows.
                if (_operations.TryRemove(id, out var operation))
                {
                    operation.Stop();
                }
                break;
            default:
                Close((WebSocketCloseStatus)InvalidMessage, "Unknown message type");
                break;
        }
    }

    private async Task InitAsync(JsonElement payload)
    {
        if (_initReceived)
        {
            Close((WebSocketCloseStatus)TooManyInitialisationRequests, "Too many initialisation requests");
            return;
        }
        _initReceived = true;
        if (payload.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null or JsonValueKind.Object))
        {
            Close((WebSocketCloseStatus)InvalidMessage, "The connection_init payload is an object");
            return;
        }
        // Note: the token travels in the first message, not in the URL (which proxies and logs keep).
        var token = BearerToken(payload);
        var user = token is null ? null : await _endpoint.AuthenticateAsync(token, _english, _lifetime.Token);
        if (user is null)
        {
            Close((WebSocketCloseStatus)Forbidden, token is null ? "Forbidden: no access token (payload.Authorization)" : "Forbidden: the access token is not valid");
            return;
        }
        _http.User = user;
        _expiresAt = GraphQLWebSocketEndpoint.ExpiresAt(user);
        _acknowledged = true;
        Send(Message("connection_ack"));
    }

    /// <summary>The token of <c>{"Authorization": "Bearer …"}</c> (the name in any case), or null.</summary>
    private static string? BearerToken(JsonElement payload)
    {
        if (payload.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        foreach (var property in payload.EnumerateObject())
        {
            if (string.Equals(property.Name, "Authorization", StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind == JsonValueKind.String)
            {
                var value = property.Value.GetString()!;
                const string scheme = "Bearer ";
                return value.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) && value.Length > scheme.Length ? value[scheme.Length..].Trim() : null;
            }
        }
        return null;
    }

    private void Subscribe(JsonElement root, JsonElement payload)
    {
        if (!_acknowledged)
        {
            Close((WebSocketCloseStatus)Unauthorized, "Unauthorized");
            return;
        }
        if (!TryGetId(root, out var id) || payload.ValueKind != JsonValueKind.Object)
        {
            Close((WebSocketCloseStatus)InvalidMessage, "subscribe needs an id and a payload object");
            return;
        }
        var read = GraphQLHttpRequestReader.ReadParameters(payload, _endpoint.Serializer, _english);
        if (read.Request is not { } request)
        {
            Close((WebSocketCloseStatus)InvalidMessage, $"Invalid subscribe payload: {read.Error?.Extensions?["reason"] ?? read.Error?.Code}");
            return;
        }
        if (_operations.ContainsKey(id))
        {
            Close((WebSocketCloseStatus)SubscriberAlreadyExists, $"Subscriber for {id} already exists");
            return;
        }
        if (_operations.Count >= _endpoint.Options.MaxSubscriptionsPerConnection)
        {
            SendErrors(id, new ExecutionResult(GraphQLErrors.Transport(ErrorCodes.TooManySubscriptions, _english,
                detail: GraphQLErrors.Localize(_english, $"（上限 {_endpoint.Options.MaxSubscriptionsPerConnection}）", $"(limit {_endpoint.Options.MaxSubscriptionsPerConnection})"))
                .With("limit", _endpoint.Options.MaxSubscriptionsPerConnection)));
            return;
        }
        var operation = new Operation(id);
        _operations[id] = operation;
        _ = ExecuteAsync(operation, request);
    }

    private async Task ExecuteAsync(Operation operation, GraphQLHttpRequest request)
    {
        try
        {
            var userContext = new RegistryUserContext(_http);
            ExecutionResult result;
            await using (var scope = _endpoint.Scopes.CreateAsyncScope())
            {
                result = await _endpoint.Executer.ExecuteAsync(new ExecutionOptions
                {
                    Schema = _endpoint.Schema,
                    Query = request.Query,
                    OperationName = request.OperationName,
                    Variables = request.Variables,
                    Extensions = request.Extensions,
                    UserContext = userContext,
                    User = _http.User,
                    // Only for the subscribe step (authorisation, the source stream); each event gets its own scope.
                    RequestServices = scope.ServiceProvider,
                    CancellationToken = operation.Token,
                    ValidationRules = _endpoint.Rules.WebSocket,
                    CachedDocumentValidationRules = _endpoint.Rules.CachedWebSocket,
                });
            }
            if (operation.Token.IsCancellationRequested)
            {
                return;
            }
            if (result.Streams is { Count: > 0 } streams && result.Errors is not { Count: > 0 })
            {
                // A subscription selects exactly one root field (spec: single root field).
                operation.Attach(streams.Values.First().Subscribe(new Observer(this, operation, userContext)));
                return;
            }
            Finish(operation);
            SendErrors(operation.Id, result);
        }
        catch (OperationCanceledException) when (operation.Token.IsCancellationRequested)
        {
            // Completed by the client, or the connection ended.
        }
        catch (Exception exception)
        {
            Finish(operation);
            var result = new ExecutionResult(new UnhandledError("Error executing the subscription.", exception));
            RegistryErrorFilter.Report(result, new RegistryUserContext(_http), _endpoint.Development, _endpoint.Logger);
            SendErrors(operation.Id, result);
        }
    }

    /// <summary>Delivers a subscription's results as <c>next</c>, its end as <c>complete</c>, a failure of its stream as <c>error</c>.</summary>
    private sealed class Observer(GraphQLWebSocketConnection connection, Operation operation, RegistryUserContext userContext) : IObserver<ExecutionResult>
    {
        public void OnNext(ExecutionResult value)
        {
            if (operation.Token.IsCancellationRequested)
            {
                return;
            }
            if (connection.Expired())
            {
                connection.Close((WebSocketCloseStatus)Forbidden, "Forbidden: the access token has expired");
                return;
            }
            RegistryErrorFilter.Report(value, userContext, connection._endpoint.Development, connection._endpoint.Logger);
            connection.Send(connection.Payload("next", operation.Id, value));
        }

        public void OnError(Exception error)
        {
            if (connection.Finish(operation))
            {
                var result = new ExecutionResult(error as ExecutionError ?? new UnhandledError("The event stream failed.", error));
                RegistryErrorFilter.Report(result, userContext, connection._endpoint.Development, connection._endpoint.Logger);
                connection.SendErrors(operation.Id, result);
            }
        }

        public void OnCompleted()
        {
            if (connection.Finish(operation))
            {
                connection.Send(Message("complete", operation.Id));
            }
        }
    }

    /// <summary>Removes a running operation; false when it had already ended (completed by the client).</summary>
    private bool Finish(Operation operation)
    {
        if (!_operations.TryRemove(new KeyValuePair<string, Operation>(operation.Id, operation)))
        {
            return false;
        }
        operation.Stop();
        return true;
    }

    private bool Expired() => _expiresAt is { } expiresAt && _endpoint.Time.GetUtcNow() >= expiresAt;

    /// <summary>
    /// Ends the connection when its token expires, or when the client or person may no longer act (checked every
    /// <c>Auth:StatusCheckInterval</c>): a connection has no more authority than the token it was opened with.
    /// </summary>
    private async Task WatchAsync()
    {
        try
        {
            await Task.Delay(_endpoint.Options.ConnectionInitTimeout, _endpoint.Time, _lifetime.Token);
            if (!_initReceived)
            {
                Close((WebSocketCloseStatus)ConnectionInitTimeout, "Connection initialisation timeout");
                return;
            }
            while (true)
            {
                var wait = _endpoint.StatusCheckInterval;
                if (_expiresAt is { } expiresAt && expiresAt - _endpoint.Time.GetUtcNow() < wait)
                {
                    wait = expiresAt - _endpoint.Time.GetUtcNow();
                }
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, _endpoint.Time, _lifetime.Token);
                }
                if (!_acknowledged)
                {
                    // connection_init arrived and is still being checked, or was refused (the socket is closing).
                    continue;
                }
                if (Expired())
                {
                    Close((WebSocketCloseStatus)Forbidden, "Forbidden: the access token has expired");
                    return;
                }
                if (!await _endpoint.Access.IsActiveAsync(new Auth.Caller(_http.User, _english), _lifetime.Token))
                {
                    Close((WebSocketCloseStatus)Forbidden, "Forbidden: access was revoked");
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The connection ended.
        }
    }

    private async Task SendAsync()
    {
        try
        {
            await foreach (var message in _outgoing.Reader.ReadAllAsync(_lifetime.Token))
            {
                if (message.Close is { } status)
                {
                    await _socket.CloseOutputAsync(status, message.Reason, _lifetime.Token);
                    // The receive loop ends with the client's close frame; a client that sends none is cut off.
                    _lifetime.CancelAfter(CloseHandshakeTimeout);
                    return;
                }
                await _socket.SendAsync(message.Text!, WebSocketMessageType.Text, endOfMessage: true, _lifetime.Token);
                Interlocked.Decrement(ref _pending);
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            // The client has gone.
        }
    }

    private void Send(byte[] text)
    {
        if (Volatile.Read(ref _closing) != 0)
        {
            return;
        }
        if (Interlocked.Increment(ref _pending) > _endpoint.Options.MaxPendingWebSocketMessages)
        {
            Close(WebSocketCloseStatus.PolicyViolation, "The client does not read its messages");
            return;
        }
        _outgoing.Writer.TryWrite(new Outgoing(text, null, null));
    }

    /// <summary>Sends the close frame after what is already queued; the first close wins.</summary>
    private void Close(WebSocketCloseStatus status, string? reason)
    {
        if (Interlocked.Exchange(ref _closing, 1) != 0)
        {
            return;
        }
        foreach (var operation in _operations.Values)
        {
            operation.Stop();
        }
        _operations.Clear();
        _outgoing.Writer.TryWrite(new Outgoing(null, status, reason is null ? null : Truncate(reason)));
        _outgoing.Writer.TryComplete();
    }

    /// <summary>A close reason has at most 123 bytes of UTF-8.</summary>
    private static string Truncate(string reason)
    {
        if (Encoding.UTF8.GetByteCount(reason) <= 123)
        {
            return reason;
        }
        var length = reason.Length;
        while (Encoding.UTF8.GetByteCount(reason.AsSpan(0, length)) > 120)
        {
            length--;
        }
        return reason[..length] + "…";
    }

    private static bool TryGetId(JsonElement root, out string id)
    {
        id = "";
        if (!root.TryGetProperty("id", out var element) || element.ValueKind != JsonValueKind.String)
        {
            return false;
        }
        id = element.GetString()!;
        // Ids are the client's own names for its operations; a bound keeps them from carrying bulk.
        return id.Length is > 0 and <= 128;
    }

    private static byte[] Message(string type, string? id = null)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            if (id is not null)
            {
                writer.WriteString("id", id);
            }
            writer.WriteString("type", type);
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary><c>{"id", "type", "payload"}</c> with the result written by GraphQL.NET's serializer (the same JSON as over HTTP).</summary>
    private byte[] Payload(string type, string id, ExecutionResult result)
    {
        var body = Encoding.UTF8.GetBytes(_endpoint.Serializer.Serialize(result));
        var buffer = new ArrayBufferWriter<byte>(body.Length + 64);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("id", id);
            writer.WriteString("type", type);
            writer.WritePropertyName("payload");
            if (type == "error")
            {
                // The protocol's error payload is the list of errors alone.
                using var document = JsonDocument.Parse(body);
                document.RootElement.GetProperty("errors").WriteTo(writer);
            }
            else
            {
                writer.WriteRawValue(body, skipInputValidation: true);
            }
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private void SendErrors(string id, ExecutionResult result)
    {
        RegistryErrorFilter.Report(result, new RegistryUserContext(_http), _endpoint.Development, _endpoint.Logger);
        Send(Payload("error", id, result));
    }
}
