using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneWindow.Api.Data;
using OneWindow.Api.Features.Materials;
using OneWindow.Api.Tests.Infrastructure;
using static OneWindow.Api.Tests.Features.Materials.MaterialSteps;

namespace OneWindow.Api.Tests.Features.Materials;

/// <summary>The same uploads on the embedded default (SQLite): stored once, read back, cleaned up.</summary>
public sealed class EmbeddedMaterialsTests : IAsyncLifetime
{
    private readonly EmbeddedApp _app = new(new Dictionary<string, string?> { ["Materials:CleanupEnabled"] = "false" });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Upload_reads_back_is_stored_once_and_is_cleaned_up_on_SQLite()
    {
        var client = _app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(client));
        var bytes = Pdf();

        var first = await UploadAsync(client, bytes, fileName: "合同.pdf");
        var second = await UploadAsync(client, bytes, fileName: "again.pdf");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        var id = JsonDocument.Parse(await first.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("id").GetString();
        var content = await client.GetAsync($"/api/v1/materials/{id}/content", Ct);
        Assert.Equal(bytes, await content.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal("合同.pdf", content.Content.Headers.ContentDisposition?.FileNameStar);

        using var scope = _app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        Assert.Equal(1, await db.MaterialContents.CountAsync(c => c.Sha256 == Sha256(bytes), Ct));
        Assert.Equal(2, await db.Materials.CountAsync(m => m.Sha256 == Sha256(bytes), Ct));

        var later = DateTime.UtcNow.AddDays(8);
        var cleaned = await MaterialCleanup.RunOnceAsync(db, later, TimeSpan.FromDays(7), Ct);

        Assert.Equal(new MaterialCleanupResult(2, 1), cleaned);
        Assert.False(await db.MaterialContents.AnyAsync(Ct));
    }

    private static async Task<string> TokenAsync(HttpClient client)
    {
        using var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "demo-bank",
            ["client_secret"] = "demo-secret",
        }), Ct);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("access_token").GetString()!;
    }
}
