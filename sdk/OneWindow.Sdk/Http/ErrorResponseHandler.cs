using System.Globalization;
using System.Net;
using System.Text.Json;

namespace OneWindow.Sdk.Http;

/// <summary>
/// Turns every unsuccessful answer (after the retries) into one <see cref="OneWindowApiException"/>, whether the body is
/// RFC 9457 problem details or a GraphQL response, so the generated REST client and the GraphQL operations fail alike.
/// </summary>
internal sealed class ErrorResponseHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            // The last attempt found no platform to talk to (refused, reset, DNS): still the one exception type.
            throw new OneWindowApiException("NETWORK_ERROR", e.Message, 0, innerException: e);
        }
        catch (Polly.Timeout.TimeoutRejectedException e)
        {
            throw new OneWindowApiException("TIMEOUT", e.Message, HttpStatusCode.RequestTimeout, innerException: e);
        }
        if (response.IsSuccessStatusCode)
        {
            return response;
        }
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw ErrorBodies.ToException(response.StatusCode, body, response.Headers.RetryAfter?.Delta);
        }
    }
}

/// <summary>Reads problem details and GraphQL errors into <see cref="OneWindowApiException"/>.</summary>
internal static class ErrorBodies
{
    public static OneWindowApiException ToException(HttpStatusCode status, string body, TimeSpan? retryAfter)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("errors", out var graphQLErrors)
                && graphQLErrors.ValueKind == JsonValueKind.Array && !root.TryGetProperty("code", out _))
            {
                return FromGraphQL(status, graphQLErrors);
            }
            if (root.ValueKind == JsonValueKind.Object)
            {
                var fields = new List<OneWindowFieldError>();
                if (root.TryGetProperty("errors", out var items) && items.ValueKind == JsonValueKind.Array)
                {
                    fields.AddRange(items.EnumerateArray().Select(FieldError));
                }
                var code = Text(root, "code") ?? CodeFor(status);
                if (Text(root, "field") is { } field)
                {
                    fields.Insert(0, new(code, Text(root, "title") ?? code, field, Text(root, "reason")));
                }
                var seconds = root.TryGetProperty("retryAfter", out var after) && after.TryGetInt32(out var s) ? TimeSpan.FromSeconds(s) : retryAfter;
                return new(code, Text(root, "title") ?? Text(root, "detail") ?? code, status, Text(root, "traceId"), fields, Text(root, "reason"), seconds);
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's error page): the status speaks for it.
        }
        return new(CodeFor(status), string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)status}"), status, retryAfter: retryAfter);
    }

    /// <summary>The first GraphQL error (with its <c>extensions.code</c>); the others as field errors.</summary>
    public static OneWindowApiException FromGraphQL(HttpStatusCode status, JsonElement errors)
    {
        var all = errors.EnumerateArray().Select(e =>
        {
            var extensions = e.TryGetProperty("extensions", out var x) && x.ValueKind == JsonValueKind.Object ? x : default;
            var path = e.TryGetProperty("path", out var p) && p.ValueKind == JsonValueKind.Array ? string.Join(".", p.EnumerateArray().Select(s => s.ToString())) : null;
            return (Error: new OneWindowFieldError(
                extensions.ValueKind == JsonValueKind.Object ? Text(extensions, "code") ?? "GRAPHQL_ERROR" : "GRAPHQL_ERROR",
                Text(e, "message") ?? "", path, extensions.ValueKind == JsonValueKind.Object ? Text(extensions, "reason") : null),
                TraceId: extensions.ValueKind == JsonValueKind.Object ? Text(extensions, "traceId") : null);
        }).ToList();
        if (all.Count == 0)
        {
            return new("GRAPHQL_ERROR", "GraphQL error", status);
        }
        var first = all[0];
        return new(first.Error.Code, first.Error.Message, status, first.TraceId, [.. all.Select(a => a.Error)], first.Error.Reason);
    }

    private static OneWindowFieldError FieldError(JsonElement item) =>
        new(Text(item, "code") ?? "", Text(item, "message") ?? "", Text(item, "field"), Text(item, "reason"));

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string CodeFor(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Unauthorized => "UNAUTHORIZED",
        HttpStatusCode.Forbidden => "FORBIDDEN",
        HttpStatusCode.NotFound => "NOT_FOUND",
        HttpStatusCode.TooManyRequests => "RATE_LIMITED",
        _ => string.Create(CultureInfo.InvariantCulture, $"HTTP_{(int)status}"),
    };
}
