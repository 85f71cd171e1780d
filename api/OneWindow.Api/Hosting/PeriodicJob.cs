namespace OneWindow.Api.Hosting;

/// <summary>
/// Housekeeping that every instance runs on a timer (pruning tokens, idempotency records, unattached uploads): each run
/// in a scope of its own, a failed run logged and retried at the next tick, the host's shutdown never reported as a
/// failure. The work itself must be safe when several instances do it at once (plain DELETE … WHERE statements).
/// </summary>
public abstract class PeriodicJob(IServiceScopeFactory scopes, TimeProvider time, ILogger logger) : BackgroundService
{
    protected TimeProvider Time => time;

    protected ILogger Logger => logger;

    /// <summary>Time between runs; the first run is one interval after start.</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>Whether the job runs at all (a setting may switch it off).</summary>
    protected virtual bool Enabled => true;

    /// <summary>One run, with the services of its own scope.</summary>
    protected abstract Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            return;
        }
        try
        {
            using var timer = new PeriodicTimer(Interval, time);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await RunOnceAsync(scope.ServiceProvider, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "{Job} failed; it runs again in {Interval}", GetType().Name, Interval);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }
}
