using Microsoft.Extensions.Options;
using OneWindow.Api.Data;

namespace OneWindow.Api.Features.Applications;

/// <summary>
/// Deletes idempotency records older than <see cref="ApplicationsOptions.IdempotencyRetention"/> (at least 24 hours),
/// once an hour on every instance: one DELETE, harmless when several instances run it.
/// </summary>
internal sealed class IdempotencyPruning(IServiceScopeFactory scopes, IOptions<ApplicationsOptions> options, TimeProvider time, ILogger<IdempotencyPruning> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), time);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
                var deleted = await Idempotency.PruneAsync(db, time.GetUtcNow().UtcDateTime - options.Value.IdempotencyRetention, stoppingToken);
                if (deleted > 0)
                {
                    logger.LogInformation("Pruned {Count} idempotency records", deleted);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Pruning idempotency records failed; trying again in an hour");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
