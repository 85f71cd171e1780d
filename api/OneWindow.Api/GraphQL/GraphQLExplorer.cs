using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using OneWindow.Api.Data;

namespace OneWindow.Api.GraphQL;

/// <summary>
/// GraphiQL for trying queries from a browser: <c>GET /graphql</c> answers its page to a browser, <c>/graphiql/…</c>
/// its scripts, styles and Monaco's workers. The bundle is built from web/graphiql by npm during the build of this
/// project and copied into the program's folder as <c>graphiql/</c> (docs/decisions/0014-graphiql-bundle.md). Served in
/// Development and on the embedded default only, where anonymous introspection is open too (Limits/IntrospectionAccess).
/// </summary>
internal sealed class GraphQLExplorer
{
    public const string AssetPath = "/graphiql";

    /// <summary>
    /// Note: the page runs only the bundle's own scripts and workers and talks only to this origin; nothing can be
    /// loaded from elsewhere, posted or framed. Styles allow 'unsafe-inline' because Monaco and GraphiQL set element
    /// styles from script; fonts allow data: for the icon and code fonts inlined in GraphiQL's stylesheet.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; worker-src 'self'; style-src 'self' 'unsafe-inline'; font-src 'self' data:; "
        + "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private readonly string _folder;
    private readonly string? _page;

    public GraphQLExplorer(IHostEnvironment environment, RegistryDatabase? database = null)
    {
        IsServed = environment.IsDevelopment() || database?.IsEmbedded == true;
        _folder = Path.Combine(AppContext.BaseDirectory, "graphiql");
        var index = Path.Combine(_folder, "index.html");
        _page = File.Exists(index) ? File.ReadAllText(index) : null;
    }

    /// <summary>The explorer is for a newcomer's machine: Development, or the embedded default.</summary>
    public bool IsServed { get; }

    /// <summary>The bundle's files under <see cref="AssetPath"/>: hashed names, so cached for a year.</summary>
    public void MapAssets(WebApplication app)
    {
        if (!IsServed || _page is null)
        {
            return;
        }
        var types = new FileExtensionContentTypeProvider(new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [".js"] = "text/javascript",
            [".css"] = "text/css",
            [".ttf"] = "font/ttf",
            [".woff2"] = "font/woff2",
        });
        app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = AssetPath,
            FileProvider = new PhysicalFileProvider(_folder),
            // index.html is not among the types: the page is served by GET /graphql, with its policy.
            ContentTypeProvider = types,
            OnPrepareResponse = file =>
            {
                file.Context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
                file.Context.Response.Headers.XContentTypeOptions = "nosniff";
            },
        });
    }

    public Task WriteAsync(HttpContext context)
    {
        var response = context.Response;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.CacheControl = "no-cache";
        if (_page is null)
        {
            // A host built without its bundle (the build runs npm; see OneWindow.Api.csproj).
            response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            response.Headers.ContentSecurityPolicy = "default-src 'none'";
            return response.WriteAsync(
                $"<!DOCTYPE html><meta charset=\"utf-8\"><title>OneWindow GraphQL</title><p>GraphiQL is not in {System.Net.WebUtility.HtmlEncode(_folder)}: "
                + "build the project with <code>dotnet build</code> (it runs npm in web/graphiql).</p>\n", context.RequestAborted);
        }
        response.StatusCode = StatusCodes.Status200OK;
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        return response.WriteAsync(_page, context.RequestAborted);
    }
}
