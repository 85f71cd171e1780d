using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace OneWindow.Api.Tests.Infrastructure;

/// <summary>
/// A person's access token the way a portal gets one: authorization code + PKCE through the demo-portal client,
/// the sign-in page's form (with its anti-forgery token), then the code exchanged at /connect/token.
/// </summary>
public static partial class PersonSignIn
{
    public const string RedirectUri = "http://localhost/signin-callback";

    /// <summary>
    /// A client that keeps cookies and does not follow redirects: the factory's on the in-memory server; on a host that
    /// serves real sockets (Kestrel) one of our own, as the factory's Kestrel client follows redirects whatever it is told.
    /// </summary>
    private static HttpClient CreateClient(WebApplicationFactory<Program> app) =>
        app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>() is Microsoft.AspNetCore.TestHost.TestServer
            ? app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true })
            : new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = app.ClientOptions.BaseAddress };

    public static async Task<string> TokenAsync(WebApplicationFactory<Program> app, string userName, string password = "demo-password", string scope = "openid profile properties:read restrictions:read applications:read applications:submit registry:staff platform:admin certificates:verify events:read")
    {
        using var client = CreateClient(app);
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var authorize = "/connect/authorize?" + string.Join('&', new Dictionary<string, string>
        {
            ["client_id"] = "demo-portal",
            ["response_type"] = "code",
            ["redirect_uri"] = RedirectUri,
            ["scope"] = scope,
            ["state"] = "test-state",
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
        }.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));

        var toSignIn = await client.GetAsync(authorize);
        Assert.Equal(HttpStatusCode.Redirect, toSignIn.StatusCode);
        var page = await client.GetAsync(toSignIn.Headers.Location);
        var html = await page.Content.ReadAsStringAsync();
        var antiforgery = AntiforgeryField().Match(html);
        var returnUrl = WebUtility.HtmlDecode(ReturnUrlField().Match(html).Groups[1].Value);
        var signedIn = await client.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [antiforgery.Groups[1].Value] = WebUtility.HtmlDecode(antiforgery.Groups[2].Value),
            ["returnUrl"] = returnUrl,
            ["userName"] = userName,
            ["password"] = password,
        }));
        if (signedIn.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"sign-in of {userName} failed: {(int)signedIn.StatusCode}");
        }
        var toCallback = await client.GetAsync(signedIn.Headers.Location);
        Assert.Equal(HttpStatusCode.Redirect, toCallback.StatusCode);
        var callback = toCallback.Headers.Location!;
        Assert.StartsWith(RedirectUri, callback.ToString());
        var code = System.Web.HttpUtility.ParseQueryString(callback.Query)["code"]!;

        var token = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = RedirectUri,
            ["client_id"] = "demo-portal",
            ["code_verifier"] = verifier,
        }));
        var body = await token.Content.ReadAsStringAsync();
        if (!token.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"code exchange for {userName} failed: {body}");
        }
        return JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>An HTTP client sending a signed-in person's token.</summary>
    public static async Task<HttpClient> ClientAsync(WebApplicationFactory<Program> app, string userName)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await TokenAsync(app, userName));
        return client;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex("<input type=\"hidden\" name=\"(__RequestVerificationToken[^\"]*)\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("<input type=\"hidden\" name=\"returnUrl\" value=\"([^\"]*)\"")]
    private static partial Regex ReturnUrlField();
}
