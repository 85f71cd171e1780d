using OneWindow.Domain.Applications;

namespace OneWindow.Api.Features.Applications;

/// <summary>The applications feature's services (the operator's documents, RegistryConfiguration, come from AddConfigurationFeature).</summary>
public static class ApplicationsFeature
{
    public static WebApplicationBuilder AddApplicationsFeature(this WebApplicationBuilder builder)
    {
        // Time limits are local commitments, not law (DOMAIN.md): Applications:TimeLimits:<BusinessType> overrides them.
        var overrides = builder.Configuration.GetSection("Applications:TimeLimits").Get<Dictionary<string, int>>() ?? [];
        builder.Services.AddSingleton(TimeLimitPolicy.FromConfiguration(overrides));
        return builder;
    }
}
