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
        builder.Services.AddOptions<ApplicationsOptions>()
            .Bind(builder.Configuration.GetSection(ApplicationsOptions.Section))
            .Validate(o => o.IdempotencyRetention >= TimeSpan.FromHours(24), "Applications:IdempotencyRetention must be at least 24 hours.")
            .Validate(o => o.ConfirmationWindow >= TimeSpan.FromHours(1), "Applications:ConfirmationWindow must be at least an hour.")
            .Validate(o => o.MaxBulkItems is >= 1 and <= 10_000 && o.MaxUnitsPerApplication is >= 1 and <= 20_000, "Applications limits out of range.")
            .Validate(o => o.Division.Length == 6 && o.CertificateProvince.Length == 1 && o.CertificateRegistryName.Length > 0, "Applications: registry division, province and name.")
            .ValidateOnStart();
        builder.Services.AddSingleton<ApplicationKinds>();
        builder.Services.AddSingleton<Numbering>();
        builder.Services.AddScoped<ApplicationViews>();
        builder.Services.AddScoped<ApplicationQueries>();
        builder.Services.AddScoped<SubmitApplication>();
        builder.Services.AddScoped<ApplicationWorkflow>();
        builder.Services.AddScoped<ConfirmApplication>();
        builder.Services.AddScoped<ObjectionLawsuits>();
        builder.Services.AddHostedService<IdempotencyPruning>();
        builder.Services.AddHostedService<ConfirmationLapse>();
        return builder;
    }
}
