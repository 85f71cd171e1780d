namespace OneWindow.Api.Features.Configuration;

/// <summary>
/// The configuration feature's services (its routes: <see cref="ConfigurationEndpoints"/>, its GraphQL fields:
/// <see cref="ConfigurationFields"/>): the operator's documents as every feature reads them
/// (<see cref="RegistryConfiguration"/>) and the announcement of their changes between instances.
/// </summary>
public static class ConfigurationFeature
{
    public static WebApplicationBuilder AddConfigurationFeature(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ConfigurationOptions>()
            .Bind(builder.Configuration.GetSection(ConfigurationOptions.Section))
            .Validate(o => o.RefreshInterval > TimeSpan.Zero, "Configuration:RefreshInterval must be positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton<ConfigurationActivity>();
        builder.Services.AddSingleton<RegistryConfiguration>();
        builder.Services.AddSingleton<ConfigurationChanges>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ConfigurationChanges>());
        return builder;
    }
}
