using OneWindow.Api.Caching;
using StackExchange.Redis;

namespace OneWindow.Api.Features.Configuration;

/// <summary>
/// With Redis configured, the instance that saved a configuration document announces it on a pub/sub channel and
/// every instance (this hosted service) expires its copy, so the next read there checks the stored version at once
/// instead of after <see cref="ConfigurationOptions.RefreshInterval"/>. Only a shortcut: a lost message (Redis down,
/// a reconnect) costs at most that interval, which holds on its own. Without Redis (the embedded default, one
/// instance) there is nothing to announce.
/// </summary>
public sealed class ConfigurationChanges(
    IServiceProvider services, IConfiguration configuration, RegistryConfiguration documents, ConfigurationActivity activity) : IHostedService
{
    private readonly RedisConnection? _redis = services.GetService<RedisConnection>();
    // Per deployment, like every other key (Registry:CachePrefix): deployments sharing a Redis do not hear each other.
    private readonly RedisChannel _channel = RedisChannel.Literal(RegistryCaching.Prefix(configuration) + ":configuration-changed");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_redis is null)
        {
            return;
        }
        try
        {
            // StackExchange.Redis subscribes again by itself after a reconnect.
            await _redis.Multiplexer.GetSubscriber().SubscribeAsync(_channel, (_, message) => documents.Expire(NameOf(message)));
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            activity.SubscribeFailed(exception);
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

    /// <summary>Tells every instance that <paramref name="name"/> has a new version. Never fails the save that calls it.</summary>
    public async Task AnnounceAsync(string name, int version)
    {
        if (_redis is null)
        {
            return;
        }
        try
        {
            await _redis.Multiplexer.GetSubscriber().PublishAsync(_channel, $"{name} {version}");
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            activity.AnnounceFailed(name, version, exception);
        }
    }

    private static string NameOf(RedisValue message)
    {
        var text = message.ToString();
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? text : text[..space];
    }
}
