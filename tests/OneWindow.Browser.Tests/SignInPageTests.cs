using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace OneWindow.Browser.Tests;

/// <summary>A person signs in through the sign-in page in Chromium: authorization code + PKCE, end to end.</summary>
public sealed class SignInPageTests(BrowserFixture fixture)
{
    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private (string Url, string Verifier) Authorize()
    {
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var url = $"{fixture.BaseUrl}/connect/authorize?client_id=demo-portal&response_type=code"
            + $"&redirect_uri={Uri.EscapeDataString(fixture.BaseUrl + "/signin-callback")}"
            + $"&scope={Uri.EscapeDataString("openid profile registry:staff properties:read")}&state=browser-test"
            + $"&code_challenge={challenge}&code_challenge_method=S256";
        return (url, verifier);
    }

    [Fact]
    public async Task Staff_signs_in_in_the_browser_and_the_code_is_exchanged_for_a_staff_token()
    {
        var (url, verifier) = Authorize();
        var page = await fixture.Browser.NewPageAsync();

        await page.GotoAsync(url);
        Assert.Contains("/account/sign-in", page.Url);
        await page.FillAsync("#userName", "demo-staff");
        await page.FillAsync("#password", "demo-password");
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync("**/signin-callback?**");

        Assert.Equal("browser-test", await page.TextContentAsync("#state"));
        var code = (await page.TextContentAsync("#code"))!.Trim();
        using var http = new HttpClient();
        var response = await http.PostAsync($"{fixture.BaseUrl}/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = "demo-portal",
            ["redirect_uri"] = fixture.BaseUrl + "/signin-callback",
            ["code"] = code,
            ["code_verifier"] = verifier,
        }), TestContext.Current.CancellationToken);
        var token = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.True(response.IsSuccessStatusCode, token.ToString());
        Assert.Contains("registry:staff", token.GetProperty("scope").GetString());
    }

    [Fact]
    public async Task Wrong_password_keeps_the_person_on_the_sign_in_page_with_a_message()
    {
        var (url, _) = Authorize();
        var page = await fixture.Browser.NewPageAsync(new BrowserNewPageOptions { Locale = "en-US", ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = "en" } });

        await page.GotoAsync(url);
        await page.FillAsync("#userName", "demo-staff");
        await page.FillAsync("#password", "wrong");
        await page.ClickAsync("button[type=submit]");

        await Assertions.Expect(page.Locator("[role=alert]")).ToHaveTextAsync("Wrong user name or password.");
        Assert.Contains("/account/sign-in", page.Url);
    }
}
