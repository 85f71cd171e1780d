using System.Globalization;
using System.Text.Json;

namespace OneWindow.LoadTests;

/// <summary>The tool cannot run: printed as is, exit code 2.</summary>
internal sealed class SetupException(string message) : Exception(message);

/// <summary>A partner client's credentials for <c>POST /connect/token</c> (client credentials grant).</summary>
/// <param name="Scope">Scopes to ask for; null asks for none by name (the token then carries all the client may hold).</param>
internal sealed record ClientCredentials(Uri BaseUrl, string ClientId, string ClientSecret, string? Scope = null);

/// <summary>
/// The Authorization header value the workers send: a fixed bearer token, or one fetched with client credentials
/// from <c>POST /connect/token</c> and refreshed in the background before it expires. Workers read
/// <see cref="Header"/> on every request without a lock; a refresh swaps the string.
/// </summary>
internal sealed class AccessToken : IAsyncDisposable
{
    private static readonly TimeSpan MinimumRefresh = TimeSpan.FromSeconds(5);

    private readonly HttpClient? _client;
    private readonly ClientCredentials? _credentials;
    private readonly TextWriter _log;
    private readonly CancellationTokenSource _stop = new();
    private Task? _refreshLoop;
    private volatile string? _header;

    private AccessToken(string? header, HttpClient? client, ClientCredentials? credentials, TextWriter log)
    {
        _header = header;
        _client = client;
        _credentials = credentials;
        _log = log;
    }

    /// <summary>"Bearer …", or null to send no Authorization header.</summary>
    public string? Header => _header;

    public static async Task<AccessToken> CreateAsync(HttpClient client, LoadOptions options, TextWriter log)
    {
        if (options.Token is not null)
        {
            return new AccessToken("Bearer " + options.Token, null, null, log);
        }
        if (options.ClientId is null)
        {
            return new AccessToken(null, null, null, log);
        }
        return await ForClientAsync(client, new ClientCredentials(options.BaseUrl, options.ClientId, options.ClientSecret!, options.Scope), log);
    }

    /// <summary>A token fetched with client credentials now, and refreshed in the background until disposed.</summary>
    public static async Task<AccessToken> ForClientAsync(HttpClient client, ClientCredentials credentials, TextWriter log)
    {
        var token = new AccessToken(null, client, credentials, log);
        var lifetime = await token.FetchAsync(CancellationToken.None);
        log.WriteLine($"token: client credentials for '{credentials.ClientId}', expires in {lifetime.TotalSeconds:0} s; refreshed in the background");
        token._refreshLoop = token.RefreshLoopAsync(lifetime);
        return token;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_refreshLoop is not null)
        {
            try
            {
                await _refreshLoop;
            }
            catch (OperationCanceledException)
            {
                // Stopped on purpose.
            }
        }
        _stop.Dispose();
    }

    private async Task RefreshLoopAsync(TimeSpan lifetime)
    {
        while (!_stop.IsCancellationRequested)
        {
            // Refresh at three quarters of the lifetime, so a request never carries an expired token.
            var wait = lifetime * 0.75;
            await Task.Delay(wait < MinimumRefresh ? MinimumRefresh : wait, _stop.Token);
            try
            {
                lifetime = await FetchAsync(_stop.Token);
                _log.WriteLine($"token: refreshed, expires in {lifetime.TotalSeconds:0} s");
            }
            catch (SetupException e)
            {
                _log.WriteLine($"token: refresh failed, retrying in {MinimumRefresh.TotalSeconds:0} s: {e.Message}");
                lifetime = MinimumRefresh / 0.75;
            }
        }
    }

    private async Task<TimeSpan> FetchAsync(CancellationToken cancellationToken)
    {
        var credentials = _credentials!;
        var uri = new Uri(credentials.BaseUrl, "connect/token");
        var form = new List<KeyValuePair<string, string>>
        {
            new("grant_type", "client_credentials"),
            new("client_id", credentials.ClientId),
            new("client_secret", credentials.ClientSecret),
        };
        if (credentials.Scope is not null)
        {
            form.Add(new("scope", credentials.Scope));
        }

        HttpResponseMessage response;
        string body;
        try
        {
            using var content = new FormUrlEncodedContent(form);
            response = await _client!.PostAsync(uri, content, cancellationToken);
            body = await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            throw new SetupException($"cannot fetch a token from POST {uri}: {Describe.Exception(e)}. Is the host running at {credentials.BaseUrl}?");
        }

        using (response)
        {
            if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                throw new SetupException($"POST {uri} answered 404: the host has no token endpoint. Pass --token, or run without credentials.");
            }
            if (!response.IsSuccessStatusCode)
            {
                throw new SetupException($"POST {uri} refused client '{credentials.ClientId}': {(int)response.StatusCode} {response.ReasonPhrase}: {Describe.Excerpt(body)}");
            }
            try
            {
                using var json = JsonDocument.Parse(body);
                var root = json.RootElement;
                if (!root.TryGetProperty("access_token", out var accessToken) || accessToken.ValueKind != JsonValueKind.String)
                {
                    throw new SetupException($"POST {uri} answered without an access_token: {Describe.Excerpt(body)}");
                }
                var seconds = 3600d;
                if (root.TryGetProperty("expires_in", out var expiresIn))
                {
                    if (expiresIn.ValueKind == JsonValueKind.Number)
                    {
                        seconds = expiresIn.GetDouble();
                    }
                    else if (expiresIn.ValueKind == JsonValueKind.String
                        && double.TryParse(expiresIn.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
                    {
                        seconds = parsed;
                    }
                }
                _header = "Bearer " + accessToken.GetString();
                return TimeSpan.FromSeconds(Math.Max(seconds, 1));
            }
            catch (JsonException)
            {
                throw new SetupException($"POST {uri} answered something other than JSON: {Describe.Excerpt(body)}");
            }
        }
    }
}
