namespace OneWindow.Api.Features.Webhooks;

/// <summary>The webhooks' services (routes: <see cref="WebhooksEndpoints"/>; the dispatcher: <see cref="WebhookDispatcher"/>).</summary>
public static class WebhooksFeature
{
    public static WebApplicationBuilder AddWebhooksFeature(this WebApplicationBuilder builder)
    {
        var development = builder.Environment.IsDevelopment();
        builder.Services.AddOptions<WebhooksOptions>()
            .Bind(builder.Configuration.GetSection(WebhooksOptions.Section))
            // Note: plain http is for a developer's own receiver; everywhere else https unless explicitly allowed.
            .PostConfigure(o => o.AllowInsecureHttp |= development && builder.Configuration[$"{WebhooksOptions.Section}:{nameof(WebhooksOptions.AllowInsecureHttp)}"] is null)
            .Validate(o => o.Schedule.All(t => t >= TimeSpan.Zero), "Webhooks:RetrySchedule must not hold negative waits.")
            .Validate(o => o.Timeout > TimeSpan.Zero && o.PollInterval > TimeSpan.Zero, "Webhooks:Timeout and Webhooks:PollInterval must be positive.")
            .Validate(o => o.MaxConcurrentEndpoints > 0 && o.MaxEndpointsPerPartner > 0, "Webhooks:MaxConcurrentEndpoints and MaxEndpointsPerPartner must be positive.")
            .Validate(o => o.SecretLifetime > TimeSpan.Zero && o.SecretExpiryWarning >= TimeSpan.Zero && o.RotationOverlap >= TimeSpan.Zero,
                "Webhooks:SecretLifetime must be positive, SecretExpiryWarning and RotationOverlap not negative.")
            .ValidateOnStart();
        builder.Services.AddSingleton<WebhookSender>();
        builder.Services.AddScoped<WebhookSecrets>();
        builder.Services.AddHostedService<WebhookDispatcher>();
        return builder;
    }

    /// <summary>
    /// Note: in Production the SSRF guards cannot be switched off: <c>Webhooks:AllowPrivateAddresses</c> or
    /// <c>Webhooks:AllowInsecureHttp</c> set there stops the start.
    /// </summary>
    public static string? ProductionRefusal(IConfiguration configuration, IHostEnvironment environment) =>
        environment.IsProduction()
        && (configuration.GetValue<bool>($"{WebhooksOptions.Section}:{nameof(WebhooksOptions.AllowPrivateAddresses)}")
            || configuration.GetValue<bool>($"{WebhooksOptions.Section}:{nameof(WebhooksOptions.AllowInsecureHttp)}"))
            ? "OneWindow: Webhooks:AllowPrivateAddresses and Webhooks:AllowInsecureHttp are for tests and development; Production refuses to start with either."
            : null;
}
