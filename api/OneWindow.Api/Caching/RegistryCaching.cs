using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using StackExchange.Redis;
using ZiggyCreatures.Caching.Fusion;
using ZiggyCreatures.Caching.Fusion.Backplane.StackExchangeRedis;
using ZiggyCreatures.Caching.Fusion.Serialization.SystemTextJson;

namespace OneWindow.Api.Caching;

/// <summary>The one Redis connection of an instance, shared by the cache, its backplane and the health check.</summary>
public sealed class RedisConnection(string configuration) : IDisposable
{
    private readonly Lazy<ConnectionMultiplexer> _multiplexer = new(() =>
    {
        var options = ConfigurationOptions.Parse(configuration);
        // Note: the host starts and serves from the database while Redis is down; it reconnects in the background.
        options.AbortOnConnectFail = false;
        // A read waits at most this long for a Redis that stopped answering before it goes to the database instead.
        if (!configuration.Contains("asyncTimeout", StringComparison.OrdinalIgnoreCase))
        {
            options.AsyncTimeout = 1000;
        }
        return ConnectionMultiplexer.Connect(options);
    });

    public IConnectionMultiplexer Multiplexer => _multiplexer.Value;

    /// <summary>
    /// False from the moment the connection fails until the cache has been cleared after it came back
    /// (<see cref="CacheRecovery"/>): meanwhile reads go to the database.
    /// </summary>
    public bool CacheTrusted { get; set; } = true;

    public void Dispose()
    {
        if (_multiplexer.IsValueCreated)
        {
            _multiplexer.Value.Dispose();
        }
    }
}

public static class RegistryCaching
{
    public const string CacheName = "registry";

    /// <summary>
    /// Prefix of every key this deployment writes to Redis (<c>Registry:CachePrefix</c>, default "ow"): deployments
    /// (or test databases) sharing one Redis never read each other's entries.
    /// </summary>
    public static string Prefix(IConfiguration configuration) => configuration["Registry:CachePrefix"] is { Length: > 0 } prefix ? prefix : "ow";

    /// <summary>
    /// How many entries the memory level (L1) of an instance holds at most (<c>Registry:Cache:MemoryEntries</c>, default
    /// 20,000): past it the least recently used are dropped and read again from Redis or the database. Without a bound,
    /// every unit read once in the last ten minutes stays in memory (a million-unit region read through is gigabytes).
    /// </summary>
    public static int MemoryEntries(IConfiguration configuration) => configuration.GetValue("Registry:Cache:MemoryEntries", 20_000);

    public static string? RedisConfiguration(IConfiguration configuration)
    {
        var value = configuration.GetConnectionString("Redis");
        return string.IsNullOrWhiteSpace(value) ? null : value;
    }

    /// <summary>
    /// HybridCache implemented by FusionCache: memory (L1) everywhere; with Redis configured, Redis as L2 and as the
    /// backplane that tells every instance to drop its L1 copy when a unit changes.
    /// </summary>
    public static WebApplicationBuilder AddRegistryCache(this WebApplicationBuilder builder)
    {
        var redis = RedisConfiguration(builder.Configuration);
        var prefix = Prefix(builder.Configuration);
        var memoryEntries = MemoryEntries(builder.Configuration);
        // Every entry counts 1 against the limit: a property view, a restriction verdict, a tag's timestamp.
        builder.Services.AddKeyedSingleton<IMemoryCache>(CacheName, (_, _) => new MemoryCache(new MemoryCacheOptions { SizeLimit = memoryEntries }));
        var cache = builder.Services.AddFusionCache(CacheName)
            .WithMemoryCache(services => services.GetRequiredKeyedService<IMemoryCache>(CacheName))
            .WithOptions(options =>
            {
                options.CacheKeyPrefix = prefix + ":";
                options.BackplaneChannelPrefix = prefix;
                options.WaitForInitialBackplaneSubscribe = true;
                options.DistributedCacheCircuitBreakerDuration = TimeSpan.FromSeconds(5);
                options.BackplaneCircuitBreakerDuration = TimeSpan.FromSeconds(5);
                options.TagsDefaultEntryOptions.DistributedCacheSoftTimeout = TimeSpan.FromMilliseconds(250);
                options.TagsDefaultEntryOptions.DistributedCacheHardTimeout = TimeSpan.FromMilliseconds(500);
                options.TagsDefaultEntryOptions.ReThrowDistributedCacheExceptions = false;
                options.TagsDefaultEntryOptions.ReThrowBackplaneExceptions = false;
                options.TagsDefaultEntryOptions.Size = 1;
            })
            .WithDefaultEntryOptions(entry =>
            {
                entry.Duration = TimeSpan.FromMinutes(10);
                entry.Size = 1;
                // Note: while Redis is down, reads go to the database instead of failing.
                entry.AllowBackgroundDistributedCacheOperations = false;
                entry.ReThrowDistributedCacheExceptions = false;
                entry.ReThrowBackplaneExceptions = false;
                // Entries are stored under keys that carry the unit's version token and never change: no instance
                // needs telling that one was set. (Removals by tag still go through the backplane.)
                entry.SkipBackplaneNotifications = true;
                // Redis answers in microseconds on a healthy network: waiting longer only delays the database fallback.
                entry.DistributedCacheSoftTimeout = TimeSpan.FromMilliseconds(250);
                entry.DistributedCacheHardTimeout = TimeSpan.FromMilliseconds(500);
            })
            // Value tuples keep their items in fields: without IncludeFields they would come back from Redis empty.
            .WithSerializer(new FusionCacheSystemTextJsonSerializer(new System.Text.Json.JsonSerializerOptions { IncludeFields = true }));
        if (redis is not null)
        {
            builder.Services.AddSingleton(new RedisConnection(redis));
            cache
                .WithDistributedCache(services => new RedisCache(new RedisCacheOptions
                {
                    ConnectionMultiplexerFactory = () => Task.FromResult(services.GetRequiredService<RedisConnection>().Multiplexer),
                }))
                .WithBackplane(services => new RedisBackplane(new RedisBackplaneOptions
                {
                    ConnectionMultiplexerFactory = () => Task.FromResult(services.GetRequiredService<RedisConnection>().Multiplexer),
                }));
        }
        cache.AsHybridCache();
        if (redis is not null)
        {
            builder.Services.AddHostedService<CacheRecovery>();
            builder.Services.AddSingleton<IUnitVersions>(services => new RedisUnitVersions(
                services.GetRequiredService<RedisConnection>(), prefix, services.GetRequiredService<ILogger<RedisUnitVersions>>()));
        }
        else
        {
            builder.Services.AddSingleton<IUnitVersions, MemoryUnitVersions>();
        }
        builder.Services.AddSingleton<RegistryCache>();
        return builder;
    }
}
