using System.Text.Json;
using Microsoft.Playwright;

namespace OneWindow.Browser.Tests;

/// <summary>The GraphQL explorer page of the embedded default, used in Chromium.</summary>
public sealed class ExplorerPageTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Explorer_runs_a_query_with_a_token_and_shows_the_answer()
    {
        using var http = new HttpClient();
        var tokenResponse = await http.PostAsync($"{fixture.BaseUrl}/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "demo-bank",
            ["client_secret"] = "demo-secret",
        }), TestContext.Current.CancellationToken);
        var token = JsonDocument.Parse(await tokenResponse.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("access_token").GetString()!;
        var page = await fixture.Browser.NewPageAsync();

        await page.GotoAsync($"{fixture.BaseUrl}/graphql");
        await page.FillAsync("#query", "{ searchProperties(location: \"星湖\", first: 2) { edges { node { unitCode location } } } }");
        await page.FillAsync("#token", token);
        await page.ClickAsync("#run");

        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("HTTP 200");
        var output = await page.TextContentAsync("#output");
        Assert.Contains("441202", output);
        Assert.Contains("星湖", output);
    }

    [Fact]
    public async Task Explorer_without_a_token_shows_the_401_answer()
    {
        var page = await fixture.Browser.NewPageAsync();

        await page.GotoAsync($"{fixture.BaseUrl}/graphql");
        await page.FillAsync("#query", "{ restrictionStatus(unitCode: \"441202001001GB00001F00010101\") { canTransfer } }");
        await page.ClickAsync("#run");

        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("HTTP 401");
        Assert.Contains("UNAUTHENTICATED", await page.TextContentAsync("#output"));
    }
}
