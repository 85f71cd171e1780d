using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Data;

namespace OneWindow.Api.Events.Live;

/// <summary>
/// Positions committed events as soon as this instance has written some (<see cref="OutboxCommits"/>) and announces
/// the newest position to every instance (<see cref="EventAnnouncements"/>), so a subscriber anywhere hears of a change
/// within a moment of its commit. Positioning is <see cref="OutboxPublisher"/>'s, safe to run on every instance at once.
/// </summary>
internal sealed class EventRelay(OutboxCommits commits, EventAnnouncements announcements, IServiceScopeFactory scopes, ILogger<EventRelay> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await commits.WaitAsync(stoppingToken))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
                    await OutboxPublisher.PublishAsync(db, stoppingToken);
                    // Announced even when a feed read positioned them first: the position is what others need.
                    if (await db.OutboxEvents.MaxAsync(e => e.Position, stoppingToken) is { } newest)
                    {
                        await announcements.AnnounceAsync(newest);
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    logger.LogWarning(exception, "Publishing just-committed events failed; the publishing job positions them within Events:PublishInterval");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }
}
