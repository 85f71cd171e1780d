using Microsoft.Extensions.Caching.Hybrid;
using StackExchange.Redis;

namespace OneWindow.Api.Caching;

/// <summary>
/// When Redis comes back after an outage, every instance clears the whole cache (memory and Redis, through
/// FusionCache's clear marker). Writes made during the outage could not change the units' version tokens, so
/// entries cached before the outage under those tokens must not be served again.
/// </summary>
internal sealed class CacheRecovery(RedisConnection redis, HybridCache cache, ILogger<CacheRecovery> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        redis.Multiplexer.ConnectionFailed += OnFailed;
        redis.Multiplexer.ConnectionRestored += OnRestored;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        redis.Multiplexer.ConnectionFailed -= OnFailed;
        redis.Multiplexer.ConnectionRestored -= OnRestored;
        return Task.CompletedTask;
    }

    private void OnFailed(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType == ConnectionType.Interactive)
        {
            redis.CacheTrusted = false;
        }
    }

    private async void OnRestored(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType != ConnectionType.Interactive)
        {
            return;
        }
        try
        {
            // "*" is HybridCache's "everything" tag; FusionCache turns it into a clear that every instance honours.
            await cache.RemoveByTagAsync("*");
            redis.CacheTrusted = true;
            logger.LogWarning("Redis connection restored: the registry cache was cleared");
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException or OperationCanceledException)
        {
            logger.LogError(exception, "Redis connection restored, but clearing the registry cache failed");
        }
    }
}
