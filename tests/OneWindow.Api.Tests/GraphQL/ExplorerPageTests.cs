using System.Net;

using OneWindow.Api.Tests.Infrastructure;

namespace OneWindow.Api.Tests.GraphQL;

/// <summary>GraphiQL, the CJK font and Swagger UI as the embedded default serves them (a temporary SQLite file, the demo region seeded).</summary>
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
    public async Task Get_from_a_browser_on_the_embedded_default_answers_the_graphiql_page()
    {
        var client = _app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql");
        request.Headers.TryAddWithoutValidation("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");

        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("<div id=\"root\">", html, StringComparison.Ordinal);
        Assert.Matches("<script type=\"module\" crossorigin src=\"/graphiql/assets/index-[^\"]+\\.js\"></script>", html);
        Assert.Contains("href=\"/assets/fonts/onewindow-kai.css\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        var policy = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains("worker-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self'", policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_scripts_and_styles_are_served_by_the_host_and_cached_for_a_year()
    {
        var client = _app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql");
        request.Headers.TryAddWithoutValidation("Accept", "text/html");
        var html = await (await client.SendAsync(request, TestContext.Current.CancellationToken)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var assets = System.Text.RegularExpressions.Regex.Matches(html, "(?:src|href)=\"(/graphiql/[^\"]+)\"").Select(m => m.Groups[1].Value).ToList();

        Assert.Equal(2, assets.Count);
        foreach (var asset in assets)
        {
            var response = await client.GetAsync(asset, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(response.Content.Headers.ContentType?.MediaType, new[] { "text/javascript", "text/css" });
            Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
        }
        // The page itself is only GET /graphql, with its policy.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/graphiql/index.html", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task The_cjk_font_is_served_as_woff2_with_a_long_cache()
    {
        var client = _app.CreateClient();

        var font = await client.GetAsync("/assets/fonts/OneWindowKai.woff2", TestContext.Current.CancellationToken);
        var css = await client.GetStringAsync("/assets/fonts/onewindow-kai.css", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, font.StatusCode);
        Assert.Equal("font/woff2", font.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromDays(365), font.Headers.CacheControl?.MaxAge);
        Assert.Contains("font-family: \"OneWindow Kai\"", css, StringComparison.Ordinal);
        Assert.Contains("url(\"/assets/fonts/OneWindowKai.woff2\")", css, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Swagger_ui_uses_the_font_and_fills_in_the_demo_portal_with_pkce()
    {
        var client = _app.CreateClient();

        var index = await client.GetStringAsync("/swagger/index.html", TestContext.Current.CancellationToken);
        var script = await client.GetStringAsync("/swagger/index.js", TestContext.Current.CancellationToken);

        Assert.Contains("href='/assets/fonts/onewindow-kai.css'", index, StringComparison.Ordinal);
        Assert.Contains("href='/assets/fonts/swagger-ui.css'", index, StringComparison.Ordinal);
        Assert.Contains("\"clientId\":\"demo-portal\"", script, StringComparison.Ordinal);
        Assert.Contains("\"usePkceWithAuthorizationCodeGrant\":true", script, StringComparison.Ordinal);
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
