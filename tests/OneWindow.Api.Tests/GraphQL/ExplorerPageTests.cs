using System.Net;

using OneWindow.Api.Tests.Infrastructure;

namespace OneWindow.Api.Tests.GraphQL;

/// <summary>The explorer page, served on the embedded default (a temporary SQLite file, the demo region seeded).</summary>
public sealed class ExplorerPageTests : IAsyncLifetime
{
    private EmbeddedApp _app = null!;

    public ValueTask InitializeAsync()
    {
        _app = new EmbeddedApp();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Get_from_a_browser_on_the_embedded_default_answers_the_explorer_page()
    {
        var client = _app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql");
        request.Headers.TryAddWithoutValidation("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");

        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("<textarea id=\"query\"", html, StringComparison.Ordinal);
        Assert.Contains("<textarea id=\"variables\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"run\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"schema\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        var policy = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("connect-src 'self'", policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_with_a_query_on_the_embedded_default_is_still_a_graphql_request()
    {
        var client = _app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql?query=%7BapiVersion%7D");
        request.Headers.TryAddWithoutValidation("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");

        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/graphql-response+json", response.Content.Headers.ContentType?.MediaType);
        // The data first; extensions.cost (Limits) follows it.
        Assert.StartsWith("{\"data\":{\"apiVersion\":\"v1\"}", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
