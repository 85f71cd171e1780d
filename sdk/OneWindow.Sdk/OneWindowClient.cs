using System.Net.Http.Headers;
using Microsoft.Extensions.Http.Resilience;
using OneWindow.Sdk.Audiences;
using OneWindow.Sdk.GraphQL;
using OneWindow.Sdk.Http;
using OneWindow.Sdk.Rest;
using Polly;

namespace OneWindow.Sdk;

/// <summary>
/// The OneWindow platform, as a partner sees it: one object, with a client per audience
/// (<see cref="Banks"/>, <see cref="Developers"/>, <see cref="Agencies"/>, <see cref="Verifier"/>), all sharing one
/// HTTP pipeline — errors as <see cref="OneWindowApiException"/>, an <c>Idempotency-Key</c> on every POST, retries with
/// exponential backoff and jitter that resend that same key, and the client-credentials token fetched and cached — and
/// subscriptions over WebSocket (graphql-transport-ws) as <see cref="IAsyncEnumerable{T}"/>, with the same token.
/// Create one per process (or per partner identity) and keep it; it is safe for concurrent use.
/// </summary>
/// <example>
/// <code>
/// using var client = new OneWindowClient(new OneWindowClientOptions
/// {
///     BaseUrl = new Uri("http://localhost:5080"), ClientId = "demo-bank", ClientSecret = "demo-secret",
/// });
/// var status = await client.Banks.GetRestrictionStatusAsync("441202001001GB00001F00010101");
/// </code>
/// </example>
public sealed class OneWindowClient : IDisposable
{
    private readonly HttpMessageHandler _primary;
    private readonly bool _ownsPrimary;
    private readonly HttpMessageInvoker _tokenTransport;
    private readonly ClientCredentialsHandler _credentials;
    private readonly HttpClient _http;

    /// <summary>
    /// A client for <paramref name="options"/>. <paramref name="primaryHandler"/> is the transport (default: a pooled
    /// <see cref="SocketsHttpHandler"/>); pass your own for a proxy, a client certificate or an in-process test server.
    /// </summary>
    public OneWindowClient(OneWindowClientOptions options, HttpMessageHandler? primaryHandler = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var time = timeProvider ?? TimeProvider.System;
        _ownsPrimary = primaryHandler is null;
        _primary = primaryHandler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        _tokenTransport = new HttpMessageInvoker(_primary, disposeHandler: false);

        // Outer to inner: errors become exceptions after the last retry; the key is set once, outside the retries, so
        // every attempt carries it; each attempt gets a valid token.
        _credentials = new ClientCredentialsHandler(options, _tokenTransport, time) { InnerHandler = _primary };
        var retries = new ResilienceHandler(Pipeline(options, time)) { InnerHandler = _credentials };
        var keys = new IdempotencyKeyHandler { InnerHandler = retries };
        var errors = new ErrorResponseHandler { InnerHandler = keys };
        var baseAddress = options.BaseUrl.AbsoluteUri.EndsWith('/') ? options.BaseUrl : new Uri(options.BaseUrl.AbsoluteUri + "/");
        _http = new HttpClient(errors, disposeHandler: false) { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue(options.Language));

        Rest = new OneWindowRestClient(_http);
        GraphQL = new GraphQLHttpExecutor(_http, new GraphQLWebSocketSubscriber(options, _credentials.AccessTokenAsync));
        Banks = new BankClient(Rest, GraphQL);
        Developers = new DeveloperClient(Rest, GraphQL);
        Agencies = new AgencyClient(Rest, GraphQL);
        Verifier = new VerifierClient(Rest, GraphQL, time);
    }

    /// <summary>Mortgages: registration, cancellation, bulk, confirmation, restriction status, progress, events.</summary>
    public BankClient Banks { get; }

    /// <summary>First registration of a building, progress, certificates.</summary>
    public DeveloperClient Developers { get; }

    /// <summary>Progress of what was filed for principals, property queries.</summary>
    public AgencyClient Agencies { get; }

    /// <summary>Certificate verification, online and offline.</summary>
    public VerifierClient Verifier { get; }

    /// <summary>The whole REST surface, generated from schema/openapi.v1.json.</summary>
    public OneWindowRestClient Rest { get; }

    /// <summary>Any GraphQL document, for operations not in schema/operations/.</summary>
    public IGraphQLExecutor GraphQL { get; }

    private static ResiliencePipeline<HttpResponseMessage> Pipeline(OneWindowClientOptions options, TimeProvider time)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
        if (options.MaxRetryAttempts > 0)
        {
            // Transient: 5xx, 408, 429 (after its Retry-After), a lost connection, an attempt timed out. Every method is
            // retried: submissions are safe to resend because they carry the same Idempotency-Key.
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                Delay = options.RetryBaseDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            });
        }
        return builder.AddTimeout(options.AttemptTimeout).Build();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _http.Dispose();
        _credentials.Dispose();
        _tokenTransport.Dispose();
        if (_ownsPrimary)
        {
            _primary.Dispose();
        }
    }
}
