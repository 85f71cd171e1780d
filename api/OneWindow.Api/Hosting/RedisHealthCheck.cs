using Microsoft.Extensions.Diagnostics.HealthChecks;
using OneWindow.Api.Caching;

namespace OneWindow.Api.Hosting;

/// <summary>
/// Redis answers a PING within a second; a dropped connection fails at once, without waiting. A failure reports the
/// registration's failure status, Degraded (<see cref="RegistryHealth"/>): the instance still serves.
/// </summary>
internal sealed class RedisHealthCheck(RedisConnection redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var multiplexer = redis.Multiplexer;
        if (!multiplexer.IsConnected)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "not connected");
        }
        try
        {
            var latency = await multiplexer.GetDatabase().PingAsync().WaitAsync(TimeSpan.FromSeconds(1), cancellationToken);
            return HealthCheckResult.Healthy($"ping {latency.TotalMilliseconds:0.0} ms");
        }
        catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, e.GetType().Name);
        }
    }
}
