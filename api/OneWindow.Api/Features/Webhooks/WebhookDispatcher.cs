using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneWindow.Api.Data;
using OneWindow.Api.Events;

namespace OneWindow.Api.Features.Webhooks;

/// <summary>
/// Delivers the queued events (<see cref="WebhookQueue"/>) at least once. Every <see cref="WebhooksOptions.PollInterval"/>
/// it publishes committed events, queues them per endpoint, writes secret-expiry warnings, and starts one worker per
/// endpoint with something due (up to <see cref="WebhooksOptions.MaxConcurrentEndpoints"/>): a slow or failing endpoint
/// occupies its own worker only. Runs on every instance; claims keep two instances from sending the same delivery at
/// once, and a stopped or crashed instance's claims lapse (or are given back), so nothing is lost on a restart. Its
/// contexts are its own (<see cref="RegistryDataExtensions.CreateContext"/>), outside the requests' pool and interceptors.
/// </summary>
public sealed class WebhookDispatcher(
    RegistryDatabase database, IDataProtectionProvider protection, WebhookSender sender, IOptions<WebhooksOptions> options, TimeProvider time,
    ILogger<WebhookDispatcher> logger)
    : BackgroundService
{
    private const int ClaimBatch = 10;
    private readonly string _id = Guid.NewGuid().ToString("N");
    private readonly ConcurrentDictionary<long, Task> _workers = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await TickAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "The webhook dispatcher's round failed; it runs again in {Interval}", options.Value.PollInterval);
                }
                await Task.Delay(options.Value.PollInterval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
        finally
        {
            await Task.WhenAll(_workers.Values);
            try
            {
                await using var db = RegistryDataExtensions.CreateContext(database);
                await WebhookQueue.ReleaseAsync(db, _id, CancellationToken.None);
            }
            catch (Exception e)
            {
                // Unreleased claims lapse after the timeout anyway.
                logger.LogInformation(e, "The webhook dispatcher could not give back its claims at shutdown");
            }
        }
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        await using var db = RegistryDataExtensions.CreateContext(database);
        var now = time.GetUtcNow().UtcDateTime;
        await WebhookQueue.WarnExpiringSecretsAsync(db, now, options.Value.SecretExpiryWarning, cancellationToken);
        // Publishing writes (on PostgreSQL under the publisher's lock): only when something waits for a position.
        if (await db.OutboxEvents.AnyAsync(e => e.Position == null, cancellationToken))
        {
            await OutboxPublisher.PublishAsync(db, cancellationToken);
        }
        await WebhookQueue.FanOutAsync(db, now, cancellationToken);
        foreach (var endpointId in await WebhookQueue.DueEndpointsAsync(db, now, cancellationToken))
        {
            if (_workers.Count >= options.Value.MaxConcurrentEndpoints)
            {
                break;
            }
            if (!_workers.ContainsKey(endpointId))
            {
                // The worker removes itself when done; the dictionary holds it only while it runs.
                var started = new TaskCompletionSource();
                _workers[endpointId] = Task.Run(async () =>
                {
                    await started.Task;
                    try
                    {
                        await RunEndpointAsync(endpointId, cancellationToken);
                    }
                    finally
                    {
                        _workers.TryRemove(endpointId, out _);
                    }
                }, CancellationToken.None);
                started.SetResult();
            }
        }
    }

    /// <summary>Sends what is due for one endpoint, a batch of claims at a time, until nothing is.</summary>
    private async Task RunEndpointAsync(long endpointId, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await using var db = RegistryDataExtensions.CreateContext(database);
                var secrets = new WebhookSecrets(protection);
                var now = time.GetUtcNow().UtcDateTime;
                // Long enough for the whole batch to time out one by one: a claim never lapses while its worker may still send it.
                var lease = now + (options.Value.Timeout * ClaimBatch) + TimeSpan.FromSeconds(30);
                var endpoint = await db.WebhookEndpoints.AsNoTracking().SingleOrDefaultAsync(e => e.Id == endpointId, cancellationToken);
                if (endpoint is null || endpoint.SecretExpiresAt <= now)
                {
                    return;
                }
                var claimed = await WebhookQueue.ClaimAsync(db, endpointId, _id, now, lease, ClaimBatch, cancellationToken);
                if (claimed.Count == 0)
                {
                    return;
                }
                var url = new Uri(endpoint.Url);
                foreach (var delivery in claimed)
                {
                    var attemptedAt = time.GetUtcNow().UtcDateTime;
                    var body = delivery.Body;
                    var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
                    var headers = new Dictionary<string, string>
                    {
                        [WebhookSignature.Header] = WebhookSignature.Create(timestamp, body, secrets.Signing(endpoint, attemptedAt)),
                        ["OneWindow-Event-Id"] = delivery.EventId.ToString(CultureInfo.InvariantCulture),
                        ["OneWindow-Event-Type"] = delivery.EventType,
                        ["OneWindow-Delivery-Id"] = delivery.Id.ToString(CultureInfo.InvariantCulture),
                        ["OneWindow-Delivery-Attempt"] = (delivery.Attempts + 1).ToString(CultureInfo.InvariantCulture),
                    };
                    var result = await sender.SendAsync(url, body, headers, cancellationToken);
                    await WebhookQueue.CompleteAsync(db, delivery, _id, attemptedAt, result, options.Value.Schedule, time.GetUtcNow().UtcDateTime, cancellationToken);
                    if (!result.Succeeded)
                    {
                        logger.LogInformation("Webhook delivery {Delivery} to endpoint {Endpoint} failed: {Status} {Error}",
                            delivery.Id, endpointId, result.StatusCode, result.Error);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the claims are given back at shutdown.
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Webhook deliveries to endpoint {Endpoint} failed; they are tried again after their claims lapse", endpointId);
        }
    }
}
