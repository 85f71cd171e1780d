// The bare Kestrel app infra/benchmark.sh measures the host against: CreateSlimBuilder, no logging, one route that
// writes a fixed body read at start. Usage: BareKestrel <url> <folder> <content type>; GET /<name> answers the bytes
// of the file <folder>/<name>, which is what the host answered to the request being compared.
if (args.Length != 3)
{
    await Console.Error.WriteLineAsync("usage: BareKestrel <url> <folder> <content type>");
    return 2;
}

var bodies = Directory.GetFiles(args[1]).ToDictionary(file => Path.GetFileName(file), File.ReadAllBytes, StringComparer.Ordinal);
var contentType = args[2];
var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.UseUrls(args[0]);
var app = builder.Build();
app.MapGet("/{name}", (HttpContext context, string name) =>
{
    if (!bodies.TryGetValue(name, out var body))
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }
    context.Response.ContentType = contentType;
    context.Response.ContentLength = body.Length;
    return context.Response.Body.WriteAsync(body).AsTask();
});
await app.RunAsync();
return 0;
