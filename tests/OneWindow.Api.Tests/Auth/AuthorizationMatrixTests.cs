using System.Net;
using System.Text;
using System.Text.Json;
using GraphQL;
using GraphQL.Types;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OneWindow.Api.Auth;
using OneWindow.Api.GraphQL.Schema;
using OneWindow.Api.Tests.Infrastructure;

namespace OneWindow.Api.Tests.Auth;

public sealed class AuthorizationMatrixFixture(RegistryFixture registry) : AppFixture(registry)
{
    /// <summary>Every demo identity and the scopes the contract gives it (DESIGN.md; docs/auth.md) — written out, not read from the code.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Identities = new Dictionary<string, string[]>
    {
        ["anonymous"] = [],
        ["demo-bank"] = ["properties:read", "restrictions:read", "applications:read", "certificates:verify", "applications:submit", "events:read", "webhooks:manage"],
        ["demo-developer"] = ["properties:read", "restrictions:read", "applications:read", "certificates:verify", "applications:submit", "events:read", "webhooks:manage"],
        ["demo-agency"] = ["properties:read", "restrictions:read", "applications:read", "certificates:verify", "applications:submit", "events:read", "webhooks:manage"],
        ["demo-court"] = ["properties:read", "restrictions:read", "applications:read", "certificates:verify", "seizures:submit", "events:read", "webhooks:manage"],
        ["demo-verifier"] = ["certificates:verify"],
        ["demo-citizen"] = ["properties:read", "restrictions:read", "applications:read", "certificates:verify", "applications:submit", "events:read"],
        ["demo-staff"] = ["properties:read", "restrictions:read", "applications:read", "certificates:verify", "registry:staff"],
        ["demo-operator"] = ["properties:read", "restrictions:read", "applications:read", "certificates:verify", "platform:admin"],
    };

    public Dictionary<string, HttpClient> Clients { get; } = [];

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        foreach (var identity in Identities.Keys)
        {
            Clients[identity] = identity switch
            {
                "anonymous" => App.CreateClient(),
                "demo-citizen" or "demo-staff" or "demo-operator" => await PersonSignIn.ClientAsync(App, identity),
                _ => await App.CreateClientAsync(identity),
            };
        }
    }
}

/// <summary>
/// Every REST endpoint and every GraphQL root field of the running host, for every demo identity and for no token:
/// each states its scope, and the outcome follows it. A new endpoint or field without a policy fails here.
/// </summary>
public sealed class AuthorizationMatrixTests(AuthorizationMatrixFixture fixture) : IClassFixture<AuthorizationMatrixFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Values for route parameters: real where a GET should find something, harmless where a POST acts.</summary>
    private static string Fill(string pattern) => pattern
        .Replace("{unitCode}", "441202001001GB00001F00010101", StringComparison.Ordinal)
        .Replace("{businessNumber}", "441202202511200000011", StringComparison.Ordinal)
        .Replace("{clientId}", "no-such-client", StringComparison.Ordinal)
        .Replace("{partnerId}", "999999", StringComparison.Ordinal)
        .Replace("{id}", "999999", StringComparison.Ordinal)
        .Replace("{materialId}", "999999", StringComparison.Ordinal)
        .Replace("{webhookId}", "999999", StringComparison.Ordinal)
        .Replace("{deliveryId}", "999999", StringComparison.Ordinal);

    private IEnumerable<(string Method, string Pattern, RequiredScope? Scope)> RestEndpoints() =>
        fixture.App.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => (m, "/" + e.RoutePattern.RawText!.TrimStart('/'), e.Metadata.GetMetadata<RequiredScope>())));

    [Fact]
    public void Every_REST_endpoint_states_its_scope()
    {
        var missing = RestEndpoints().Where(e => e.Scope is null).Select(e => $"{e.Method} {e.Pattern}").ToList();

        Assert.True(missing.Count == 0, "endpoints without RequireScope/AllowAnonymousByDesign: " + string.Join(", ", missing));
    }

    [Fact]
    public async Task Every_REST_endpoint_answers_each_identity_as_its_scope_says()
    {
        var failures = new List<string>();
        var table = new StringBuilder();
        foreach (var (method, pattern, scope) in RestEndpoints().Where(e => e.Scope is not null && e.Pattern.StartsWith("/api/", StringComparison.Ordinal)))
        {
            foreach (var (identity, scopes) in AuthorizationMatrixFixture.Identities)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), Fill(pattern));
                if (method is "POST" or "PUT" or "PATCH")
                {
                    request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                    request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
                }
                var status = (int)(await fixture.Clients[identity].SendAsync(request, Ct)).StatusCode;
                table.Append($"{method} {pattern} [{scope}] {identity} {status}\n");
                // Any-of endpoints (RequireAnyScope) let in a token with at least one of their scopes.
                var expected = scope!.IsAnonymous ? "any" : identity == "anonymous" ? "401" : scope.IsMetBy(scopes) ? "allowed" : "403";
                var ok = expected switch
                {
                    "401" => status == 401,
                    "403" => status == 403,
                    _ => status is not (401 or 403) && status < 500,
                };
                if (!ok)
                {
                    failures.Add($"{method} {pattern} as {identity}: expected {expected}, got {status}");
                }
            }
        }
        TestContext.Current.TestOutputHelper?.WriteLine(table.ToString());
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Every_GraphQL_root_field_answers_each_identity_as_its_scope_says()
    {
        var schema = fixture.App.Services.GetRequiredService<ISchema>();
        schema.Initialize();
        var roots = new List<(string Operation, IObjectGraphType Type)> { ("query", schema.Query) };
        if (schema.Mutation is { } mutation)
        {
            roots.Add(("mutation", mutation));
        }
        var failures = new List<string>();
        foreach (var (operation, root) in roots)
        {
            foreach (var field in root.Fields.Where(f => !f.Name.StartsWith("__", StringComparison.Ordinal)))
            {
                var scope = field.RequiredScope();
                if (scope is null)
                {
                    failures.Add($"{root.Name}.{field.Name} states no scope");
                    continue;
                }
                var selection = field.ResolvedType!.GetNamedType() is ScalarGraphType or EnumerationGraphType ? "" : " { __typename }";
                var document = $"{operation} {{ {field.Name}{selection} }}";
                foreach (var (identity, scopes) in AuthorizationMatrixFixture.Identities)
                {
                    var response = await fixture.Clients[identity].PostGraphQLAsync(document);
                    var codes = Codes(await response.Content.ReadAsStringAsync(Ct));
                    var expected = scope == ScopeMetadata.Anonymous ? "none"
                        : identity == "anonymous" ? "UNAUTHENTICATED"
                        : scope == ScopeMetadata.Authenticated || scopes.Contains(scope) ? "none" : "FORBIDDEN";
                    var authCodes = codes.Where(c => c is "UNAUTHENTICATED" or "FORBIDDEN" or "FIELD_WITHOUT_POLICY").Distinct().ToList();
                    var ok = expected == "none" ? authCodes.Count == 0 : authCodes.SequenceEqual([expected]);
                    var expectedStatus = expected switch { "UNAUTHENTICATED" => 401, "FORBIDDEN" => 403, _ => -1 };
                    if (!ok || (expectedStatus > 0 && (int)response.StatusCode != expectedStatus) || (int)response.StatusCode >= 500)
                    {
                        failures.Add($"{document} as {identity}: expected {expected}, got {(int)response.StatusCode} [{string.Join(",", codes)}]");
                    }
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Token_with_a_tampered_signature_an_expired_one_and_one_for_another_audience_are_refused()
    {
        var token = await fixture.App.TokenAsync("demo-bank");
        var parts = token.Split('.');
        var tampered = $"{parts[0]}.{parts[1]}.{(parts[2][0] == 'A' ? 'B' : 'A')}{parts[2][1..]}";
        var forged = $"{parts[0]}.{Base64Url(Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(FromBase64Url(parts[1])).Replace("\"properties:read", "\"platform:admin properties:read")))}.{parts[2]}";

        foreach (var bad in new[] { tampered, forged, "not-a-token", OtherAudienceToken(token), ExpiredToken(token) })
        {
            using var client = fixture.App.CreateClient();
            client.DefaultRequestHeaders.Authorization = new("Bearer", bad);
            await Problem.AssertAsync(await client.GetAsync("/api/v1/properties/441202001001GB00001F00010101", Ct), 401, "UNAUTHENTICATED");
            var graph = await client.PostGraphQLAsync("{ property(unitCode: \"441202001001GB00001F00010101\") { unitCode } }");
            Assert.Equal(HttpStatusCode.Unauthorized, graph.StatusCode);
        }
    }

    /// <summary>A token signed with the host's own key but for another audience (re-signed by the test with the database key).</summary>
    private string OtherAudienceToken(string token) => Resign(token, payload => payload.Replace("\"aud\":\"onewindow-api\"", "\"aud\":\"someone-else\""));

    private string ExpiredToken(string token) => Resign(token, payload =>
    {
        using var document = JsonDocument.Parse(payload);
        var exp = document.RootElement.GetProperty("exp").GetInt64();
        var iat = document.RootElement.GetProperty("iat").GetInt64();
        return payload.Replace($"\"exp\":{exp}", $"\"exp\":{iat - 3600}").Replace($"\"iat\":{iat}", $"\"iat\":{iat - 7200}");
    });

    /// <summary>Re-signs a changed payload with the platform's real signing key, so only the changed claim can make it fail.</summary>
    private string Resign(string token, Func<string, string> change)
    {
        var parts = token.Split('.');
        var payload = change(Encoding.UTF8.GetString(FromBase64Url(parts[1])));
        var options = fixture.App.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<OpenIddict.Server.OpenIddictServerOptions>>().CurrentValue;
        var credentials = options.SigningCredentials.First();
        var key = (Microsoft.IdentityModel.Tokens.RsaSecurityKey)credentials.Key;
        var input = $"{parts[0]}.{Base64Url(Encoding.UTF8.GetBytes(payload))}";
        var signature = key.Rsa.SignData(Encoding.ASCII.GetBytes(input), System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        return $"{input}.{Base64Url(signature)}";
    }

    private static List<string> Codes(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("errors", out var errors)
                ? [.. errors.EnumerateArray().Select(e => e.TryGetProperty("extensions", out var x) && x.TryGetProperty("code", out var c) ? c.GetString()! : "?")]
                : [];
        }
        catch (JsonException)
        {
            return ["NOT_JSON"];
        }
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded + new string('=', (4 - padded.Length % 4) % 4));
    }
}
