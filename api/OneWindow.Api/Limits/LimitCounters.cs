using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using OneWindow.Api.Caching;
using StackExchange.Redis;

namespace OneWindow.Api.Limits;

/// <summary>What a counter answered: whether the request fits, the limit, what is left, and when the window ends.</summary>
internal readonly record struct WindowCount(bool Allowed, long Limit, long Remaining, int ResetSeconds);

/// <summary>
/// The counters behind the limits. With Redis configured they live in Redis, so every instance counts against the
/// same numbers: request rates through allowances each instance leases from a per-partition, per-window counter
/// and query budgets the same way (<see cref="LeaseAsync"/>: one script call per lease, not per request or query). Without Redis (the embedded
/// default), or while Redis does not answer, they are counted in this process (<see cref="LocalWindows"/>): limits
/// then hold per instance, and the change is logged once each way.
/// </summary>
internal sealed class LimitCounters
{
    /// <summary>
    /// Takes up to <c>@want</c> units from a shared counter, never past <c>@limit</c>, and nothing unless at least
    /// <c>@need</c> fit; answers what was granted, the counter after it and the milliseconds before the key expires.
    /// A key gets its expiry (<c>@expire</c> ms) when it is created: a rate window starts with the partition's first
    /// request, so every instance sees the same window; a budget key is named after its clock-aligned window.
    /// </summary>
    private static readonly LuaScript LeaseScript = LuaScript.Prepare("""
        local used = tonumber(redis.call('get', @key) or '0')
        local grant = math.min(tonumber(@want), tonumber(@limit) - used)
        if grant < tonumber(@need) then
            grant = 0
        end
        if grant > 0 then
            used = redis.call('incrby', @key, grant)
        end
        local left = redis.call('pttl', @key)
        if left < 0 and used > 0 then
            redis.call('pexpire', @key, @expire)
            left = tonumber(@expire)
        elseif left < 0 then
            left = tonumber(@expire)
        end
        return { math.max(grant, 0), used, left }
        """);

    private readonly ConcurrentDictionary<string, Allowance> _allowances = new(StringComparer.Ordinal);
    private long _nextSweep;
    private readonly RedisConnection? _redis;
    private readonly LocalWindows _local = new(TimeProvider.System);
    private readonly TimeSpan _retryInterval;
    private readonly TimeSpan _budgetWindow;
    private readonly ILogger<LimitCounters> _logger;
    private long _redisRetryAt;
    private int _shared = 1;

    public LimitCounters(IOptions<LimitsOptions> options, ILogger<LimitCounters> logger, RedisConnection? redis = null)
    {
        _redis = redis;
        _retryInterval = options.Value.RedisRetryInterval;
        _budgetWindow = options.Value.QueryBudgetWindow;
        _logger = logger;
    }

    /// <summary>True while the counters are shared through Redis; false on the embedded default or during an outage.</summary>
    public bool Shared => _redis is not null && Volatile.Read(ref _shared) == 1 && _redis.Multiplexer.IsConnected;

    /// <summary>
    /// Counts one request against the partition's rate limit (nothing is counted when it is refused). With Redis, the
    /// instance takes requests from the window's shared counter in blocks it then counts down in memory (see
    /// <see cref="LeaseAsync"/>): a partition's requests cost one Redis call per block instead of one per request.
    /// </summary>
    public async ValueTask<WindowCount> AcquireRequestAsync(LimitPartition partition, CancellationToken cancellationToken)
    {
        var policy = partition.Policy;
        if (UseRedis() && await LeaseAsync(partition.Key, ":rate", 1, policy.PermitLimit, MaxBlock(policy.PermitLimit),
                (long)policy.WindowSeconds * 1000, endsAt: null, cancellationToken) is { } count)
        {
            return count;
        }
        return _local.Add("rate:" + partition.Key, 1, policy.PermitLimit, policy.Window);
    }

    /// <summary>
    /// Spends <paramref name="cost"/> from the partition's query budget if all of it fits (else nothing); a cost of 0
    /// only reads what is left. With Redis, leased in blocks like requests (<see cref="LeaseAsync"/>), at most 5 % of
    /// the budget at once, from a counter per clock-aligned window.
    /// </summary>
    public async ValueTask<WindowCount> SpendBudgetAsync(LimitPartition partition, long cost, CancellationToken cancellationToken)
    {
        var budget = partition.Policy.QueryBudget;
        if (UseRedis())
        {
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var window = (long)_budgetWindow.TotalMilliseconds;
            var index = now / window;
            var end = (index + 1) * window;
            // Kept a little past the window's end, for instances whose clocks run slightly behind.
            if (await LeaseAsync($"{partition.Key}:budget:{index}", "", cost, budget, Math.Max(1, budget / 20), end + 5_000 - now,
                    endsAt: end - now, cancellationToken) is { } count)
            {
                return count;
            }
        }
        return _local.Add("budget:" + partition.Key, cost, budget, _budgetWindow);
    }

    /// <summary>
    /// Takes <paramref name="amount"/> units of a shared counter (in Redis under <paramref name="key"/> and
    /// <paramref name="redisSuffix"/>; the allowance in memory under the key alone) through this
    /// instance's allowance: what it leased and has not used yet is counted down in memory; when that does not cover
    /// the amount, one script call leases at least the shortfall and, if it fits, a block: the first block of a window
    /// is the amount itself, each next one twice the last, up to <paramref name="maxBlock"/>. What an instance leased
    /// and did not use by the window's end counts as used, so every instance together serves at most the limit, and
    /// a caller spread over n instances may be refused up to n blocks early. An amount of 0 reads what is left.
    /// Null when Redis failed (the caller counts locally).
    /// </summary>
    /// <param name="expireMs">The key's expiry when this lease creates it.</param>
    /// <param name="endsAt">Milliseconds to the end of a clock-aligned window; null when the window is the key's life.</param>
    private async ValueTask<WindowCount?> LeaseAsync(string key, string redisSuffix, long amount, long limit, long maxBlock, long expireMs, long? endsAt,
        CancellationToken cancellationToken)
    {
        var now = Environment.TickCount64;
        SweepAllowances(now);
        // The Redis key is built once per allowance, not per request.
        var allowance = _allowances.GetOrAdd(key, static (key, suffix) => new Allowance(key + suffix), redisSuffix);
        long want;
        long need;
        TaskCompletionSource? leasing = null;
        while (true)
        {
            Task? inFlight = null;
            lock (allowance)
            {
                if (allowance.End <= now)
                {
                    allowance.Reset();
                }
                else if (allowance.Left >= amount)
                {
                    allowance.Left -= amount;
                    var count = new WindowCount(true, limit, allowance.Remaining(limit), ResetSeconds(allowance.End - now));
                    // Half the last block used: the next one is leased ahead, in the background, so requests do not
                    // queue behind a Redis call when this one runs out.
                    if (amount > 0 && allowance.Leasing is null && allowance.Left < allowance.Block / 2 && allowance.Shared < limit)
                    {
                        var ahead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                        allowance.Leasing = ahead.Task;
                        var block = allowance.Block;
                        allowance.Block = Math.Min(block * 2, Math.Max(maxBlock, 1));
                        _ = LeaseAheadAsync(allowance, ahead, block, limit, expireMs, endsAt);
                    }
                    return count;
                }
                if (amount > 0 && allowance.Leasing is { } pending)
                {
                    // One lease at a time per counter: concurrent requests wait for it and then look again, instead of
                    // each leasing a block of its own (200 requests at a window's start would take the whole limit).
                    inFlight = pending;
                }
                else
                {
                    // A negative Left is what requests took beyond the last lease while it was asked for: the next
                    // lease repays it.
                    need = amount > 0 ? amount - allowance.Left : 0;
                    want = amount > 0 ? Math.Max(need, allowance.Block) : 0;
                    if (amount > 0)
                    {
                        allowance.Block = Math.Min(Math.Max(want, allowance.Block) * 2, Math.Max(maxBlock, 1));
                        leasing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                        allowance.Leasing = leasing.Task;
                    }
                    break;
                }
            }
            await inFlight!.WaitAsync(cancellationToken);
            now = Environment.TickCount64;
        }
        try
        {
            var answer = await AskAsync(allowance.RedisKey, want, need, limit, expireMs, cancellationToken);
            if (answer is not { } lease)
            {
                return null;
            }
            var (granted, used, expiresIn) = lease;
            var left = endsAt ?? expiresIn;
            if (amount == 0 && used == 0)
            {
                // Nothing spent in this window yet, anywhere: it has not started.
                return new WindowCount(true, limit, limit, ResetSeconds(left));
            }
            return Settle(allowance, granted, used, left, amount, limit);
        }
        finally
        {
            if (leasing is not null)
            {
                Done(allowance, leasing);
            }
        }
    }

    /// <summary>A lease asked for ahead of need: whatever is granted (at least one) joins the allowance.</summary>
    private async Task LeaseAheadAsync(Allowance allowance, TaskCompletionSource leasing, long want, long limit, long expireMs, long? endsAt)
    {
        try
        {
            if (await AskAsync(allowance.RedisKey, want, 1, limit, expireMs, CancellationToken.None) is { } lease)
            {
                Settle(allowance, lease.Granted, lease.Used, endsAt ?? lease.ExpiresIn, 0, limit);
            }
        }
        finally
        {
            Done(allowance, leasing);
        }
    }

    /// <summary>The lease script's answer (granted, the counter after it, ms before the key expires); null when Redis failed.</summary>
    private async Task<(long Granted, long Used, long ExpiresIn)?> AskAsync(string key, long want, long need, long limit, long expireMs,
        CancellationToken cancellationToken)
    {
        try
        {
            var answer = (RedisValue[]?)await _redis!.Multiplexer.GetDatabase().ScriptEvaluateAsync(LeaseScript, new
            {
                key = (RedisKey)key,
                want = (RedisValue)want,
                need = (RedisValue)need,
                limit = (RedisValue)limit,
                expire = (RedisValue)Math.Max(1, expireMs),
            }).WaitAsync(cancellationToken);
            RedisAnswered();
            return ((long)answer![0], (long)answer[1], (long)answer[2]);
        }
        catch (Exception exception) when (IsRedisFailure(exception))
        {
            RedisFailed(exception);
            return null;
        }
    }

    /// <summary>Adds a lease's grant to the allowance, less <paramref name="amount"/> taken by the request that asked.</summary>
    private static WindowCount Settle(Allowance allowance, long granted, long used, long left, long amount, long limit)
    {
        var now = Environment.TickCount64;
        lock (allowance)
        {
            if (allowance.End <= now || allowance.End > now + left + 1000)
            {
                // The first lease of a window here, or the shared window ended and a new one began: what was left of
                // the old one is not carried over.
                var block = allowance.Block;
                var leasing = allowance.Leasing;
                allowance.Reset();
                allowance.Block = block;
                allowance.Leasing = leasing;
                allowance.End = now + left;
            }
            allowance.Shared = Math.Max(allowance.Shared, used);
            if (granted > 0)
            {
                allowance.Left += granted - amount;
            }
            return new WindowCount(granted > 0 || amount == 0, limit, allowance.Remaining(limit), ResetSeconds(left));
        }
    }

    private static void Done(Allowance allowance, TaskCompletionSource leasing)
    {
        lock (allowance)
        {
            allowance.Leasing = null;
        }
        leasing.TrySetResult();
    }

    /// <summary>
    /// The largest block of requests an instance leases at once: 5 % of the limit, between 1 and 1,000. Note: with at
    /// most 100, a partition sending 10,000 requests a second leased every 10 ms, and under load half its requests
    /// waited for a lease (docs/performance.md, "GraphQL against REST").
    /// </summary>
    internal static long MaxBlock(long permitLimit) => Math.Clamp(permitLimit / 20, 1, 1000);

    private void SweepAllowances(long now)
    {
        var due = Interlocked.Read(ref _nextSweep);
        if (now < due || Interlocked.CompareExchange(ref _nextSweep, now + 60_000, due) != due)
        {
            return;
        }
        foreach (var (key, allowance) in _allowances)
        {
            lock (allowance)
            {
                if (allowance.End <= now)
                {
                    _allowances.TryRemove(new KeyValuePair<string, Allowance>(key, allowance));
                }
            }
        }
    }

    /// <summary>What this instance leased of one counter's current window.</summary>
    private sealed class Allowance(string redisKey)
    {
        /// <summary>The shared counter's key in Redis.</summary>
        public readonly string RedisKey = redisKey;

        /// <summary>When the window ends, on <see cref="Environment.TickCount64"/>; 0 before the first lease.</summary>
        public long End;

        /// <summary>Units leased and not used yet; below 0 when concurrent requests took more than the last lease.</summary>
        public long Left;

        /// <summary>The shared counter after this instance's last lease: what all instances together have taken.</summary>
        public long Shared;

        /// <summary>How many requests the next lease asks for.</summary>
        public long Block = 1;

        /// <summary>The lease being asked for now, which other requests wait for; null when none is.</summary>
        public Task? Leasing;

        public void Reset()
        {
            End = 0;
            Left = 0;
            Shared = 0;
            Block = 1;
        }

        public long Remaining(long limit) => Math.Clamp(limit - Shared + Left, 0, limit);
    }

    internal static int ResetSeconds(long milliseconds) => (int)Math.Max(1, (milliseconds + 999) / 1000);

    private bool UseRedis()
    {
        if (_redis is null)
        {
            return false;
        }
        if (!_redis.Multiplexer.IsConnected)
        {
            // Reconnecting in the background: a command would wait in the backlog until it times out.
            GoLocal(null);
            return false;
        }
        return Environment.TickCount64 >= Interlocked.Read(ref _redisRetryAt);
    }

    private static bool IsRedisFailure(Exception exception) => exception is RedisException or TimeoutException;

    private void RedisFailed(Exception exception)
    {
        Interlocked.Exchange(ref _redisRetryAt, Environment.TickCount64 + (long)_retryInterval.TotalMilliseconds);
        GoLocal(exception);
    }

    private void GoLocal(Exception? exception)
    {
        if (Interlocked.Exchange(ref _shared, 0) == 1)
        {
            _logger.LogWarning(exception,
                "Redis does not answer: rate limits and query budgets are counted per instance until it does");
        }
    }

    private void RedisAnswered()
    {
        if (Interlocked.Exchange(ref _shared, 1) == 0)
        {
            _logger.LogInformation("Redis answers again: rate limits and query budgets are shared by all instances");
        }
    }
}

/// <summary>
/// In-process fixed windows aligned to the clock, for the embedded default and for a Redis outage. Each partition
/// keeps one counter; counters of windows that have ended are dropped once per minute.
/// </summary>
/// <remarks>
/// Not <see cref="FixedWindowRateLimiter"/>: it cannot say when its window ends (the <c>RateLimit-Reset</c> header),
/// cannot spend an amount against a budget atomically, and creates a timer per partition.
/// </remarks>
internal sealed class LocalWindows(TimeProvider clock)
{
    private static readonly long SweepEvery = (long)TimeSpan.FromMinutes(1).TotalMilliseconds;
    private readonly ConcurrentDictionary<string, Counter> _counters = new(StringComparer.Ordinal);
    private long _nextSweep;

    public int Count => _counters.Count;

    public WindowCount Add(string key, long amount, long limit, TimeSpan window)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var length = Math.Max(1, (long)window.TotalMilliseconds);
        var index = now / length;
        var end = (index + 1) * length;
        Sweep(now);
        while (true)
        {
            var counter = _counters.GetOrAdd(key, static _ => new Counter());
            lock (counter)
            {
                if (counter.Removed)
                {
                    continue;
                }
                if (counter.Index != index)
                {
                    counter.Index = index;
                    counter.End = end;
                    counter.Used = 0;
                }
                var allowed = amount <= 0 || counter.Used + amount <= limit;
                if (allowed)
                {
                    counter.Used += Math.Max(0, amount);
                }
                return new WindowCount(allowed, limit, Math.Max(0, limit - counter.Used), LimitCounters.ResetSeconds(end - now));
            }
        }
    }

    private void Sweep(long now)
    {
        var due = Interlocked.Read(ref _nextSweep);
        if (now < due || Interlocked.CompareExchange(ref _nextSweep, now + SweepEvery, due) != due)
        {
            return;
        }
        foreach (var (key, counter) in _counters)
        {
            lock (counter)
            {
                if (counter.End <= now)
                {
                    counter.Removed = true;
                    _counters.TryRemove(new KeyValuePair<string, Counter>(key, counter));
                }
            }
        }
    }

    private sealed class Counter
    {
        public long Index = -1;
        public long End;
        public long Used;
        public bool Removed;
    }
}
