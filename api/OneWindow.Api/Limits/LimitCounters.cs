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
/// (<see cref="AcquireRequestAsync"/>: one script call per lease, not per request), query budgets through a script
/// per query (INCRBY on a per-partition, per-window key, checked and spent atomically). Without Redis (the embedded
/// default), or while Redis does not answer, they are counted in this process (<see cref="LocalWindows"/>): limits
/// then hold per instance, and the change is logged once each way.
/// </summary>
internal sealed class LimitCounters
{
    private static readonly LuaScript SpendScript = LuaScript.Prepare("""
        local used = tonumber(redis.call('get', @key) or '0')
        local cost = tonumber(@cost)
        if cost > 0 then
            if used + cost > tonumber(@budget) then
                return { 0, used }
            end
            used = redis.call('incrby', @key, cost)
            redis.call('pexpireat', @key, @expires_at)
        end
        return { 1, used }
        """);

    /// <summary>
    /// Takes up to <c>@want</c> requests from the partition's shared counter, never past <c>@limit</c>; answers what was
    /// granted, the counter after it and the milliseconds left in the window. A window starts with the partition's
    /// first request (the key's expiry is set when it is created), so every instance sees the same window.
    /// </summary>
    private static readonly LuaScript LeaseScript = LuaScript.Prepare("""
        local used = tonumber(redis.call('get', @key) or '0')
        local grant = math.min(tonumber(@want), tonumber(@limit) - used)
        if grant > 0 then
            used = redis.call('incrby', @key, grant)
        end
        local left = redis.call('pttl', @key)
        if left < 0 and used > 0 then
            redis.call('pexpire', @key, @window)
            left = tonumber(@window)
        elseif left < 0 then
            left = tonumber(@window)
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
    /// instance takes requests from the window's shared counter in blocks it then counts down in memory: the first
    /// block of a window is one request, each next one twice the last, up to <see cref="MaxBlock"/> (5 % of the limit,
    /// at most 100). A partition's requests thus cost one Redis call per block instead of one per request; what an
    /// instance leased and did not use by the window's end counts as used, so every instance together serves at most
    /// the limit, and a caller spread over n instances may be refused up to n blocks early. Small limits (under 40)
    /// lease one request at a time: exact.
    /// </summary>
    public async ValueTask<WindowCount> AcquireRequestAsync(LimitPartition partition, CancellationToken cancellationToken)
    {
        var policy = partition.Policy;
        if (UseRedis())
        {
            var now = Environment.TickCount64;
            SweepAllowances(now);
            var allowance = _allowances.GetOrAdd(partition.Key, static _ => new Allowance());
            long want;
            lock (allowance)
            {
                if (allowance.End <= now)
                {
                    allowance.Reset();
                }
                if (allowance.Left > 0)
                {
                    allowance.Left--;
                    return new WindowCount(true, policy.PermitLimit, allowance.Remaining(policy.PermitLimit), ResetSeconds(allowance.End - now));
                }
                want = allowance.Block;
                allowance.Block = Math.Min(allowance.Block * 2, MaxBlock(policy.PermitLimit));
            }
            try
            {
                var answer = (RedisValue[]?)await _redis!.Multiplexer.GetDatabase().ScriptEvaluateAsync(LeaseScript, new
                {
                    key = (RedisKey)$"{partition.Key}:rate",
                    want = (RedisValue)want,
                    limit = (RedisValue)policy.PermitLimit,
                    window = (RedisValue)((long)policy.WindowSeconds * 1000),
                }).WaitAsync(cancellationToken);
                RedisAnswered();
                var granted = (long)answer![0];
                var used = (long)answer[1];
                var left = (long)answer[2];
                now = Environment.TickCount64;
                lock (allowance)
                {
                    if (allowance.End <= now || allowance.End > now + left + 1000)
                    {
                        // The first lease of a window here, or the shared window ended and a new one began: what was
                        // left of the old one is not carried over.
                        var block = allowance.Block;
                        allowance.Reset();
                        allowance.Block = block;
                        allowance.End = now + left;
                    }
                    allowance.Shared = Math.Max(allowance.Shared, used);
                    if (granted > 0)
                    {
                        allowance.Left += granted - 1;
                    }
                    return new WindowCount(granted > 0, policy.PermitLimit, allowance.Remaining(policy.PermitLimit), ResetSeconds(left));
                }
            }
            catch (Exception exception) when (IsRedisFailure(exception))
            {
                RedisFailed(exception);
            }
        }
        return _local.Add("rate:" + partition.Key, 1, policy.PermitLimit, policy.Window);
    }

    /// <summary>The largest block of requests an instance leases at once: 5 % of the limit, between 1 and 100.</summary>
    internal static long MaxBlock(long permitLimit) => Math.Clamp(permitLimit / 20, 1, 100);

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

    /// <summary>What this instance leased of one partition's current window.</summary>
    private sealed class Allowance
    {
        /// <summary>When the window ends, on <see cref="Environment.TickCount64"/>; 0 before the first lease.</summary>
        public long End;

        /// <summary>Requests leased and not used yet.</summary>
        public long Left;

        /// <summary>The shared counter after this instance's last lease: what all instances together have taken.</summary>
        public long Shared;

        /// <summary>How many requests the next lease asks for.</summary>
        public long Block = 1;

        public void Reset()
        {
            End = 0;
            Left = 0;
            Shared = 0;
            Block = 1;
        }

        public long Remaining(long limit) => Math.Max(0, limit - Shared + Left);
    }

    /// <summary>
    /// Spends <paramref name="cost"/> from the partition's query budget if all of it fits (else nothing);
    /// a cost of 0 only reads what is left.
    /// </summary>
    public async ValueTask<WindowCount> SpendBudgetAsync(LimitPartition partition, long cost, CancellationToken cancellationToken)
    {
        var budget = partition.Policy.QueryBudget;
        if (UseRedis())
        {
            try
            {
                var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                var window = (long)_budgetWindow.TotalMilliseconds;
                var index = now / window;
                var end = (index + 1) * window;
                var answer = (RedisValue[]?)await _redis!.Multiplexer.GetDatabase().ScriptEvaluateAsync(SpendScript, new
                {
                    key = (RedisKey)$"{partition.Key}:budget:{index}",
                    cost = (RedisValue)cost,
                    budget = (RedisValue)budget,
                    // Kept a little past the window's end, for instances whose clocks run slightly behind.
                    expires_at = (RedisValue)(end + 5_000),
                }).WaitAsync(cancellationToken);
                RedisAnswered();
                var used = (long)answer![1];
                return new WindowCount((long)answer[0] == 1, budget, Math.Max(0, budget - used), ResetSeconds(end - now));
            }
            catch (Exception exception) when (IsRedisFailure(exception))
            {
                RedisFailed(exception);
            }
        }
        return _local.Add("budget:" + partition.Key, cost, budget, _budgetWindow);
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
