using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using OneWindow.Api.Tests.Infrastructure;
using OneWindow.Domain.Identifiers;

namespace OneWindow.Api.Tests.Features.Partners;

/// <summary>Sign-ups, operator calls and token requests the partner tests share.</summary>
public static class PartnerSteps
{
    private static int _sequence = Random.Shared.Next(1_000_000);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A valid credit code no other test uses: 91 (company), Duanzhou's division, a fresh subject identifier.</summary>
    public static string NewCreditCode() =>
        UnifiedSocialCreditCode.Create(string.Create(CultureInfo.InvariantCulture, $"91441202MA{Interlocked.Increment(ref _sequence) % 10_000_000:D7}")).Value;

    public static object SignUpBody(string? creditCode = null, string kind = "bank", string name = "肇庆测试商业银行股份有限公司") => new
    {
        name,
        creditCode = creditCode ?? NewCreditCode(),
        kind,
        contactName = "陈联络",
        contactPhone = "138 0013 8000",
        contactEmail = "contact@Example.CN",
    };

    /// <summary>Signs a partner up anonymously; returns its id.</summary>
    public static async Task<long> SignUpAsync(RegistryApp app, string kind = "bank")
    {
        using var anonymous = app.CreateClient();
        var body = await Json.ReadAsync(await anonymous.PostAsJsonAsync("/api/v1/partners/sign-up", SignUpBody(kind: kind), Ct));
        return body.GetProperty("id").GetInt64();
    }

    /// <summary>Signs a partner up and has the operator approve it; returns its id.</summary>
    public static async Task<long> ApprovedAsync(RegistryApp app, HttpClient operatorClient, string kind = "bank")
    {
        var id = await SignUpAsync(app, kind);
        await Json.ReadAsync(await operatorClient.PostAsJsonAsync($"/api/v1/admin/partners/{id}/approve", new { note = "材料齐全" }, Ct));
        return id;
    }

    /// <summary>Creates a client for an approved partner; returns its id and the secret shown once.</summary>
    public static async Task<(string ClientId, string Secret)> CreateClientAsync(HttpClient operatorClient, long partnerId)
    {
        var body = await Json.ReadAsync(await operatorClient.PostAsync($"/api/v1/admin/partners/{partnerId}/clients", null, Ct));
        return (body.GetProperty("client").GetProperty("clientId").GetString()!, body.GetProperty("clientSecret").GetString()!);
    }

    public static async Task<string> RotateAsync(HttpClient operatorClient, string clientId)
    {
        var body = await Json.ReadAsync(await operatorClient.PostAsync($"/api/v1/admin/clients/{clientId}/rotate-secret", null, Ct));
        return body.GetProperty("clientSecret").GetString()!;
    }

    /// <summary>POST /connect/token with client credentials; the raw answer (success or OAuth error).</summary>
    public static async Task<TokenAnswer> RequestTokenAsync(RegistryApp app, string clientId, string secret, string? scope = null)
    {
        using var client = app.CreateClient();
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret };
        if (scope is not null)
        {
            form["scope"] = scope;
        }
        using var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(form), Ct);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        return new TokenAnswer((int)response.StatusCode, body.TryGetProperty("access_token", out var token) ? token.GetString() : null,
            body.TryGetProperty("error", out var error) ? error.GetString() : null, body);
    }

    public static async Task<string> TokenAsync(RegistryApp app, string clientId, string secret)
    {
        var answer = await RequestTokenAsync(app, clientId, secret);
        Assert.True(answer.AccessToken is not null, answer.Body.ToString());
        return answer.AccessToken!;
    }

    /// <summary>GET a unit as a partner would; the status code.</summary>
    public static async Task<int> ReadPropertyAsync(RegistryApp app, string token, string unitCode)
    {
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.GetAsync($"/api/v1/properties/{unitCode}", Ct);
        return (int)response.StatusCode;
    }

    public static async Task<string> AnyUnitCodeAsync(RegistryApp app)
    {
        await using var db = app.CreateDbContext();
        return await db.Units.OrderBy(u => u.UnitCode).Select(u => u.UnitCode).FirstAsync(Ct);
    }

    /// <summary>The errors of a GraphQL answer whatever its status (a validation rule answers 400, a resolver 200).</summary>
    public static async Task<JsonElement> GraphQLAsync(HttpClient client, string query, object? variables = null, string? language = null)
    {
        using var response = await client.PostGraphQLAsync(query, variables, language);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
    }

    /// <summary>The data of a GraphQL answer that must have no top-level errors.</summary>
    public static async Task<JsonElement> GraphQLDataAsync(HttpClient client, string query, object? variables = null)
    {
        var body = await Json.ReadAsync(await client.PostGraphQLAsync(query, variables));
        Assert.False(body.TryGetProperty("errors", out var errors), errors.ToString());
        return body.GetProperty("data");
    }
}

public sealed record TokenAnswer(int Status, string? AccessToken, string? Error, JsonElement Body);

/// <summary>Every log line of a host, with its exception and the values of its structured state.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IEnumerable<string> Lines => _lines;

    /// <summary>Settings that let everything down to Debug through to this provider (the console stays quiet).</summary>
    public static IReadOnlyDictionary<string, string?> Verbose { get; } = new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Default"] = "Debug",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Debug",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Debug",
        ["Logging:LogLevel:ZiggyCreatures.Caching.Fusion"] = "Warning",
        ["Logging:Console:LogLevel:Default"] = "Warning",
    };

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(' ', pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            lines.Enqueue($"{category} {formatter(state, exception)} {values} {exception}");
        }
    }
}
