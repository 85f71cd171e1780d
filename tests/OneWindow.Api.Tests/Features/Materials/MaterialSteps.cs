using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace OneWindow.Api.Tests.Features.Materials;

/// <summary>Files and uploads the materials tests share.</summary>
public static class MaterialSteps
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A one-page PDF; <paramref name="tag"/> makes its bytes (and so its SHA-256) unique to a test.</summary>
    public static byte[] Pdf(string? tag = null) => Encoding.ASCII.GetBytes(
        "%PDF-1.4\n" +
        $"% {tag ?? Guid.NewGuid().ToString("N")}\n" +
        "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n" +
        "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n" +
        "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n" +
        "trailer << /Root 1 0 R >>\n%%EOF\n");

    /// <summary>A 1×1 PNG, with a text chunk making it unique.</summary>
    public static byte[] Png(string? tag = null)
    {
        var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
        // Bytes after IEND are ignored by readers; they keep each test's file apart.
        return [.. png, .. Encoding.ASCII.GetBytes(tag ?? Guid.NewGuid().ToString("N"))];
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>The multipart form of an upload. A null <paramref name="sha256"/> sends none; by default the file's own.</summary>
    public static MultipartFormDataContent Form(byte[] bytes, string contentType, string fileName = "scan.pdf", string? sha256 = "", string? materialCode = null)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        form.Add(file, "file", fileName);
        if (sha256 is not null)
        {
            form.Add(new StringContent(sha256 == "" ? Sha256(bytes) : sha256), "sha256");
        }
        if (materialCode is not null)
        {
            form.Add(new StringContent(materialCode), "materialCode");
        }
        return form;
    }

    public static Task<HttpResponseMessage> UploadAsync(HttpClient client, HttpContent form) => client.PostAsync("/api/v1/materials", form, Ct);

    public static Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] bytes, string contentType = "application/pdf", string fileName = "scan.pdf") =>
        UploadAsync(client, Form(bytes, contentType, fileName));
}
