using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OneWindow.Api.Tests.Infrastructure;

namespace OneWindow.Api.Tests.Errors;

/// <summary>
/// A client's mistakes — lone UTF-16 surrogate escapes, invalid UTF-8, truncated JSON, wrong JSON types, huge
/// numbers, deep nesting — fired at REST and GraphQL: every answer is a 4xx with a stable code, never a 500, and
/// nothing is logged at Warning or above.
/// </summary>
public sealed class MalformedInputTests(MalformedInputTests.Host host) : IClassFixture<MalformedInputTests.Host>
{
    private const string Mortgages = "/api/v1/applications/mortgage-registrations";
    private const string UnitCode = "441202001001GB00001F00010101";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The real host on its own database, limits off (the test sends many requests), logs captured.</summary>
    public sealed class Host(RegistryFixture fixture) : IAsyncLifetime
    {
        public CapturingLoggerProvider Logs { get; } = new();

        public RegistryApp App { get; private set; } = null!;

        public HttpClient Bank { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            App = await RegistryApp.CreateAsync(fixture, "malformed_input",
                settings: new Dictionary<string, string?> { ["Limits:Enabled"] = "false" },
                testServices: services => services.AddSingleton<ILoggerProvider>(Logs));
            Bank = await App.CreateClientAsync();
        }

        public async ValueTask DisposeAsync()
        {
            Bank.Dispose();
            await App.DisposeAsync();
        }
    }

    private static readonly string MortgageBody = JsonSerializer.Serialize(new
    {
        mortgageKind = "GENERAL",
        unitCodes = new[] { UnitCode },
        mortgagors = new[] { new { name = "李明华", idType = "RESIDENT_ID", idNumber = "441202196008122170" } },
        mortgagee = new { name = "肇庆示范银行", idType = "CREDIT_CODE", idNumber = "91441202MA0000020P" },
        securedAmountFen = 40_000_000L,
        debtStartsOn = "2025-11-20",
        debtEndsOn = "2035-11-19",
        circumstances = Array.Empty<string>(),
        materials = new[] { new { code = "ID", materialId = "m1" } },
    });

    private static readonly string GraphQLBody = JsonSerializer.Serialize(new
    {
        query = "query($code: String!, $first: Int) { property(unitCode: $code) { unitCode } searchProperties(location: \"星湖\", first: $first) { edges { cursor } } }",
        variables = new { code = UnitCode, first = 3 },
    });

    [Fact]
    public async Task Generated_malformed_bodies_answer_4xx_with_a_code_on_REST_and_GraphQL()
    {
        var logged = host.Logs.Entries.Count;
        var random = new Random(20261207);
        var failures = new List<string>();
        var sent = 0;
        foreach (var body in Malformed(MortgageBody, random).Take(300))
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, Mortgages) { Content = Bytes(body) };
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            await CheckAsync(host.Bank, request, body, graphQL: false, failures);
            sent++;
        }
        foreach (var body in Malformed(GraphQLBody, random).Take(300))
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = Bytes(body) };
            await CheckAsync(host.Bank, request, body, graphQL: true, failures);
            sent++;
        }
        // GraphQL over GET: the variables are JSON text in the query string.
        foreach (var body in Malformed("{\"code\":\"" + UnitCode + "\",\"first\":3}", random).Take(100))
        {
            var query = Uri.EscapeDataString("query($code: String!, $first: Int) { property(unitCode: $code) { unitCode } }");
            var variables = Uri.EscapeDataString(Encoding.UTF8.GetString(body));
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/graphql?query={query}&variables={variables}");
            await CheckAsync(host.Bank, request, body, graphQL: true, failures);
            sent++;
        }

        Assert.True(sent >= 700);
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} answers were wrong:\n{string.Join('\n', failures.Take(20))}");
        AssertNothingLoggedAtWarning(logged);
    }

    [Theory]
    [InlineData("{\"query\":\"{ apiVersion }\",\"variables\":{\"x\":\"\\ud800\"}}")]
    [InlineData("{\"query\":\"{ apiVersion }\",\"variables\":{\"\\udc00\":1}}")]
    [InlineData("{\"query\":\"{ apiVersion }\",\"extensions\":{\"x\":[\"a\\ud800b\"]}}")]
    [InlineData("{\"query\":\"{ apiVersion \\ud800 }\"}")]
    [InlineData("{\"query\":\"{ apiVersion }\",\"operationName\":\"\\ud800\"}")]
    [InlineData("{\"query\":\"{ apiVersion }\",\"ignored\":\"\\ud800\"}")]
    [InlineData("{\"query\":\"{ apiVersion }\",\"variables\":{\"n\":1e400}}")]
    [InlineData("{\"query\":\"query($n: Int) { apiVersion }\",\"variables\":{\"n\":123456789012345678901234567890123456789012345678901234567890}}")]
    public async Task A_lone_surrogate_or_a_huge_number_anywhere_in_a_GraphQL_body_is_a_bad_request(string body)
    {
        var failures = new List<string>();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = Bytes(Encoding.UTF8.GetBytes(body)) };

        var (status, code) = await CheckAsync(host.Bank, request, Encoding.UTF8.GetBytes(body), graphQL: true, failures);

        Assert.Empty(failures);
        if (body.Contains("\\u", StringComparison.Ordinal))
        {
            Assert.Equal((HttpStatusCode.BadRequest, "GRAPHQL_BAD_REQUEST"), (status, code));
        }
    }

    [Theory]
    [InlineData("{\"mortgageKind\":\"\\ud800\"}")]
    [InlineData("{\"ignored\":\"\\udfff\",\"mortgageKind\":\"GENERAL\"}")]
    [InlineData("{\"mortgagors\":[{\"name\":\"李\\ud800\"}]}")]
    public async Task A_lone_surrogate_anywhere_in_a_REST_body_is_a_bad_request_with_reason_INVALID_JSON(string body)
    {
        var failures = new List<string>();
        using var request = new HttpRequestMessage(HttpMethod.Post, Mortgages) { Content = Bytes(Encoding.UTF8.GetBytes(body)) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());

        using var response = await host.Bank.SendAsync(request, Ct);

        var problem = await Problem.AssertAsync(response, 400, "BAD_REQUEST");
        Assert.Equal("INVALID_JSON", problem.GetProperty("reason").GetString());
    }

    [Theory]
    [InlineData("/api/v1/properties?location=%ED%A0%80")]
    [InlineData("/api/v1/properties?location=%5Cud800")]
    [InlineData("/api/v1/properties?certificateNumber=%FF%FE")]
    [InlineData("/api/v1/properties?location=%E6%98&limit=99999999999999999999")]
    [InlineData("/api/v1/properties/%ED%A0%80")]
    [InlineData("/graphql?query=%7B%20apiVersion%20%7D&variables=%7B%22x%22%3A%22%5Cud800%22%7D")]
    [InlineData("/graphql?query=%7B%20apiVersion%20%ED%A0%80%20%7D")]
    public async Task Lone_surrogates_and_invalid_UTF8_in_a_query_string_answer_4xx_with_a_code(string url)
    {
        var logged = host.Logs.Entries.Count;
        var failures = new List<string>();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);

        // A query string decoded with replacement characters may still be a fair question (a search that finds nothing).
        await CheckAsync(host.Bank, request, [], graphQL: url.StartsWith("/graphql", StringComparison.Ordinal), failures, allowSuccess: true);

        Assert.Empty(failures);
        AssertNothingLoggedAtWarning(logged);
    }

    [Fact]
    public async Task A_selection_1000_deep_is_answered_with_a_code_and_logs_nothing_at_warning()
    {
        var logged = host.Logs.Entries.Count;
        var query = string.Concat(Enumerable.Repeat("{ a ", 999)) + "{ b" + new string('}', 1000);
        var failures = new List<string>();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = Bytes(JsonSerializer.SerializeToUtf8Bytes(new { query })),
        };

        var (status, code) = await CheckAsync(host.Bank, request, [], graphQL: true, failures);

        Assert.Empty(failures);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(code, new[] { "QUERY_TOO_DEEP", "GRAPHQL_PARSE_FAILED" });
        AssertNothingLoggedAtWarning(logged);
    }

    /// <summary>Nothing at Warning or above, and no stack trace, since entry <paramref name="since"/>.</summary>
    private void AssertNothingLoggedAtWarning(int since)
    {
        var loud = host.Logs.Entries.Skip(since).Where(e => e.Level >= LogLevel.Warning || e.Exception is not null).ToList();
        Assert.True(loud.Count == 0, string.Join('\n', loud.Take(5).Select(e => $"{e.Level} {e.Category}: {e.Message}")));
    }

    /// <summary>
    /// Sends one request; records a failure unless it is a 4xx carrying a code (and a trace id on REST), or with
    /// <paramref name="allowSuccess"/> a 2xx.
    /// </summary>
    private static async Task<(HttpStatusCode Status, string? Code)> CheckAsync(
        HttpClient client, HttpRequestMessage request, byte[] body, bool graphQL, List<string> failures, bool allowSuccess = false)
    {
        using var response = await client.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        var sample = Encoding.UTF8.GetString(body[..Math.Min(body.Length, 160)]);
        string? code = null;
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (graphQL && root.TryGetProperty("errors", out var errors))
            {
                code = errors[0].GetProperty("extensions").GetProperty("code").GetString();
            }
            else if (root.TryGetProperty("code", out var problemCode) && root.TryGetProperty("traceId", out _))
            {
                code = problemCode.GetString();
            }
        }
        catch (JsonException)
        {
        }
        var success = allowSuccess && response.IsSuccessStatusCode && code is null;
        if (!success && ((int)response.StatusCode is < 400 or >= 500 || code is null))
        {
            failures.Add($"{(int)response.StatusCode} {request.Method} {request.RequestUri} {sample} → {text[..Math.Min(text.Length, 300)]}");
        }
        return (response.StatusCode, code);
    }

    private static ByteArrayContent Bytes(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    /// <summary>Endless malformed variants of a valid JSON document, each broken in one way.</summary>
    private static IEnumerable<byte[]> Malformed(string valid, Random random)
    {
        var utf8 = Encoding.UTF8.GetBytes(valid);
        // Positions just after a string value's opening quote: where a string can be spoiled.
        var stringStarts = new List<int>();
        for (var i = 1; i < valid.Length; i++)
        {
            if (valid[i - 1] == '"' && (i < 2 || valid[i - 2] == ':' || valid[i - 2] == '[' || valid[i - 2] == ','))
            {
                stringStarts.Add(i);
            }
        }
        string[] surrogates = ["\\ud800", "\\udc00", "\\udbff\\u0041", "a\\ud83d", "\\ude00x"];
        string[] wrongValues = ["1e400", "-1e999", "123456789012345678901234567890", "true", "{}", "[]", "[1,[2]]", "\"x\"", "-0.0000001"];
        while (true)
        {
            switch (random.Next(7))
            {
                case 0:
                    // A lone surrogate escape inside a string (a value or a property name).
                    var at = stringStarts[random.Next(stringStarts.Count)];
                    yield return Encoding.UTF8.GetBytes(valid[..at] + surrogates[random.Next(surrogates.Length)] + valid[at..]);
                    break;
                case 1:
                    // Truncated.
                    yield return utf8[..random.Next(1, utf8.Length - 1)];
                    break;
                case 2:
                    // An invalid UTF-8 byte sequence inside a string.
                    var position = Encoding.UTF8.GetByteCount(valid[..stringStarts[random.Next(stringStarts.Count)]]);
                    byte[][] invalid = [[0xFF], [0xC3], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC0, 0xAF]];
                    yield return [.. utf8[..position], .. invalid[random.Next(invalid.Length)], .. utf8[position..]];
                    break;
                case 3:
                    // A value of the wrong JSON type, or a huge number.
                    yield return Encoding.UTF8.GetBytes(ReplaceValue(valid, random, wrongValues[random.Next(wrongValues.Length)]));
                    break;
                case 4:
                    // Deeply nested arrays or objects as a value.
                    var depth = random.Next(65, 5000);
                    var nested = random.Next(2) == 0
                        ? new string('[', depth) + new string(']', depth)
                        : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);
                    yield return Encoding.UTF8.GetBytes(ReplaceValue(valid, random, nested));
                    break;
                case 5:
                    // Not a JSON text at all, or JSON with extras the standard does not allow.
                    string[] junk = ["", "nul", "{", "}", "{\"a\":1,}", "// c\n" + valid, valid + "x", "{'a':1}", "NaN", "\uFEFF\uFEFF" + valid, "{\"a\":01}"];
                    yield return Encoding.UTF8.GetBytes(junk[random.Next(junk.Length)]);
                    break;
                default:
                    // A raw control character inside a string.
                    var start = stringStarts[random.Next(stringStarts.Count)];
                    yield return Encoding.UTF8.GetBytes(valid[..start] + (char)random.Next(0, 0x20) + valid[start..]);
                    break;
            }
        }
    }

    /// <summary>Replaces the value after one of the document's property names with <paramref name="value"/>.</summary>
    private static string ReplaceValue(string json, Random random, string value)
    {
        var names = new List<int>();
        for (var i = json.IndexOf("\":", StringComparison.Ordinal); i >= 0; i = json.IndexOf("\":", i + 2, StringComparison.Ordinal))
        {
            names.Add(i + 2);
        }
        var start = names[random.Next(names.Count)];
        // The value ends where its container's next comma or closing bracket at the same depth is.
        var depth = 0;
        var inString = false;
        var end = start;
        for (; end < json.Length; end++)
        {
            var c = json[end];
            if (inString)
            {
                if (c == '\\')
                {
                    end++;
                }
                else if (c == '"')
                {
                    inString = false;
                }
                continue;
            }
            if (c == '"')
            {
                inString = true;
            }
            else if (c is '{' or '[')
            {
                depth++;
            }
            else if (c is '}' or ']' || c == ',')
            {
                if (depth == 0)
                {
                    break;
                }
                if (c != ',')
                {
                    depth--;
                }
            }
        }
        return json[..start] + value + json[end..];
    }
}

/// <summary>Keeps every log entry of a host, for tests that check what was (not) logged.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<(LogLevel Level, string Category, string Message, Exception? Exception)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            provider.Entries.Enqueue((logLevel, category, formatter(state, exception), exception));
    }
}
