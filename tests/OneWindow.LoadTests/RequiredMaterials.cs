using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace OneWindow.LoadTests;

/// <summary>
/// The materials a business type needs, uploaded once per caller before anything is timed: the checklist from
/// <c>GET /api/v1/material-checklists</c>, then one small PDF per required material through
/// <c>POST /api/v1/materials</c> (docs/materials.md). Every submission of the caller references the same uploads.
/// </summary>
internal static class RequiredMaterials
{
    public static async Task<IReadOnlyList<BulkRequests.MaterialBody>> UploadAsync(
        HttpClient client, Uri baseUrl, AccessToken token, string businessType, IReadOnlyList<string> circumstances, TextWriter log)
    {
        try
        {
            return await UploadRequiredAsync(client, baseUrl, token, businessType, circumstances, log);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new SetupException($"materials for {businessType}: an answer this tool cannot read: {e.Message}");
        }
    }

    private static async Task<IReadOnlyList<BulkRequests.MaterialBody>> UploadRequiredAsync(
        HttpClient client, Uri baseUrl, AccessToken token, string businessType, IReadOnlyList<string> circumstances, TextWriter log)
    {
        var codes = await RequiredCodesAsync(client, baseUrl, token, businessType, circumstances);
        var references = new List<BulkRequests.MaterialBody>(codes.Count);
        foreach (var code in codes)
        {
            var bytes = Encoding.ASCII.GetBytes($"%PDF-1.4\n% OneWindow bulk benchmark {code} {Guid.NewGuid():N}\n%%EOF\n");
            using var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(file, "file", $"{code.ToLowerInvariant()}.pdf");
            form.Add(new StringContent(Convert.ToHexStringLower(SHA256.HashData(bytes))), "sha256");
            form.Add(new StringContent(code), "materialCode");
            var uri = new Uri(baseUrl, "api/v1/materials");
            var body = await SendAsync(client, new HttpRequestMessage(HttpMethod.Post, uri) { Content = form }, token, 201, $"uploading {code}");
            using var json = JsonDocument.Parse(body);
            references.Add(new BulkRequests.MaterialBody(json.RootElement.GetProperty("id").GetString()!, code));
        }
        log.WriteLine($"materials: {businessType}: uploaded {string.Join(", ", codes)}");
        return references;
    }

    private static async Task<List<string>> RequiredCodesAsync(
        HttpClient client, Uri baseUrl, AccessToken token, string businessType, IReadOnlyList<string> circumstances)
    {
        var query = $"api/v1/material-checklists?businessType={businessType}"
            + (circumstances.Count == 0 ? "" : "&circumstances=" + Uri.EscapeDataString(string.Join(',', circumstances)));
        var body = await SendAsync(client, new HttpRequestMessage(HttpMethod.Get, new Uri(baseUrl, query)), token, 200, $"reading the {businessType} checklist");
        using var json = JsonDocument.Parse(body);
        var codes = new List<string>();
        foreach (var item in json.RootElement.GetProperty("items").EnumerateArray())
        {
            if (item.GetProperty("requirement").GetString() == "REQUIRED")
            {
                codes.Add(item.GetProperty("code").GetString()!);
            }
        }
        return codes;
    }

    private static async Task<string> SendAsync(HttpClient client, HttpRequestMessage request, AccessToken token, int expected, string what)
    {
        using (request)
        {
            request.Headers.TryAddWithoutValidation("Authorization", token.Header);
            try
            {
                using var response = await client.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                if ((int)response.StatusCode != expected)
                {
                    throw new SetupException($"{what}: {request.Method} {request.RequestUri} answered {(int)response.StatusCode}: {Describe.Excerpt(body)}");
                }
                return body;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                throw new SetupException($"{what}: {Describe.Exception(e)}. Is the host running at {request.RequestUri?.GetLeftPart(UriPartial.Authority)}?");
            }
        }
    }
}
