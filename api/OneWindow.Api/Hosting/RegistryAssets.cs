using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace OneWindow.Api.Hosting;

public static class RegistryAssets
{
    public const string FontPath = "/assets/fonts";

    /// <summary>
    /// <c>/assets/fonts/</c>: OneWindow Kai (Assets/Fonts, copied into the program's folder by the build) as WOFF2, with
    /// the stylesheets that declare it for GraphiQL and Swagger UI. Served in every mode: Swagger UI is public.
    /// </summary>
    public static void MapRegistryAssets(this WebApplication app)
    {
        var types = new FileExtensionContentTypeProvider(new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [".woff2"] = "font/woff2",
            [".css"] = "text/css",
            [".txt"] = "text/plain",
        });
        app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = FontPath,
            FileProvider = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "Assets", "Fonts")),
            ContentTypeProvider = types,
            OnPrepareResponse = file =>
            {
                var headers = file.Context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                // The font (1.6 MB) is kept a year; the small stylesheets are checked again after an hour. Note: a
                // regenerated font with other glyphs should get a new file name, or browsers keep the old one that long.
                headers.CacheControl = file.File.Name.EndsWith(".woff2", StringComparison.OrdinalIgnoreCase)
                    ? "public, max-age=31536000"
                    : "public, max-age=3600";
            },
        });
    }
}
