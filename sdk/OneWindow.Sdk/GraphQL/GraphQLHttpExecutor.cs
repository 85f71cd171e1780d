using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using OneWindow.Sdk.Http;

namespace OneWindow.Sdk.GraphQL;

/// <summary>
/// GraphQL over HTTP: a POST to <c>/graphql</c>, <c>application/graphql-response+json</c>; subscriptions over
/// WebSocket through <paramref name="subscriptions"/>.
/// </summary>
internal sealed class GraphQLHttpExecutor(HttpClient http, GraphQLWebSocketSubscriber subscriptions) : IGraphQLExecutor
{
    public IAsyncEnumerable<T> SubscribeAsync<T>(GraphQLRequest request, CancellationToken cancellationToken) =>
        subscriptions.SubscribeAsync<T>(request, cancellationToken);

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public async Task<T> ExecuteAsync<T>(GraphQLRequest request, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(new { query = request.Query, operationName = request.OperationName, variables = request.Variables }, Json);
        using var message = new HttpRequestMessage(HttpMethod.Post, "graphql") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json", 0.9));
        if (request.Variables.TryGetValue("idempotencyKey", out var key) && key is string idempotencyKey)
        {
            // The argument and the header carry the same key, so a retry of this request replays the first answer.
            message.Headers.TryAddWithoutValidation(IdempotencyKeyHandler.Header, idempotencyKey);
        }
        using var response = await http.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0)
        {
            throw ErrorBodies.FromGraphQL(response.StatusCode, errors);
        }
        if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
        {
            throw new OneWindowApiException("GRAPHQL_NO_DATA", "The response has no data.", response.StatusCode);
        }
        return data.Deserialize<T>(Json) ?? throw new OneWindowApiException("GRAPHQL_NO_DATA", "The response has no data.", response.StatusCode);
    }
}
