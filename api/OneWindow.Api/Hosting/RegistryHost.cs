using OneWindow.Api.Auth;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace OneWindow.Api.Hosting;

public static class RegistryHost
{
    /// <summary>
    /// The content root is the program's folder, where the build copies appsettings*.json: the host finds its
    /// configuration from any working directory. <c>--contentRoot</c> still overrides it. The bare <c>--demo</c> switch
    /// (<see cref="RegistryMode"/>) is left out of the configuration's arguments, where it would take the next argument
    /// as its value.
    /// </summary>
    public static WebApplicationOptions Options(string[] args) => new()
    {
        Args = [.. args.Where(arg => !arg.Equals(RegistryMode.DemoSwitch, StringComparison.OrdinalIgnoreCase))],
        ContentRootPath = AppContext.BaseDirectory,
    };

    public static WebApplicationBuilder AddRegistryLogging(this WebApplicationBuilder builder)
    {
        // Structured logs: message templates with named values, written by the console formatter chosen in
        // configuration (json outside Development, simple in Development), with the trace id in each scope.
        builder.Logging.Configure(options => options.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        return builder;
    }

    public static void MapRegistryHome(this WebApplication app)
    {
        app.MapGet("/", () => TypedResults.Ok(new HomeResponse(
                "OneWindow",
                "互联网+不动产登记 partner gateway",
                new Dictionary<string, string>
                {
                    ["openapi"] = "/swagger/v1/swagger.json",
                    ["swaggerUi"] = "/swagger",
                    ["graphql"] = "/graphql",
                    ["live"] = "/health/live",
                    ["ready"] = "/health/ready",
                })))
            .WithName("GetHome")
            .ExcludeFromDescription()
            .AllowAnonymousByDesign();
    }

    /// <summary>
    /// <c>GET /bench/json</c>: a bare JSON endpoint through the same pipeline as the API, the ceiling the load tool
    /// compares property reads against. Mapped only when <c>Registry:BenchmarkEndpoint</c> is true.
    /// </summary>
    public static void MapRegistryBenchmarkCeiling(this WebApplication app)
    {
        if (!app.Configuration.GetValue<bool>("Registry:BenchmarkEndpoint"))
        {
            return;
        }
        app.MapGet("/bench/json", () => TypedResults.Ok(new CeilingResponse("441202003005GB00012F00010101", "ok", 128.5m)))
            .WithName("GetBenchmarkCeiling")
            .ExcludeFromDescription()
            .AllowAnonymousByDesign();
    }

    internal sealed record CeilingResponse(string UnitCode, string Status, decimal Area);

    /// <summary>Prints where the platform answers once Kestrel has bound its addresses.</summary>
    public static void PrintRegistryUrls(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
            var url = addresses?.FirstOrDefault();
            if (url is null)
            {
                return;
            }
            url = url.Replace("[::]", "localhost", StringComparison.Ordinal).Replace("0.0.0.0", "localhost", StringComparison.Ordinal);
            app.Logger.LogInformation(
                "OneWindow is ready. Swagger UI: {SwaggerUi}  OpenAPI: {OpenApi}  GraphQL: {GraphQL}  Health: {Health}",
                $"{url}/swagger", $"{url}/swagger/v1/swagger.json", $"{url}/graphql", $"{url}/health/ready");
        });
    }

    internal sealed record HomeResponse(string Name, string Description, IReadOnlyDictionary<string, string> Links);
}
