using System.Globalization;
using System.Net;
using System.Text.Json;
using OneWindow.Api.Tests.Infrastructure;

namespace OneWindow.Api.Tests.Limits;

/// <summary>Settings and assertions the limits tests share.</summary>
internal static class LimitsHosts
{
    /// <summary>
    /// Windows far longer than a test, so no window ends while one runs: the tests assert on counts and headers, never
    /// wait for a window. Windows are aligned to the clock; a week makes crossing an end during a test practically
    /// impossible.
    /// </summary>
    public static Dictionary<string, string?> Settings(int perClient = 1000, int anonymous = 1000, int signIn = 1000, long budget = 1_000_000, long anonymousBudget = 1_000_000) => new()
    {
        ["Limits:PerClient:PermitLimit"] = perClient.ToString(CultureInfo.InvariantCulture),
        ["Limits:PerClient:Window"] = "7.00:00:00",
        ["Limits:PerClient:QueryBudget"] = budget.ToString(CultureInfo.InvariantCulture),
        ["Limits:Anonymous:PermitLimit"] = anonymous.ToString(CultureInfo.InvariantCulture),
        ["Limits:Anonymous:Window"] = "7.00:00:00",
        ["Limits:Anonymous:QueryBudget"] = anonymousBudget.ToString(CultureInfo.InvariantCulture),
        ["Limits:SignIn:PermitLimit"] = signIn.ToString(CultureInfo.InvariantCulture),
        ["Limits:SignIn:Window"] = "7.00:00:00",
        ["Limits:QueryBudgetWindow"] = "7.00:00:00",
    };

    /// <summary>The length of every window in <see cref="Settings"/>, in seconds.</summary>
    public const int WindowSeconds = 7 * 24 * 3600;

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A query of exactly <paramref name="cost"/>: that many aliases of a scalar root field.</summary>
    public static string QueryCosting(int cost) => "{ " + string.Join(' ', Enumerable.Range(0, cost).Select(i => $"a{i}: apiVersion")) + " }";

    public static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(',', values) : throw new Xunit.Sdk.XunitException($"no {name} header");

    public static int IntHeader(HttpResponseMessage response, string name) => int.Parse(Header(response, name), CultureInfo.InvariantCulture);

    /// <summary>The RateLimit-* headers of a limited answer, with the limit and what is left.</summary>
    public static void AssertRateHeaders(HttpResponseMessage response, int limit, int remaining)
    {
        Assert.Equal(limit, IntHeader(response, "RateLimit-Limit"));
        Assert.Equal(remaining, IntHeader(response, "RateLimit-Remaining"));
        var reset = IntHeader(response, "RateLimit-Reset");
        Assert.InRange(reset, 1, WindowSeconds);
        Assert.StartsWith($"{limit};w=", Header(response, "RateLimit-Policy"), StringComparison.Ordinal);
    }

    /// <summary>A 429 RATE_LIMITED problem with Retry-After and the headers saying nothing is left.</summary>
    public static async Task AssertRateLimitedAsync(HttpResponseMessage response, int limit)
    {
        var problem = await Problem.AssertAsync(response, 429, "RATE_LIMITED");
        AssertRateHeaders(response, limit, remaining: 0);
        var retryAfter = (int)response.Headers.RetryAfter!.Delta!.Value.TotalSeconds;
        Assert.InRange(retryAfter, 1, WindowSeconds);
        Assert.Equal(retryAfter, problem.GetProperty("retryAfter").GetInt32());
    }

    /// <summary>A GraphQL answer: status, body and the first error's code (null when there is none).</summary>
    public static async Task<(HttpStatusCode Status, JsonElement Body, string? Code)> GraphQLAsync(HttpClient client, string query, object? variables = null)
    {
        using var response = await client.PostGraphQLAsync(query, variables);
        var text = await response.Content.ReadAsStringAsync(Ct);
        var body = JsonDocument.Parse(text).RootElement.Clone();
        var code = body.TryGetProperty("errors", out var errors) ? errors[0].GetProperty("extensions").GetProperty("code").GetString() : null;
        return (response.StatusCode, body, code);
    }

    /// <summary><c>extensions.cost</c> of a GraphQL answer.</summary>
    public static JsonElement Cost(JsonElement body) => body.GetProperty("extensions").GetProperty("cost");
}
