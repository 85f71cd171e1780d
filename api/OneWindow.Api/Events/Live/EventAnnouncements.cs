using System.Globalization;
using OneWindow.Api.Caching;
using StackExchange.Redis;

namespace OneWindow.Api.Events.Live;

/// <summary>
/// "Events up to feed position N are published": with Redis configured, the instance that positioned them says so on
/// a pub/sub channel and every instance (this one too) wakes its <see cref="LiveEventDispatcher"/>, which reads the
/// event rows from the database. The message is the position and nothing else: no event data, nobody's identity.
/// Without Redis (the embedded default, one instance) the announcement goes straight to the local dispatcher. A lost
/// message (Redis down, a reconnect) delays delivery until the dispatcher's next periodic look, never loses an event.
/// </summary>
public sealed class EventAnnouncements(IServiceProvider services, IConfiguration configuration, ILogger<EventAnnouncements> logger) : IHostedService
{
    private readonly RedisConnection? _redis = services.GetService<RedisConnection>();
    // Per deployment, like every other key (Registry:CachePrefix): deployments sharing a Redis do not hear each other.
    private readonly RedisChannel _channel = RedisChannel.Literal(RegistryCaching.Prefix(configuration) + ":events-published");

    /// <summary>Called with the announced position, on whichever thread the announcement arrives.</summary>
    public event Action<long>? Published;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_redis is null)
        {
            return;
        }
        try
        {
            // StackExchange.Redis subscribes again by itself after a reconnect.
            await _redis.Multiplexer.GetSubscriber().SubscribeAsync(_channel, (_, message) =>
            {
                if (long.TryParse(message.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var position))
                {
                    Published?.Invoke(position);
                }
            });
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            logger.LogWarning(exception, "Could not subscribe to published events on Redis; subscribers here hear of other instances' changes within Events:PublishInterval");
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_redis is null)
        {
            return;
        }
        try
        {
            await _redis.Multiplexer.GetSubscriber().UnsubscribeAsync(_channel);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            // Stopping anyway; the connection goes with the host.
        }
    }

    /// <summary>Tells every instance that events up to <paramref name="position"/> are published. Never throws.</summary>
    public async Task AnnounceAsync(long position)
    {
        // This instance hears it at once, whatever Redis does.
        Published?.Invoke(position);
        if (_redis is null)
        {
            return;
        }
        try
        {
            await _redis.Multiplexer.GetSubscriber().PublishAsync(_channel, position.ToString(CultureInfo.InvariantCulture));
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            logger.LogWarning(exception, "Could not announce events up to {Position} on Redis; other instances see them within Events:PublishInterval", position);
        }
    }
}
