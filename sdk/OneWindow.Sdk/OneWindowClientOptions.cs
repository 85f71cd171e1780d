namespace OneWindow.Sdk;

/// <summary>Where the platform is and who the partner is.</summary>
public sealed class OneWindowClientOptions
{
    /// <summary>The platform's address, e.g. <c>https://onewindow.example.gov.cn</c> or <c>http://localhost:5080</c>.</summary>
    public Uri BaseUrl { get; set; } = new("http://localhost:5080");

    /// <summary>The OAuth client id issued to the partner (client credentials). Null: anonymous (a verifier without a client).</summary>
    public string? ClientId { get; set; }

    /// <summary>The client's secret. Note: keep it in a secret store, never in source control.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The scopes to ask for; empty: every scope the client may hold.</summary>
    public IList<string> Scopes { get; } = [];

    /// <summary>How many times a request is retried after a transient failure (5xx, 408, 429, a lost connection). Default 3.</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>The first retry's delay; later ones grow exponentially, with jitter. Default 500 ms.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The time one attempt may take. Default 100 s.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary><c>Accept-Language</c>: <c>zh</c> (default) or <c>en</c>, the language of error messages.</summary>
    public string Language { get; set; } = "zh";

    /// <summary>
    /// Opens the WebSocket a subscription runs on, asking for the <c>graphql-transport-ws</c> subprotocol, to the
    /// address given (<c>ws(s)://…/graphql</c>). Null (default): a <see cref="System.Net.WebSockets.ClientWebSocket"/>.
    /// Replace it for a proxy, a client certificate or an in-process test server.
    /// </summary>
    public Func<Uri, CancellationToken, Task<System.Net.WebSockets.WebSocket>>? ConnectWebSocket { get; set; }

    /// <summary>How often a subscription's connection sends a <c>ping</c> when nothing else is sent. Default 30 s.</summary>
    public TimeSpan SubscriptionKeepAlive { get; set; } = TimeSpan.FromSeconds(30);
}
