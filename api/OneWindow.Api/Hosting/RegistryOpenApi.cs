using Microsoft.OpenApi;

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

    public static void MapRegistryOpenApi(this WebApplication app)
    {
        // The contract is public: partners read it before they have a client.
        app.UseSwagger();
        app.UseSwaggerUI(options =>
        {
            options.SwaggerEndpoint("/swagger/v1/swagger.json", "OneWindow v1");
            options.DocumentTitle = "OneWindow API";
        });
    }
}
