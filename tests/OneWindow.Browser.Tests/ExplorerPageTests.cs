using System.Text.Json;
using Microsoft.Playwright;

namespace OneWindow.Browser.Tests;

/// <summary>GraphiQL, bundled at build time and served by the host of the embedded default, used in Chromium.</summary>
public sealed class ExplorerPageTests(BrowserFixture fixture)
{
    private async Task<string> DemoBankTokenAsync()
    {
        using var http = new HttpClient();
        var response = await http.PostAsync($"{fixture.BaseUrl}/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "demo-bank",
            ["client_secret"] = "demo-secret",
        }), TestContext.Current.CancellationToken);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>The query editor's line that contains <paramref name="text"/> (Monaco draws each line as a .view-line).</summary>
    private static ILocator EditorLine(IPage page, string text) =>
        page.Locator(".graphiql-query-editor .view-line").Filter(new LocatorFilterOptions { HasText = text });

    [Fact]
    public async Task Explorer_runs_the_sample_query_with_a_pasted_token_and_loads_nothing_from_elsewhere()
    {
        var token = await DemoBankTokenAsync();
        var elsewhere = new List<string>();
        var page = await fixture.NewLoopbackPageAsync(elsewhere);

        await page.GotoAsync($"{fixture.BaseUrl}/graphql");
        await Assertions.Expect(EditorLine(page, "searchProperties")).ToBeVisibleAsync();
        await page.FillAsync("#token", token);
        await page.ClickAsync(".graphiql-execute-button");

        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("HTTP 200");
        await Assertions.Expect(page.Locator(".graphiql-response")).ToContainTextAsync("441202");
        await Assertions.Expect(page.Locator(".graphiql-response")).ToContainTextAsync("星湖");
        Assert.Empty(elsewhere);
    }

    [Fact]
    public async Task Demo_token_button_fills_the_token_field()
    {
        var page = await fixture.Browser.NewPageAsync();

        await page.GotoAsync($"{fixture.BaseUrl}/graphql");
        await page.ClickAsync("#demo-token");

        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("demo-bank");
        Assert.StartsWith("eyJ", await page.InputValueAsync("#token"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explorer_without_a_token_shows_the_401_answer()
    {
        var page = await fixture.Browser.NewPageAsync();

        await page.GotoAsync($"{fixture.BaseUrl}/graphql");
        await Assertions.Expect(EditorLine(page, "searchProperties")).ToBeVisibleAsync();
        await page.ClickAsync(".graphiql-execute-button");

        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("HTTP 401");
        await Assertions.Expect(page.Locator(".graphiql-response")).ToContainTextAsync("UNAUTHENTICATED");
    }

    [Fact]
    public async Task Typing_in_the_query_editor_offers_the_schema_fields()
    {
        var page = await fixture.Browser.NewPageAsync();

        await page.GotoAsync($"{fixture.BaseUrl}/graphql");
        // Completion comes from the schema the page read by introspection (open to anonymous callers on the embedded default).
        await Assertions.Expect(EditorLine(page, "unitCode")).ToBeVisibleAsync();
        await EditorLine(page, "unitCode").ClickAsync();
        await page.Keyboard.PressAsync("End");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.TypeAsync("unit");

        await Assertions.Expect(page.Locator(".suggest-widget")).ToContainTextAsync("unitCode");
    }

    [Fact]
    public async Task Docs_pane_lists_the_query_fields()
    {
        var page = await fixture.Browser.NewPageAsync();

        await page.GotoAsync($"{fixture.BaseUrl}/graphql");
        // The button appears once GraphiQL has read the schema: on a loaded machine that can take longer than a click
        // waits (30 s), so the assertion (90 s) waits for it first.
        await Assertions.Expect(page.Locator("[aria-label='Show Documentation Explorer']")).ToBeVisibleAsync();
        await page.ClickAsync("[aria-label='Show Documentation Explorer']");
        var docs = page.Locator(".graphiql-doc-explorer");
        await docs.GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = "Query", Exact = true }).ClickAsync();

        await Assertions.Expect(docs).ToContainTextAsync("searchProperties");
        await Assertions.Expect(docs).ToContainTextAsync("restrictionStatus");
    }

    [Fact]
    public async Task Chinese_text_is_drawn_in_the_shipped_font()
    {
        var page = await fixture.Browser.NewPageAsync();
        var font = page.WaitForResponseAsync(response => response.Url.EndsWith("/assets/fonts/OneWindowKai.woff2", StringComparison.Ordinal));

        await page.GotoAsync($"{fixture.BaseUrl}/graphql");

        Assert.Equal(200, (await font).Status);
        // The face is loaded (not merely declared) and first in the page's families.
        await page.WaitForFunctionAsync("() => [...document.fonts].some(f => f.family.replaceAll('\"', '') === 'OneWindow Kai' && f.status === 'loaded')");
        Assert.True(await page.EvaluateAsync<bool>("() => document.fonts.check('14px \"OneWindow Kai\"', '不动产登记')"));
        var family = await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.graphiql-container')).fontFamily");
        Assert.StartsWith("\"OneWindow Kai\"", family, StringComparison.Ordinal);
    }
}
