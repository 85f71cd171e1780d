using Microsoft.Playwright;

namespace OneWindow.Browser.Tests;

/// <summary>Swagger UI of the embedded default: Authorize with a demo client, then Try it out on a protected endpoint.</summary>
public sealed class SwaggerUiTests(BrowserFixture fixture)
{
    private const string UnitCode = "441202001001GB00001F00010101";

    [Fact]
    public async Task Authorize_with_client_credentials_then_try_it_out_answers_200()
    {
        var elsewhere = new List<string>();
        var page = await fixture.NewLoopbackPageAsync(elsewhere);

        await page.GotoAsync($"{fixture.BaseUrl}/swagger");
        await page.ClickAsync("button.authorize");
        // One section per flow, titled "oauth2 (OAuth2, clientCredentials)".
        var dialog = page.Locator(".auth-container").Filter(new LocatorFilterOptions { HasText = "clientCredentials" });
        await dialog.Locator("#client_id_clientCredentials").FillAsync("demo-bank");
        await dialog.Locator("#client_secret_clientCredentials").FillAsync("demo-secret");
        // The scope's checkbox is drawn by its label.
        await dialog.Locator("label[for='properties:read-clientCredentials-checkbox-oauth2']").ClickAsync();
        await dialog.Locator("button.authorize").ClickAsync();
        await Assertions.Expect(dialog).ToContainTextAsync("Authorized");
        await page.ClickAsync("button.close-modal");

        var operation = page.Locator("#operations-Properties-GetProperty");
        await operation.Locator(".opblock-summary").ClickAsync();
        await operation.Locator("button.try-out__btn").ClickAsync();
        await operation.Locator("input[placeholder='unitCode']").FillAsync(UnitCode);
        await operation.Locator("button.execute").ClickAsync();

        await Assertions.Expect(operation.Locator(".live-responses-table tbody .response-col_status")).ToHaveTextAsync("200");
        await Assertions.Expect(operation.Locator(".live-responses-table")).ToContainTextAsync(UnitCode);
        Assert.Empty(elsewhere);
    }

    [Fact]
    public async Task Authorization_code_with_pkce_signs_a_person_in_through_the_demo_portal()
    {
        var page = await fixture.Browser.NewPageAsync();

        await page.GotoAsync($"{fixture.BaseUrl}/swagger");
        await page.ClickAsync("button.authorize");
        // One section per flow, titled "oauth2 (OAuth2, authorizationCode)".
        var dialog = page.Locator(".auth-container").Filter(new LocatorFilterOptions { HasText = "authorizationCode" });
        // Development and --demo fill in the demo portal, a public client: no secret.
        await Assertions.Expect(dialog.Locator("#client_id_authorizationCode")).ToHaveValueAsync("demo-portal");
        // The scope's checkbox is drawn by its label.
        await dialog.Locator("label[for='properties:read-authorizationCode-checkbox-oauth2']").ClickAsync();
        var signIn = await page.RunAndWaitForPopupAsync(() => dialog.Locator("button.authorize").ClickAsync());
        await signIn.FillAsync("#userName", "demo-staff");
        await signIn.FillAsync("#password", "demo-password");
        await signIn.ClickAsync("button[type=submit]");

        await Assertions.Expect(dialog).ToContainTextAsync("Authorized");
    }

    [Fact]
    public async Task Swagger_ui_declares_the_shipped_font()
    {
        var page = await fixture.Browser.NewPageAsync();

        await page.GotoAsync($"{fixture.BaseUrl}/swagger");
        await Assertions.Expect(page.Locator(".swagger-ui .info .title")).ToBeVisibleAsync();

        var family = await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.swagger-ui .info')).fontFamily");
        Assert.StartsWith("\"OneWindow Kai\"", family, StringComparison.Ordinal);
        // The description is Chinese (互联网+不动产登记): the face is fetched and used for it.
        await page.WaitForFunctionAsync("() => [...document.fonts].some(f => f.family.replaceAll('\"', '') === 'OneWindow Kai' && f.status === 'loaded')");
    }
}
