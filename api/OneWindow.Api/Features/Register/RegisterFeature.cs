using OneWindow.Api.Data.Register;

namespace OneWindow.Api.Features.Register;

/// <summary>
/// The register feature's services (its routes: <see cref="RegisterEndpoints"/>, its GraphQL fields:
/// <see cref="RegisterFields"/>): the registry keys that sign checkpoints and the job that takes them.
/// </summary>
public static class RegisterFeature
{
    public static WebApplicationBuilder AddRegisterFeature(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RegisterOptions>()
            .Bind(builder.Configuration.GetSection(RegisterOptions.Section))
            .Validate(o => o.CheckpointInterval > TimeSpan.Zero, "Register:CheckpointInterval must be positive.")
            .ValidateOnStart();
        builder.Services.AddScoped<IRegistryKeys, DatabaseRegistryKeys>();
        builder.Services.AddHostedService<RegisterCheckpointJob>();
        return builder;
    }
}
