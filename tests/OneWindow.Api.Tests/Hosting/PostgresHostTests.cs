using System.Net;
using System.Text.Json;
using OneWindow.Api.Tests.Infrastructure;

namespace OneWindow.Api.Tests.Hosting;

public sealed class PostgresHostTests(RegistryFixture fixture)
{
    [Fact]
    public async Task Ready_checks_postgres_and_redis()
    {
        await using var app = await RegistryApp.CreateAsync(fixture, nameof(Ready_checks_postgres_and_redis));
        var client = app.CreateClient();

        var response = await client.GetAsync("/health/ready", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var checks = body.RootElement.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("Healthy", checks.GetProperty("redis").GetProperty("status").GetString());
    }
}
