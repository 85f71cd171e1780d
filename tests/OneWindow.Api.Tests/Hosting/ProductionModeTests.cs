using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Tests.Infrastructure;

namespace OneWindow.Api.Tests.Hosting;

/// <summary>
/// The host outside Development and without <c>--demo</c>, on PostgreSQL: no demo credentials work, and the Data
/// Protection key ring is encrypted with the configured certificate.
/// </summary>
public sealed class ProductionModeTests(RegistryFixture fixture) : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly string _certificate = WriteCertificate();

    private Dictionary<string, string?> Settings => new()
    {
        ["DataProtection:Certificate:Path"] = _certificate,
        ["DataProtection:Certificate:Password"] = "key-ring",
    };

    private static string WriteCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=OneWindow test key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(Path.GetTempPath(), $"onewindow-key-ring-{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, "key-ring"));
        return path;
    }

    public void Dispose() => File.Delete(_certificate);

    [Fact]
    public async Task Outside_development_a_database_seeded_for_the_demo_loses_its_demo_credentials()
    {
        // The template was seeded in Development: it holds demo-bank, demo-portal and the demo people.
        await using var app = await RegistryApp.CreateAsync(fixture, "production_demo_credentials", settings: Settings);
        await using var production = new RegistryApp(app.ConnectionString, redisConfiguration: null, Settings) { Environment = "Production", Demo = false };
        using var client = production.CreateClient();

        foreach (var clientId in new[] { "demo-bank", "demo-court", "demo-verifier" })
        {
            using var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = "demo-secret",
            }), Ct);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Contains("invalid_client", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }
        await using var db = production.CreateDbContext();
        var people = await db.People.Where(p => p.UserName.StartsWith("demo-")).ToListAsync(Ct);
        Assert.NotEmpty(people);
        Assert.All(people, person => Assert.True(person.Disabled && person.PasswordHash == "", person.UserName));
        Assert.All(await db.PartnerClients.Where(c => c.ClientId.StartsWith("demo-")).ToListAsync(Ct),
            partnerClient => Assert.Equal(ClientStatus.Revoked, partnerClient.Status));
        // The demo region's data itself stays.
        Assert.True(await db.Units.AnyAsync(Ct));
    }

    [Fact]
    public async Task Outside_development_graphiql_is_not_served_and_swagger_ui_fills_in_no_demo_client()
    {
        var database = $"production_explorers_{Guid.NewGuid():N}";
        await fixture.Postgres.ExecuteAsync($"CREATE DATABASE {database}");
        await using var production = new RegistryApp(fixture.Postgres.ConnectionString(database), redisConfiguration: null, Settings) { Environment = "Production", Demo = false };
        using var client = production.CreateClient();
        using var page = new HttpRequestMessage(HttpMethod.Get, "/graphql");
        page.Headers.TryAddWithoutValidation("Accept", "text/html");

        var graphql = await client.SendAsync(page, Ct);
        var asset = await client.GetAsync("/graphiql/assets/missing.js", Ct);
        var swaggerScript = await client.GetStringAsync("/swagger/index.js", Ct);
        var font = await client.GetAsync("/assets/fonts/OneWindowKai.woff2", Ct);

        Assert.NotEqual("text/html", graphql.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, asset.StatusCode);
        Assert.DoesNotContain("demo-portal", swaggerScript, StringComparison.Ordinal);
        Assert.Contains("\"usePkceWithAuthorizationCodeGrant\":true", swaggerScript, StringComparison.Ordinal);
        // Swagger UI is public in every mode, and so is its font.
        Assert.Equal(HttpStatusCode.OK, font.StatusCode);
    }

    [Fact]
    public async Task Outside_development_the_key_ring_is_encrypted_with_the_certificate_and_read_by_every_instance()
    {
        var database = $"production_keys_{Guid.NewGuid():N}";
        await fixture.Postgres.ExecuteAsync($"CREATE DATABASE {database}");
        await using var a = new RegistryApp(fixture.Postgres.ConnectionString(database), redisConfiguration: null, Settings) { Environment = "Production", Demo = false };
        await using var b = a.Twin();
        using var clientA = a.CreateClient();
        using var clientB = b.CreateClient();

        var jwksA = await clientA.GetStringAsync("/.well-known/jwks", Ct);
        var jwksB = await clientB.GetStringAsync("/.well-known/jwks", Ct);

        // B read the signing keys A created, which only the certificate-encrypted key ring can unprotect.
        Assert.Equal(jwksA, jwksB);
        await using var db = a.CreateDbContext();
        var keys = await db.DataProtectionKeys.Select(k => k.Xml).ToListAsync(Ct);
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("encryptedSecret", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        });
        Assert.False(await db.People.AnyAsync(Ct));
    }
}
