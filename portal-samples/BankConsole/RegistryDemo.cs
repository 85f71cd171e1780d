using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace OneWindow.Samples.BankConsole;

/// <summary>
/// NOT the bank's code: the registry's side of the demo (--registry-demo), so that one command shows a mortgage go all
/// the way to the register on the embedded default. It signs in as the published demo people of docs/auth.md (the
/// operator and a registrar, password demo-password) the way a portal does — authorization code + PKCE through the
/// sign-in page, plain HttpClient, no SDK — and takes the real workflow's steps: the operator approves the demo bank's
/// branches as an authorised channel (once), and the registrar accepts, reviews, records (登簿), prepares the
/// certificate (缮证) and completes each mortgage registration the bank filed. Nothing here is open to a partner.
/// </summary>
public sealed partial class RegistryDemo(Func<string, CancellationToken, Task<HttpClient>> signIn)
{
    /// <summary>The registrar's steps from SUBMITTED to COMPLETED (docs/applications.md, "The workflow").</summary>
    public static readonly string[] Steps = ["accept", "start-review", "record", "prepare-certificate", "complete"];

    private HttpClient? _staff;

    /// <summary>Applications the registrar took to the end, in that order.</summary>
    public List<string> Completed { get; } = [];

    /// <summary>A person signed in on the demo portal at <paramref name="baseUrl"/>: an HttpClient sending their access token.</summary>
    public static Func<string, CancellationToken, Task<HttpClient>> SignInAt(Uri baseUrl, HttpMessageHandler? transport = null) =>
        async (userName, cancellationToken) =>
        {
            var scope = userName == "demo-operator" ? "openid platform:admin" : "openid applications:read registry:staff";
            var token = await TokenAsync(baseUrl, userName, "demo-password", scope, cancellationToken).ConfigureAwait(false);
            var client = transport is null ? new HttpClient() : new HttpClient(transport, disposeHandler: false);
            client.BaseAddress = baseUrl;
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return client;
        };

    /// <summary>
    /// As the demo operator: approves the partner with credit code <paramref name="creditCode"/> as an authorised channel
    /// unless it is one already. Returns whether it changed anything.
    /// </summary>
    public async Task<bool> ApproveChannelAsync(string creditCode, CancellationToken cancellationToken = default)
    {
        using var operatorClient = await signIn("demo-operator", cancellationToken).ConfigureAwait(false);
        string? after = null;
        do
        {
            var page = await ReadAsync(operatorClient, "/api/v1/admin/partners?limit=100" + (after is null ? "" : "&after=" + Uri.EscapeDataString(after)), cancellationToken).ConfigureAwait(false);
            foreach (var partner in page.GetProperty("items").EnumerateArray())
            {
                if (partner.GetProperty("creditCode").GetString() != creditCode)
                {
                    continue;
                }
                if (partner.GetProperty("authorisedChannel").GetBoolean())
                {
                    return false;
                }
                var id = partner.GetProperty("id").GetRawText().Trim('"');
                using var response = await operatorClient.PutAsJsonAsync($"/api/v1/admin/partners/{id}/authorised-channel",
                    new { authorised = true, note = "示范：网点面签（BankConsole --registry-demo）" }, cancellationToken).ConfigureAwait(false);
                await EnsureAsync(response, "authorised-channel", cancellationToken).ConfigureAwait(false);
                return true;
            }
            after = page.TryGetProperty("nextCursor", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (after is not null);
        throw new InvalidOperationException($"no partner with credit code {creditCode}");
    }

    /// <summary>
    /// As the demo registrar, until <paramref name="cancellationToken"/> is cancelled: every <paramref name="interval"/>,
    /// finds the submitted mortgage registrations that <paramref name="mine"/> selects and takes each through every step.
    /// </summary>
    public async Task WorkAsync(Func<string, bool> mine, TimeSpan interval, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mine);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                foreach (var number in await SubmittedAsync(cancellationToken).ConfigureAwait(false))
                {
                    if (!mine(number))
                    {
                        continue;
                    }
                    foreach (var step in Steps)
                    {
                        await StepAsync(number, step, cancellationToken).ConfigureAwait(false);
                    }
                    lock (Completed)
                    {
                        Completed.Add(number);
                    }
                }
                await Task.Delay(interval, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The bank has what it waited for.
        }
        finally
        {
            _staff?.Dispose();
        }
    }

    private async Task<List<string>> SubmittedAsync(CancellationToken cancellationToken)
    {
        var numbers = new List<string>();
        string? after = null;
        do
        {
            var page = await StaffAsync(client => client.GetAsync("/api/v1/applications?status=SUBMITTED&businessType=MORTGAGE_REGISTRATION_GENERAL&limit=100"
                + (after is null ? "" : "&after=" + Uri.EscapeDataString(after)), cancellationToken), "list", cancellationToken).ConfigureAwait(false);
            numbers.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("businessNumber").GetString()!));
            after = page.TryGetProperty("nextCursor", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (after is not null);
        // Oldest first, as a registry works its queue.
        numbers.Reverse();
        return numbers;
    }

    private Task<JsonElement> StepAsync(string businessNumber, string step, CancellationToken cancellationToken) =>
        StaffAsync(client => client.PostAsJsonAsync($"/api/v1/applications/{businessNumber}/{step}", new { }, cancellationToken), $"{businessNumber} {step}", cancellationToken);

    /// <summary>A registrar's call; signed in again once when the token has expired (10 minutes by default).</summary>
    private async Task<JsonElement> StaffAsync(Func<HttpClient, Task<HttpResponseMessage>> call, string what, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            _staff ??= await signIn("demo-staff", cancellationToken).ConfigureAwait(false);
            using var response = await call(_staff).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 1)
            {
                _staff.Dispose();
                _staff = null;
                continue;
            }
            await EnsureAsync(response, what, cancellationToken).ConfigureAwait(false);
            return await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<JsonElement> ReadAsync(HttpClient client, string path, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(path, cancellationToken).ConfigureAwait(false);
        await EnsureAsync(response, path, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken).ConfigureAwait(false);
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"registry side, {what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)}");
        }
    }

    /// <summary>
    /// A person's access token as the demo portal gets it (docs/auth.md, "People sign in"; docs/examples/sign-in.sh does
    /// the same with curl): /connect/authorize with a PKCE challenge → the sign-in page → the form with its anti-forgery
    /// field → the redirect with the code → the code exchanged with the verifier.
    /// </summary>
    public static async Task<string> TokenAsync(Uri baseUrl, string userName, string password, string scope, CancellationToken cancellationToken = default)
    {
        const string Redirect = "http://localhost/signin-callback";
        using var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() };
        using var http = new HttpClient(handler) { BaseAddress = baseUrl };
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var authorize = "/connect/authorize?client_id=demo-portal&response_type=code&state=bank-console&code_challenge_method=S256"
            + $"&code_challenge={challenge}&redirect_uri={Uri.EscapeDataString(Redirect)}&scope={Uri.EscapeDataString(scope)}";
        using var toSignIn = await http.GetAsync(authorize, cancellationToken).ConfigureAwait(false);
        var page = await http.GetStringAsync(toSignIn.Headers.Location ?? throw Failed("authorize", toSignIn), cancellationToken).ConfigureAwait(false);
        var antiforgery = AntiforgeryField().Match(page);
        var returnUrl = WebUtility.HtmlDecode(ReturnUrlField().Match(page).Groups[1].Value);
        using var signedIn = await http.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [antiforgery.Groups[1].Value] = WebUtility.HtmlDecode(antiforgery.Groups[2].Value),
            ["returnUrl"] = returnUrl,
            ["userName"] = userName,
            ["password"] = password,
        }), cancellationToken).ConfigureAwait(false);
        using var toCallback = await http.GetAsync(signedIn.Headers.Location ?? throw Failed("sign-in of " + userName, signedIn), cancellationToken).ConfigureAwait(false);
        var callback = toCallback.Headers.Location ?? throw Failed("authorize after sign-in", toCallback);
        var code = CodeParameter().Match(callback.Query).Groups[1].Value;
        using var token = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = Uri.UnescapeDataString(code),
            ["redirect_uri"] = Redirect,
            ["client_id"] = "demo-portal",
            ["code_verifier"] = verifier,
        }), cancellationToken).ConfigureAwait(false);
        var body = await token.Content.ReadFromJsonAsync<JsonElement>(cancellationToken).ConfigureAwait(false);
        return token.IsSuccessStatusCode ? body.GetProperty("access_token").GetString()! : throw Failed("code exchange", token);
    }

    private static InvalidOperationException Failed(string what, HttpResponseMessage response) =>
        new($"registry side, {what}: {(int)response.StatusCode} (is the host the embedded default with its demo people?)");

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex("<input type=\"hidden\" name=\"(__RequestVerificationToken[^\"]*)\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("<input type=\"hidden\" name=\"returnUrl\" value=\"([^\"]*)\"")]
    private static partial Regex ReturnUrlField();

    [GeneratedRegex("[?&]code=([^&]*)")]
    private static partial Regex CodeParameter();
}
