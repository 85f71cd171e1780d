using Microsoft.OpenApi;
using OneWindow.Api.Auth;

namespace OneWindow.Api.Hosting;

public static class RegistryOpenApi
{
    public static WebApplicationBuilder AddRegistryOpenApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddEndpointsApiExplorer();
        builder.Services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "OneWindow registry gateway",
                Version = "v1",
                Description = "互联网+不动产登记: property queries, restriction status and applications for registry partners.",
            });
            // Without this every string would be nullable in the document, and so in the generated SDK.
            options.SupportNonNullableReferenceTypes();
            options.IncludeXmlComments(Path.Combine(AppContext.BaseDirectory, "OneWindow.Api.xml"));
            options.CustomOperationIds(d => d.ActionDescriptor.EndpointMetadata.OfType<IEndpointNameMetadata>().FirstOrDefault()?.EndpointName);
            // How to get a token, and each operation's scopes (Swagger UI's Authorize button).
            options.AddSecurityDefinition(OAuthSecurityFilter.Scheme, OAuthSecurityFilter.Definition());
            options.OperationFilter<OAuthSecurityFilter>();
        });
        return builder;
    }

    /// <summary>First in the pipeline: the OpenAPI document from memory (<see cref="OpenApiDocumentCache"/>).</summary>
    public static void UseRegistryOpenApiCache(this WebApplication app) => app.UseMiddleware<OpenApiDocumentCache>();

    public static void MapRegistryOpenApi(this WebApplication app)
    {
        // The contract is public: partners read it before they have a client. Both middlewares look at every request
        // they are given (a template match, a path comparison), so only requests under /swagger are given to them.
        var demo = app.Services.GetRequiredService<RegistryMode>().Demo;
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/swagger", StringComparison.OrdinalIgnoreCase), swagger => swagger.UseSwagger().UseSwaggerUI(options =>
        {
            options.SwaggerEndpoint("/swagger/v1/swagger.json", "OneWindow v1");
            options.DocumentTitle = "OneWindow API";
            // Chinese descriptions and examples in OneWindow Kai, shipped with the host (Hosting/RegistryAssets).
            options.InjectStylesheet($"{RegistryAssets.FontPath}/onewindow-kai.css");
            options.InjectStylesheet($"{RegistryAssets.FontPath}/swagger-ui.css");
            // Authorize: client credentials take a partner's client id and secret; the authorization code flow always
            // uses PKCE and comes back to Swagger UI's own oauth2-redirect.html.
            options.OAuthUsePkce();
            if (demo)
            {
                // Note: the demo's public client (no secret; its redirect URIs include this page), filled in only in
                // Development and --demo. Production leaves the field empty for the partner's own client.
                options.OAuthClientId(DemoAccess.PortalClientId);
                options.OAuthAppName("OneWindow demo");
            }
        }));
    }
}
