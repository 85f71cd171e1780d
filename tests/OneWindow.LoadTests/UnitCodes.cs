using System.Net;
using System.Text.Json;

namespace OneWindow.LoadTests;

/// <summary>
/// The unit codes the scenarios read: a small hot set for cached mode and a large pool of other codes for uncached
/// mode, from <c>--units-file</c> or discovered from the host's location search.
/// </summary>
internal sealed class UnitCodes
{
    private const int PageSize = 100;

    private UnitCodes(string[] hot, string[] pool)
    {
        Hot = hot;
        Pool = pool;
    }

    /// <summary>Codes cycled through in cached mode; each is touched once before a cached scenario.</summary>
    public string[] Hot { get; }

    /// <summary>Codes walked through in uncached mode, in a shuffled but fixed order, disjoint from <see cref="Hot"/> when there are enough.</summary>
    public string[] Pool { get; }

    public static async Task<UnitCodes> LoadAsync(HttpClient client, LoadOptions options, AccessToken token, TextWriter log)
    {
        var wanted = options.Uncached ? Math.Max(options.MaxUnits, options.HotSet + 1) : options.HotSet;
        List<string> codes;
        if (options.UnitsFile is not null)
        {
            codes = await ReadFileAsync(options.UnitsFile, "--units-file");
            log.WriteLine($"unit codes: {codes.Count} distinct from {options.UnitsFile}");
        }
        else
        {
            codes = await DiscoverAsync(client, options, token, wanted, log);
        }
        return Split(codes, options, log);
    }

    /// <summary>
    /// The certificates the verification scenario verifies, from <c>--certificates-file</c>: "number TAB verification
    /// code" a line (a dump of the certificates table; docs/performance.md), split into a hot set and a pool like unit codes.
    /// </summary>
    public static async Task<UnitCodes> LoadCertificatesAsync(LoadOptions options, TextWriter log)
    {
        var path = options.CertificatesFile ?? throw new SetupException("the verify scenario needs --certificates-file (number TAB code a line)");
        var lines = await ReadFileAsync(path, "--certificates-file");
        if (lines.FirstOrDefault(l => l.Split('\t') is not [{ Length: > 0 }, { Length: > 0 }]) is { } bad)
        {
            throw new SetupException($"--certificates-file {path}: '{bad}' is not 'number TAB verification code'");
        }
        log.WriteLine($"certificates: {lines.Count} distinct from {path}");
        return Split(lines, options, log);
    }

    private static UnitCodes Split(List<string> codes, LoadOptions options, TextWriter log)
    {
        var hotCount = Math.Min(options.HotSet, codes.Count);
        var hot = codes.GetRange(0, hotCount).ToArray();
        string[] pool;
        if (codes.Count > hotCount)
        {
            pool = codes.GetRange(hotCount, Math.Min(codes.Count - hotCount, Math.Max(options.MaxUnits, 1))).ToArray();
        }
        else
        {
            pool = [.. codes];
            if (options.Uncached)
            {
                log.WriteLine($"warning: only {codes.Count} unit codes: uncached mode reuses the hot set, so its reads will mostly be cache hits");
            }
        }
        if (hotCount < options.HotSet && options.Cached)
        {
            log.WriteLine($"warning: the hot set has {hotCount} codes, fewer than --hot-set {options.HotSet}");
        }
        // Discovery returns codes in key order; a shuffled pool makes uncached reads random access, as partners'
        // are. The seed is fixed so two runs read in the same order.
        new Random(20261125).Shuffle(pool);
        return new UnitCodes(hot, pool);
    }

    private static async Task<List<string>> ReadFileAsync(string path, string option)
    {
        string[] lines;
        try
        {
            lines = await File.ReadAllLinesAsync(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SetupException($"cannot read {option} {path}: {e.Message}");
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var codes = new List<string>(lines.Length);
        foreach (var line in lines)
        {
            var code = line.Trim();
            if (code.Length > 0 && !code.StartsWith('#') && seen.Add(code))
            {
                codes.Add(code);
            }
        }
        if (codes.Count == 0)
        {
            throw new SetupException($"{option} {path} holds nothing (one item per line expected)");
        }
        return codes;
    }

    /// <summary>
    /// Pages through <c>GET /api/v1/properties?location=…&amp;limit=100&amp;after=…</c> until it has
    /// <paramref name="wanted"/> codes or the host has no more. Tolerant of the page's shape: items under
    /// <c>items</c> (or <c>nodes</c>, <c>data</c>, or a bare array) with a <c>unitCode</c> each, and the next
    /// cursor in <c>nextCursor</c> (or <c>pageInfo.endCursor</c> with <c>hasNextPage</c>).
    /// </summary>
    private static async Task<List<string>> DiscoverAsync(HttpClient client, LoadOptions options, AccessToken token, int wanted, TextWriter log)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var codes = new List<string>();
        var cursors = new HashSet<string>(StringComparer.Ordinal);
        string? cursor = null;
        var pages = 0;
        log.WriteLine($"unit codes: discovering up to {wanted} from GET /api/v1/properties?location={options.Location} …");
        while (codes.Count < wanted)
        {
            var path = $"api/v1/properties?location={Uri.EscapeDataString(options.Location)}&limit={PageSize}"
                + (cursor is null ? "" : "&after=" + Uri.EscapeDataString(cursor));
            var uri = new Uri(options.BaseUrl, path);
            Page page;
            try
            {
                page = await FetchPageAsync(client, uri, token);
            }
            catch (SetupException e) when (codes.Count > 0)
            {
                log.WriteLine($"warning: discovery stopped after {codes.Count} codes: {e.Message}");
                break;
            }
            pages++;
            var added = 0;
            foreach (var code in page.Codes)
            {
                if (seen.Add(code))
                {
                    codes.Add(code);
                    added++;
                }
            }
            if (pages % 50 == 0)
            {
                log.WriteLine($"unit codes: {codes.Count} after {pages} pages");
            }
            if (added == 0 || page.NextCursor is null || !cursors.Add(page.NextCursor))
            {
                break;
            }
            cursor = page.NextCursor;
        }

        if (codes.Count == 0)
        {
            throw new SetupException(
                $"the location search for '{options.Location}' found no unit codes at {options.BaseUrl}: is the demo region seeded? "
                + "Pass --location with a location that matches, or --units-file FILE with one unit code per line.");
        }
        if (codes.Count > wanted)
        {
            codes.RemoveRange(wanted, codes.Count - wanted);
        }
        log.WriteLine($"unit codes: {codes.Count} discovered in {pages} page(s)");
        return codes;
    }

    private sealed record Page(List<string> Codes, string? NextCursor);

    private static async Task<Page> FetchPageAsync(HttpClient client, Uri uri, AccessToken token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        if (token.Header is { } authorization)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }
        string body;
        HttpStatusCode status;
        try
        {
            using var response = await client.SendAsync(request);
            status = response.StatusCode;
            body = await response.Content.ReadAsStringAsync();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            throw new SetupException($"cannot reach the host to discover unit codes (GET {uri}): {Describe.Exception(e)}. Is the host running?");
        }

        const string Alternative = "Pass --units-file FILE with one unit code per line to skip discovery.";
        switch (status)
        {
            case HttpStatusCode.NotFound:
                throw new SetupException($"GET {uri} answered 404: the host has no property search (or nothing matched). {Alternative}");
            case HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden:
                throw new SetupException(
                    $"GET {uri} answered {(int)status}: the property search needs authorization. "
                    + $"Pass --token TOKEN or --client-id demo-bank --client-secret demo-secret (scope properties:read). {Alternative}");
            case < HttpStatusCode.OK or >= HttpStatusCode.MultipleChoices:
                throw new SetupException($"GET {uri} answered {(int)status}: {Describe.Excerpt(body)}. {Alternative}");
        }

        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            var items = root.ValueKind == JsonValueKind.Array ? root : FindArray(root, "items", "nodes", "data", "results");
            if (items is null)
            {
                throw new SetupException($"GET {uri} answered JSON without an 'items' array: {Describe.Excerpt(body)}. {Alternative}");
            }
            var codes = new List<string>(items.Value.GetArrayLength());
            foreach (var item in items.Value.EnumerateArray())
            {
                var code = item.ValueKind switch
                {
                    JsonValueKind.String => item.GetString(),
                    JsonValueKind.Object => FindString(item, "unitCode") ?? FindString(FindObject(item, "node"), "unitCode"),
                    _ => null,
                };
                if (!string.IsNullOrWhiteSpace(code))
                {
                    codes.Add(code);
                }
            }
            if (items.Value.GetArrayLength() > 0 && codes.Count == 0)
            {
                throw new SetupException($"GET {uri} answered items without a 'unitCode': {Describe.Excerpt(body)}. {Alternative}");
            }

            string? next = null;
            if (root.ValueKind == JsonValueKind.Object)
            {
                next = FindString(root, "nextCursor");
                var pageInfo = FindObject(root, "pageInfo");
                if (next is null && pageInfo is { } info && info.TryGetProperty("hasNextPage", out var more) && more.ValueKind == JsonValueKind.True)
                {
                    next = FindString(info, "endCursor");
                }
            }
            return new Page(codes, string.IsNullOrEmpty(next) ? null : next);
        }
        catch (JsonException)
        {
            throw new SetupException($"GET {uri} answered something other than JSON: {Describe.Excerpt(body)}. {Alternative}");
        }
    }

    private static JsonElement? FindArray(JsonElement element, params string[] names)
    {
        foreach (var name in names)
        {
            if (Find(element, name) is { ValueKind: JsonValueKind.Array } array)
            {
                return array;
            }
        }
        return null;
    }

    private static JsonElement? FindObject(JsonElement? element, string name) =>
        element is { } e && Find(e, name) is { ValueKind: JsonValueKind.Object } found ? found : null;

    private static string? FindString(JsonElement? element, string name) =>
        element is { } e && Find(e, name) is { ValueKind: JsonValueKind.String } found ? found.GetString() : null;

    /// <summary>A property by name, ignoring case (unitCode, UnitCode, unitcode).</summary>
    private static JsonElement? Find(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }
        return null;
    }
}
