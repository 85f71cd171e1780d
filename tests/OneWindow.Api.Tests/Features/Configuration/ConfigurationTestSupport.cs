using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OneWindow.Api.Tests.Infrastructure;

namespace OneWindow.Api.Tests.Features.Configuration;

/// <summary>The operator's reads and replacements of the configuration documents, and waiting for an instance to see one.</summary>
public static class ConfigurationSteps
{
    /// <summary>How often hosts under test re-read a document's stored version: small, so a test waits little.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromMilliseconds(300);

    public static IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Configuration:RefreshInterval"] = RefreshInterval.ToString(),
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>GET a document: its text and the version its ETag names.</summary>
    public static async Task<(string Content, int Version)> ReadAsync(HttpClient operatorClient, string document)
    {
        using var response = await operatorClient.GetAsync($"/api/v1/admin/{document}", Ct);
        var content = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {content}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var etag = response.Headers.ETag;
        Assert.NotNull(etag);
        Assert.False(etag.IsWeak);
        return (content, int.Parse(etag.Tag.Trim('"'), System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>PUT a document with If-Match (as given: null sends none).</summary>
    public static Task<HttpResponseMessage> ReplaceAsync(HttpClient client, string document, string content, string? ifMatch, string? query = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/admin/{document}{query}")
        {
            Content = new StringContent(content, Encoding.UTF8, "application/json"),
        };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        return client.SendAsync(request, Ct);
    }

    /// <summary>The catalogue with one material of one business type's section restated.</summary>
    public static string WithRequirement(string catalogue, string businessType, string material, string requirement)
    {
        var root = JsonNode.Parse(catalogue, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!;
        var section = root["businessTypes"]!.AsArray().Single(s => (string?)s!["businessType"] == businessType)!;
        var line = section["materials"]!.AsArray().Single(m => (string?)m!["code"] == material)!.AsObject();
        line["requirement"] = requirement;
        line.Remove("requiredWhen");
        line.Remove("waivedWhen");
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    /// <summary>A line of a checklist as a client of the given host reads it now: (requirement, reason).</summary>
    public static async Task<(string, string)> LineAsync(HttpClient client, string businessType, string material, string circumstances = "")
    {
        var body = await Json.ReadAsync(await client.GetAsync($"/api/v1/material-checklists?businessType={businessType}&circumstances={circumstances}", Ct));
        return MaterialChecklistTests.Requirement(MaterialChecklistTests.ByCode(body.GetProperty("items"))[material]);
    }

    /// <summary>
    /// Reads until <paramref name="read"/> gives <paramref name="expected"/>, or fails after <paramref name="within"/>
    /// (the bound the host promises, plus slack for a loaded machine). Returns how long it took.
    /// </summary>
    public static async Task<TimeSpan> EventuallyAsync<T>(Func<Task<T>> read, T expected, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (EqualityComparer<T>.Default.Equals(value, expected))
            {
                return clock.Elapsed;
            }
            Assert.True(clock.Elapsed < within, $"still {value} after {clock.Elapsed}, expected {expected} within {within}");
            await Task.Delay(TimeSpan.FromMilliseconds(50), Ct);
        }
    }
}
