using Swashbuckle.AspNetCore.SwaggerGen;

namespace OneWindow.Api.Features.Materials;

/// <summary>The materials feature's services (its routes: <see cref="MaterialsEndpoints"/>).</summary>
public static class MaterialsFeature
{
    public static WebApplicationBuilder AddMaterialsFeature(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<MaterialsOptions>()
            .Bind(builder.Configuration.GetSection(MaterialsOptions.Section))
            .Validate(o => o.MaxFileBytes is > 0 and <= MaterialsOptions.MaxFileBytesCeiling,
                $"Materials:MaxFileBytes must be between 1 and {MaterialsOptions.MaxFileBytesCeiling}.")
            .Validate(o => o.ContentTypes.All(t => MaterialFiles.MediaType(t) == t),
                "Materials:AllowedContentTypes must be media types without parameters (application/pdf, image/png, …).")
            .Validate(o => o.UnattachedRetention > TimeSpan.Zero, "Materials:UnattachedRetention must be positive.")
            .Validate(o => !o.CleanupEnabled || o.CleanupInterval > TimeSpan.Zero, "Materials:CleanupInterval must be positive.")
            .ValidateOnStart();
        builder.Services.AddHostedService<MaterialCleanup>();
        builder.Services.Configure<SwaggerGenOptions>(swagger => swagger.OperationFilter<MaterialUploadOperationFilter>());
        return builder;
    }
}
