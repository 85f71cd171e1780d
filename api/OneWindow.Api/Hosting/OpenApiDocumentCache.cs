namespace OneWindow.Api.Hosting;

/// <summary>
/// Serves <c>/swagger/v1/swagger.json</c> from memory. Swashbuckle builds the document from the endpoints on every
/// request (about 100 ms of CPU: 9 requests a second took an instance down); the endpoints do not change while the
/// process runs, so the first request lets Swashbuckle write it once, and every request after gets those bytes, with
/// an ETag for conditional requests. First in the pipeline: the document is public and needs nothing after this.
/// </summary>
internal sealed class OpenApiDocumentCache(RequestDelegate next)
{
    public const string DocumentPath = "/swagger/v1/swagger.json";

    private Document? _document;

    private sealed record Document(byte[] Body, string ContentType, string ETag);

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) || !request.Path.Equals(DocumentPath, StringComparison.Ordinal))
        {
            await next(context);
            return;
        }
        var document = Volatile.Read(ref _document) ?? await BuildAsync(context);
        if (document is null)
        {
            return;
        }
        var response = context.Response;
        response.Headers.ETag = document.ETag;
        if (request.Headers.IfNoneMatch.Contains(document.ETag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        response.ContentType = document.ContentType;
        response.ContentLength = document.Body.Length;
        if (HttpMethods.IsGet(request.Method))
        {
            await response.Body.WriteAsync(document.Body, context.RequestAborted);
        }
    }

    /// <summary>Lets Swashbuckle answer into memory; keeps a successful answer. Null when the answer was passed on as it was.</summary>
    private async Task<Document?> BuildAsync(HttpContext context)
    {
        var response = context.Response;
        var original = response.Body;
        using var buffer = new MemoryStream();
        response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            response.Body = original;
        }
        if (response.StatusCode != StatusCodes.Status200OK)
        {
            buffer.Position = 0;
            await buffer.CopyToAsync(original, context.RequestAborted);
            return null;
        }
        var body = buffer.ToArray();
        var etag = $"\"{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(body).AsSpan(0, 16))}\"";
        var document = new Document(body, response.ContentType ?? "application/json; charset=utf-8", etag);
        // Two first requests at once build it twice; the first one kept wins, both answers are the same.
        return Interlocked.CompareExchange(ref _document, document, null) ?? document;
    }
}
