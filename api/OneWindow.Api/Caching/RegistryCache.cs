using Microsoft.Extensions.Caching.Hybrid;

namespace OneWindow.Api.Caching;

/// <summary>
/// Cached reads of the register, per unit, on the HybridCache API (FusionCache underneath: memory, plus Redis as L2
/// and backplane when Redis is configured). Keys carry the unit's version token (<see cref="IUnitVersions"/>) and
/// entries are tagged <c>unit:{code}</c>; <see cref="InvalidateUnitsAsync"/> changes the tokens and removes the tagged
/// entries on every instance.
/// </summary>
public sealed class RegistryCache(HybridCache cache, IUnitVersions versions)
{
    private static readonly HybridCacheEntryOptions Entry = new()
    {
        Expiration = TimeSpan.FromMinutes(10),
        LocalCacheExpiration = TimeSpan.FromMinutes(10),
    };

    // Look up only: no factory runs and nothing is written (HybridCache has no TryGet).
    private static readonly HybridCacheEntryOptions LookupOnly = new()
    {
        Flags = HybridCacheEntryFlags.DisableUnderlyingData | HybridCacheEntryFlags.DisableLocalCacheWrite | HybridCacheEntryFlags.DisableDistributedCacheWrite,
    };

    public static string UnitTag(string unitCode) => "unit:" + unitCode;

    /// <summary>
    /// Values for the units that exist: cached ones as they are, the rest loaded together by <paramref name="load"/>
    /// and cached. When the version tokens cannot be read (Redis down), everything comes from <paramref name="load"/>.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, T>> GetManyAsync<T>(
        IReadOnlyList<string> unitCodes,
        string kind,
        Func<IReadOnlyList<string>, CancellationToken, Task<IReadOnlyDictionary<string, T>>> load,
        CancellationToken cancellationToken) where T : class
    {
        var tokens = await versions.GetAsync(unitCodes);
        if (tokens is null)
        {
            return await load(unitCodes, cancellationToken);
        }
        var keys = new string[unitCodes.Count];
        var lookups = new ValueTask<T?>[unitCodes.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = $"{kind}:{unitCodes[i]}:{tokens[i]}";
            lookups[i] = cache.GetOrCreateAsync<T?>(keys[i], _ => ValueTask.FromResult<T?>(null), LookupOnly, null, cancellationToken);
        }
        var found = new Dictionary<string, T>(unitCodes.Count, StringComparer.Ordinal);
        List<string>? missing = null;
        Dictionary<string, string>? missingKeys = null;
        for (var i = 0; i < keys.Length; i++)
        {
            if (await lookups[i] is { } value)
            {
                found[unitCodes[i]] = value;
            }
            else if ((missingKeys ??= new Dictionary<string, string>(StringComparer.Ordinal)).TryAdd(unitCodes[i], keys[i]))
            {
                (missing ??= []).Add(unitCodes[i]);
            }
        }
        if (missing is null || missingKeys is null)
        {
            return found;
        }
        var loaded = await load(missing, cancellationToken);
        foreach (var (code, value) in loaded)
        {
            found[code] = value;
            await cache.SetAsync(missingKeys[code], value, Entry, [UnitTag(code)], cancellationToken);
        }
        return found;
    }

    /// <summary>After a register change has committed: every instance stops serving the units' cached reads.</summary>
    public async Task InvalidateUnitsAsync(IReadOnlyCollection<string> unitCodes, CancellationToken cancellationToken)
    {
        if (!versions.IsAvailable)
        {
            // Redis is down: nobody can read a token, so every instance reads from the database; the old entries
            // sit under tokens that are about to change and are never read again.
            await versions.ChangeAsync(unitCodes);
            return;
        }
        await versions.ChangeAsync(unitCodes);
        // Only hygiene: entries under the old tokens are unreachable already; this frees them on every instance.
        await cache.RemoveByTagAsync(unitCodes.Select(UnitTag), cancellationToken);
    }
}
