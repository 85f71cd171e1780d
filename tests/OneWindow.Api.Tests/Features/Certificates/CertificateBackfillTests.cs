using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneWindow.Api.Data;
using OneWindow.Api.Tests.Infrastructure;

namespace OneWindow.Api.Tests.Features.Certificates;

/// <summary>
/// The register's older certificates (the demo region's, seeded unsigned) are signed in the background after the start:
/// on PostgreSQL by two instances at once without either undoing the other's, on the embedded default in short write
/// transactions; afterwards every one verifies by its token and by number and code without being produced on read.
/// </summary>
public sealed class CertificateBackfillTests(RegistryFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Dictionary<string, string?> Backfill = new() { ["Certificates:BackfillBatchSize"] = "100" };

    /// <summary>Generous: the region's few thousand certificates take seconds, a loaded 2-core machine much longer.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Two_instances_on_PostgreSQL_sign_every_demo_certificate_once_and_each_verifies_by_its_token()
    {
        await using var a = await RegistryApp.CreateAsync(fixture, "certificate backfill", settings: Backfill);
        await using var b = a.Twin();
        await using (var db = a.CreateDbContext())
        {
            Assert.True(await db.Certificates.CountAsync(c => c.Payload == null, Ct) > 1000);
        }
        using var clientA = a.CreateClient();
        using var clientB = b.CreateClient();

        await WaitUntilSignedAsync(a.CreateDbContext);

        await using var check = a.CreateDbContext();
        var certificates = await check.Certificates.AsNoTracking().OrderBy(c => c.Id).ToListAsync(Ct);
        Assert.All(certificates, c =>
        {
            Assert.NotNull(c.Payload);
            Assert.NotNull(c.Token);
            Assert.NotNull(c.Sm2Token);
            Assert.NotNull(c.ProducedAt);
        });
        foreach (var certificate in new[] { certificates[0], certificates[certificates.Count / 2], certificates[^1] })
        {
            var answer = await VerifyAsync(clientB, new { token = certificate.Token });
            Assert.True(answer.GetProperty("authentic").GetBoolean(), certificate.Number);
            Assert.Equal(certificate.Number, answer.GetProperty("number").GetString());
            var sm2 = await VerifyAsync(clientA, new { token = certificate.Sm2Token });
            Assert.True(sm2.GetProperty("authentic").GetBoolean(), certificate.Number);
        }
    }

    [Fact]
    public async Task The_embedded_default_signs_every_demo_certificate_after_the_start()
    {
        await using var app = new EmbeddedApp(Backfill);
        using var client = app.CreateClient();

        await WaitUntilSignedAsync(() => app.Services.CreateScope().ServiceProvider.GetRequiredService<RegistryDbContext>());

        await using var db = app.Services.CreateAsyncScope().ServiceProvider.GetRequiredService<RegistryDbContext>();
        var certificate = await db.Certificates.AsNoTracking().OrderByDescending(c => c.Id).FirstAsync(Ct);
        var stored = certificate.Payload;
        var answer = await VerifyAsync(client, new { number = certificate.Number, verificationCode = certificate.VerificationCode });
        Assert.True(answer.GetProperty("authentic").GetBoolean());
        Assert.Equal(stored, (await db.Certificates.AsNoTracking().SingleAsync(c => c.Id == certificate.Id, Ct)).Payload);
    }

    private static async Task WaitUntilSignedAsync(Func<RegistryDbContext> context)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            await using (var db = context())
            {
                if (!await db.Certificates.AnyAsync(c => c.Payload == null, Ct))
                {
                    return;
                }
            }
            Assert.True(DateTime.UtcNow < deadline, "the demo certificates were not all signed in time");
            await Task.Delay(TimeSpan.FromMilliseconds(250), Ct);
        }
    }

    private static async Task<JsonElement> VerifyAsync(HttpClient client, object body) =>
        await Json.ReadAsync(await client.PostAsJsonAsync("/api/v1/certificates/verifications", body, Ct));
}
