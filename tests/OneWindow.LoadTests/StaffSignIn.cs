using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Web;

namespace OneWindow.LoadTests;

/// <summary>
/// A person's access token the way a portal gets one (docs/auth.md): authorization code + PKCE through the portal
/// client, the sign-in page's form with its anti-forgery token, then the code exchanged at <c>POST /connect/token</c>.
/// Its own cookie jar and no automatic redirects, so each step is seen.
/// </summary>
internal static partial class StaffSignIn
{
    public const string Scope = "openid profile applications:read registry:staff";

    /// <summary>"Bearer …" for <see cref="BulkOptions.StaffUser"/>.</summary>
    public static async Task<string> HeaderAsync(BulkOptions options)
    {
        using var handler = new SocketsHttpHandler
        {
            UseCookies = true,
            CookieContainer = new CookieContainer(),
            AllowAutoRedirect = false,
            UseProxy = false,
        };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var redirectUri = options.RedirectUri.ToString();
        var query = string.Join('&', new Dictionary<string, string>
        {
            ["client_id"] = options.PortalClient,
            ["response_type"] = "code",
            ["redirect_uri"] = redirectUri,
            ["scope"] = Scope,
            ["state"] = "bulk-benchmark",
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
        }.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));
        var what = $"signing in {options.StaffUser} through {options.PortalClient}";

        try
        {
            // 1. The authorization endpoint sends the browser to the sign-in page.
            using var toSignIn = await client.GetAsync(new Uri(options.BaseUrl, "connect/authorize?" + query));
            var signInPage = Redirect(toSignIn, what, "GET /connect/authorize",
                $"is {redirectUri} a redirect URI of {options.PortalClient}? The host adds others with Auth__DemoPortalRedirectUris__0");
            using var page = await client.GetAsync(new Uri(options.BaseUrl, signInPage));
            var html = await page.Content.ReadAsStringAsync();
            var antiforgery = AntiforgeryField().Match(html);
            var returnUrl = ReturnUrlField().Match(html);
            if (!antiforgery.Success || !returnUrl.Success)
            {
                throw new SetupException($"{what}: the sign-in page ({(int)page.StatusCode}) has no form with an anti-forgery token: {Describe.Excerpt(html)}");
            }

            // 2. The form, posted with the anti-forgery token and its cookie, sends the browser back to authorize.
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                [antiforgery.Groups[1].Value] = WebUtility.HtmlDecode(antiforgery.Groups[2].Value),
                ["returnUrl"] = WebUtility.HtmlDecode(returnUrl.Groups[1].Value),
                ["userName"] = options.StaffUser,
                ["password"] = options.StaffPassword,
            });
            using var signedIn = await client.PostAsync(new Uri(options.BaseUrl, "account/sign-in"), form);
            var back = Redirect(signedIn, what, "POST /account/sign-in", "wrong user name or password?");

            // 3. Authorize again, signed in now: redirected to the portal's callback with the code.
            using var toCallback = await client.GetAsync(new Uri(options.BaseUrl, back));
            var callback = Redirect(toCallback, what, "GET /connect/authorize (signed in)", "does the person's kind allow the scopes " + Scope + "?");
            var code = HttpUtility.ParseQueryString(new Uri(options.RedirectUri, callback).Query)["code"]
                ?? throw new SetupException($"{what}: the callback {callback} carries no code");

            // 4. The code and the verifier for the token.
            using var exchange = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["code"] = code,
                ["redirect_uri"] = redirectUri,
                ["client_id"] = options.PortalClient,
                ["code_verifier"] = verifier,
            });
            using var token = await client.PostAsync(new Uri(options.BaseUrl, "connect/token"), exchange);
            var body = await token.Content.ReadAsStringAsync();
            if (!token.IsSuccessStatusCode)
            {
                throw new SetupException($"{what}: the code exchange answered {(int)token.StatusCode}: {Describe.Excerpt(body)}");
            }
            using var json = JsonDocument.Parse(body);
            return "Bearer " + json.RootElement.GetProperty("access_token").GetString();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException)
        {
            throw new SetupException($"{what}: {Describe.Exception(e)}. Is the host running at {options.BaseUrl}?");
        }
    }

    /// <summary>The Location of a redirect, or a <see cref="SetupException"/> saying which step did not redirect.</summary>
    private static string Redirect(HttpResponseMessage response, string what, string step, string hint)
    {
        if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
        {
            return location.ToString();
        }
        throw new SetupException($"{what}: {step} answered {(int)response.StatusCode} instead of a redirect: {hint}");
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex("<input type=\"hidden\" name=\"(__RequestVerificationToken[^\"]*)\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("<input type=\"hidden\" name=\"returnUrl\" value=\"([^\"]*)\"")]
    private static partial Regex ReturnUrlField();
}
