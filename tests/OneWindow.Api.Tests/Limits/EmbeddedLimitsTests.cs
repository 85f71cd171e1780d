using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OneWindow.Api.Limits;
using OneWindow.Api.Tests.Infrastructure;
using static OneWindow.Api.Tests.Limits.LimitsHosts;

namespace OneWindow.Api.Tests.Limits;

/// <summary>The embedded default (no Redis): the same limits, counted in process; introspection open for the explorer.</summary>
public sealed class EmbeddedLimitsTests : IAsyncLifetime
{
    private EmbeddedApp _app = null!;

    public ValueTask InitializeAsync()
    {
        _app = new EmbeddedApp(Settings(anonymous: 3, anonymousBudget: 25));
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Embedded_default_limits_in_process_and_keeps_introspection_open()
    {
        using var client = _app.CreateClient();

        var introspection = await GraphQLAsync(client, "{ __schema { queryType { name } } }");
        var spent = await GraphQLAsync(client, QueryCosting(20));
        var overBudget = await GraphQLAsync(client, QueryCosting(20));
        using var refused = await client.PostGraphQLAsync("{ apiVersion }");

        Assert.False(_app.Services.GetRequiredService<LimitCounters>().Shared);
        Assert.Equal(HttpStatusCode.OK, introspection.Status);
        Assert.Equal(HttpStatusCode.OK, spent.Status);
        Assert.Equal(25 - 1 - 20, Cost(spent.Body).GetProperty("remaining").GetInt64());
        Assert.Equal(HttpStatusCode.TooManyRequests, overBudget.Status);
        Assert.Equal("QUERY_BUDGET_EXCEEDED", overBudget.Code);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        AssertRateHeaders(refused, limit: 3, remaining: 0);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
    }
}
