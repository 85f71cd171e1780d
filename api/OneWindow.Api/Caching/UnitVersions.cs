using System.Collections.Concurrent;
using StackExchange.Redis;

namespace OneWindow.Api.Caching;

/// <summary>
/// A version token per unit: cached reads of a unit are stored under a key that carries the unit's current token,
/// and a new register entry for the unit replaces the token. Every instance reads the token from Redis, so after
/// a write on instance A has returned, instance B's next read looks for a key nothing was ever stored under and
/// goes to the database: no instance serves the old value, however late the backplane's invalidation arrives.
/// Tokens are random, so a Redis that lost its data never hands out a token an old cache entry was stored under.
/// </summary>
public interface IUnitVersions
{
    /// <summary>The current tokens of the units, or null when they cannot be read (Redis down): then skip the cache.</summary>
    ValueTask<string[]?> GetAsync(IReadOnlyList<string> unitCodes);

    /// <summary>Gives the units new tokens. Call after the transaction that changed them has committed.</summary>
    Task ChangeAsync(IReadOnlyCollection<string> unitCodes);

    /// <summary>Whether the tokens can be read and changed now (false while Redis is down).</summary>
    bool IsAvailable { get; }
}

/// <summary>Tokens in Redis, shared by every instance.</summary>
public sealed class RedisUnitVersions(RedisConnection redis, string keyPrefix, ILogger<RedisUnitVersions> logger) : IUnitVersions
{
    private readonly string _prefix = keyPrefix + ":unit-version:";

    public bool IsAvailable => redis.CacheTrusted && redis.Multiplexer.IsConnected;

    public async ValueTask<string[]?> GetAsync(IReadOnlyList<string> unitCodes)
    {
        var multiplexer = redis.Multiplexer;
        if (!IsAvailable)
        {
            return null;
        }
        try
        {
            var database = multiplexer.GetDatabase();
            if (unitCodes.Count == 1)
            {
                RedisKey key = _prefix + unitCodes[0];
                var value = await database.StringGetAsync(key);
                return [value.IsNull ? await TokenAsync(database, key) : value.ToString()];
            }
            var keys = new RedisKey[unitCodes.Count];
            for (var i = 0; i < keys.Length; i++)
            {
                keys[i] = _prefix + unitCodes[i];
            }
            var values = await database.StringGetAsync(keys);
            var tokens = new string[values.Length];
            for (var i = 0; i < values.Length; i++)
            {
                tokens[i] = values[i].IsNull ? await TokenAsync(database, keys[i]) : values[i].ToString();
            }
            return tokens;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            logger.LogWarning(e, "Unit versions unavailable; reading from the database");
            return null;
        }
    }

    /// <summary>
    /// The unit's token, settling on one in the same round trip when it has none yet (first read since Redis started):
    /// SET NX GET returns the token already there, or stores ours.
    /// </summary>
    private static async Task<string> TokenAsync(IDatabase database, RedisKey key)
    {
        var mine = NewToken();
        var existing = await database.StringSetAndGetAsync(key, mine, expiry: null, keepTtl: false, when: When.NotExists);
        return existing.IsNull ? mine : existing.ToString();
    }

    public async Task ChangeAsync(IReadOnlyCollection<string> unitCodes)
    {
        // Note: if Redis is unreachable here the write has committed but other instances may serve the old value
        // until their cache entries expire; the failure is logged and surfaces in /health/ready.
        if (!redis.Multiplexer.IsConnected)
        {
            logger.LogError("Redis is down: could not change the cache versions of {Count} units; the cache is cleared when it returns", unitCodes.Count);
            return;
        }
        var database = redis.Multiplexer.GetDatabase();
        try
        {
            await Task.WhenAll(unitCodes.Select(code => database.StringSetAsync(_prefix + code, NewToken())));
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            logger.LogError(e, "Could not change the cache versions of {Count} units", unitCodes.Count);
        }
    }

    private static string NewToken() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));
}

/// <summary>Tokens in this process: the embedded default, one instance, no Redis.</summary>
public sealed class MemoryUnitVersions : IUnitVersions
{
    private readonly ConcurrentDictionary<string, string> _tokens = new(StringComparer.Ordinal);

    public bool IsAvailable => true;

    public ValueTask<string[]?> GetAsync(IReadOnlyList<string> unitCodes)
    {
        var tokens = new string[unitCodes.Count];
        for (var i = 0; i < tokens.Length; i++)
        {
            tokens[i] = _tokens.GetOrAdd(unitCodes[i], static _ => Guid.NewGuid().ToString("N")[..16]);
        }
        return ValueTask.FromResult<string[]?>(tokens);
    }

    public Task ChangeAsync(IReadOnlyCollection<string> unitCodes)
    {
        foreach (var code in unitCodes)
        {
            _tokens[code] = Guid.NewGuid().ToString("N")[..16];
        }
        return Task.CompletedTask;
    }
}
