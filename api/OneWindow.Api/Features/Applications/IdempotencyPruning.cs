using Microsoft.Extensions.Options;
using OneWindow.Api.Data;
using OneWindow.Api.Hosting;

namespace OneWindow.Api.Features.Applications;

/// <summary>
/// Deletes idempotency records older than <see cref="ApplicationsOptions.IdempotencyRetention"/> (at least 24 hours),
/// once an hour on every instance: one DELETE, harmless when several instances run it.
/// </summary>
internal sealed class IdempotencyPruning(IServiceScopeFactory scopes, IOptions<ApplicationsOptions> options, TimeProvider time, ILogger<IdempotencyPruning> logger)
    : PeriodicJob(scopes, time, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    protected override async Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<RegistryDbContext>();
        var deleted = await Idempotency.PruneAsync(db, Time.GetUtcNow().UtcDateTime - options.Value.IdempotencyRetention, cancellationToken);
        if (deleted > 0)
        {
            Logger.LogInformation("Pruned {Count} idempotency records", deleted);
        }
    }
}
