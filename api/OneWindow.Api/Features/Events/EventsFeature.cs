using Microsoft.Extensions.Options;
using OneWindow.Api.Data;
using OneWindow.Api.Events;
using OneWindow.Api.Hosting;

namespace OneWindow.Api.Features.Events;

/// <summary>The events feature's services (routes: <see cref="EventsEndpoints"/>, GraphQL: <see cref="EventFields"/>).</summary>
public static class EventsFeature
{
    public static WebApplicationBuilder AddEventsFeature(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<EventsOptions>()
            .Bind(builder.Configuration.GetSection(EventsOptions.Section))
            .Validate(o => o.Retention >= TimeSpan.FromHours(1), "Events:Retention must be at least an hour.")
            .Validate(o => o.PublishInterval > TimeSpan.Zero, "Events:PublishInterval must be positive.")
            .ValidateOnStart();
        builder.Services.AddHostedService<OutboxJob>();
        return builder;
    }
}

/// <summary>
/// Publishes committed events (their feed positions) every <see cref="EventsOptions.PublishInterval"/>, and once an
/// hour deletes those older than <see cref="EventsOptions.Retention"/>, on every instance: both are safe to run at once.
/// </summary>
internal sealed class OutboxJob(IServiceScopeFactory scopes, IOptions<EventsOptions> options, TimeProvider time, ILogger<OutboxJob> logger)
    : PeriodicJob(scopes, time, logger)
{
    private DateTime _lastPruned = DateTime.MinValue;

    protected override TimeSpan Interval => options.Value.PublishInterval;

    protected override async Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<RegistryDbContext>();
        await OutboxPublisher.PublishAsync(db, cancellationToken);
        var now = Time.GetUtcNow().UtcDateTime;
        if (now - _lastPruned >= TimeSpan.FromHours(1))
        {
            _lastPruned = now;
            var deleted = await OutboxPublisher.PruneAsync(db, now - options.Value.Retention, cancellationToken);
            if (deleted > 0)
            {
                Logger.LogInformation("Pruned {Count} events older than {Retention}", deleted, options.Value.Retention);
            }
        }
    }
}
