using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneWindow.Api.Data;

using OneWindow.Api.Tests.Infrastructure;

namespace OneWindow.Api.Tests.Hosting;

/// <summary>The host on the embedded default: no connection strings, a SQLite file, the demo region seeded at start.</summary>
public sealed class EmbeddedHostTests : IAsyncLifetime
{
    private EmbeddedApp _app = null!;

    public ValueTask InitializeAsync()
    {
        _app = new EmbeddedApp();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Embedded_default_serves_health_and_openapi_with_the_demo_region()
    {
        var client = _app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live", TestContext.Current.CancellationToken)).StatusCode);
        var ready = await client.GetAsync("/health/ready", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("\"database\"", await ready.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/swagger/v1/swagger.json", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/swagger/index.html", TestContext.Current.CancellationToken)).StatusCode);

        using var scope = _app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        Assert.True(scope.ServiceProvider.GetRequiredService<RegistryDatabase>().IsEmbedded);
        Assert.Equal(3000, await db.Units.CountAsync(TestContext.Current.CancellationToken));
        Assert.True(await db.RegisterEntries.AnyAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Unknown_path_answers_problem_details_with_a_code()
    {
        var client = _app.CreateClient();

        var response = await client.GetAsync("/no/such/thing", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"code\":\"NOT_FOUND\"", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
