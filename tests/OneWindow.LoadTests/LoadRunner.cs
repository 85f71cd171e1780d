using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace OneWindow.LoadTests;

/// <summary>
/// Where uncached scenarios are in the pool of unit codes. Shared by all of them, so a code read by one uncached
/// scenario (REST and GraphQL share handlers, and so cache entries) is not read again by the next.
/// </summary>
internal sealed class PoolCursor
{
    private long _next = -1;

    /// <summary>How many codes have been handed out so far, over all uncached scenarios.</summary>
    public long Taken => Interlocked.Read(ref _next) + 1;

    public long Take() => Interlocked.Increment(ref _next);
}

/// <summary>The answer to a single probing request (preflight, hot-set touch).</summary>
internal sealed record Probe(int? Status, Outcome? Outcome, string Body, Exception? Error);

/// <summary>
/// Drives one scenario: <c>concurrency</c> async workers, each looping request → read the whole body → record,
/// through one shared <see cref="HttpClient"/>. Latencies go into each worker's own list (no locks on the hot path)
/// and are merged and sorted after the run.
/// </summary>
internal sealed class LoadRunner(HttpClient client, LoadOptions options, AccessToken token)
{
    /// <summary>One request outside the measurement, with its body kept for messages.</summary>
    public async Task<Probe> ProbeAsync(ScenarioTarget target, int index)
    {
        using var request = target.CreateRequest(index, token.Header);
        try
        {
            using var response = await client.SendAsync(request);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            var status = (int)response.StatusCode;
            return new Probe(status, target.Judge(status, bytes), Encoding.UTF8.GetString(bytes), null);
        }
        catch (Exception e)
        {
            return new Probe(null, null, "", e);
        }
    }

    public async Task<ScenarioResult> RunAsync(ScenarioTarget target, PoolCursor? pool)
    {
        var frequency = Stopwatch.Frequency;
        var started = Stopwatch.GetTimestamp();
        var window = new Window(
            started + (long)(options.Warmup.TotalSeconds * frequency),
            started + (long)((options.Warmup + options.Duration).TotalSeconds * frequency));
        var takenBefore = pool?.Taken ?? 0;

        var cpu = MeasureCpuAsync(window);
        var workers = new Worker[options.Concurrency];
        var tasks = new Task[workers.Length];
        // Room for the expected share of requests so the lists rarely grow during the run.
        var capacity = (int)Math.Min(1 << 16, Math.Max(1024, options.Duration.TotalSeconds * 200));
        for (var i = 0; i < workers.Length; i++)
        {
            workers[i] = new Worker(client, target, token, window, pool, i, capacity);
        }
        for (var i = 0; i < workers.Length; i++)
        {
            tasks[i] = Task.Run(workers[i].RunAsync);
        }
        await Task.WhenAll(tasks);
        var result = Merge(target.Plan, workers, options.Duration, await cpu);
        if (pool is not null)
        {
            var used = pool.Taken - takenBefore;
            var poolSize = target.Count;
            var what = target.Plan.Kind == ScenarioKind.Verify ? "certificates" : "unit codes";
            if (pool.Taken > poolSize)
            {
                result.PoolExhausted = true;
                result.Notes.Add(
                    $"the pool of {poolSize} {what} ran out: {pool.Taken} reads so far in uncached scenarios "
                    + $"({(double)pool.Taken / poolSize:0.0}× the pool), so some reads were cache hits; pass more (--max-units, --units-file, --certificates-file)");
            }
            else
            {
                result.Notes.Add($"{used} distinct {what} read, warmup included, each once (pool of {poolSize}; {pool.Taken} used so far)");
            }
        }
        return result;
    }

    private static ScenarioResult Merge(ScenarioPlan plan, Worker[] workers, TimeSpan window, WindowCost cost)
    {
        var total = 0;
        foreach (var worker in workers)
        {
            total += worker.Latencies.Count;
        }
        var ticks = new long[total];
        var offset = 0;
        long graphQlErrors = 0, nullProperty = 0, warmupErrors = 0;
        var badStatus = new SortedDictionary<int, long>();
        var exceptions = new SortedDictionary<string, ErrorTally>(StringComparer.Ordinal);
        foreach (var worker in workers)
        {
            CollectionsMarshal.AsSpan(worker.Latencies).CopyTo(ticks.AsSpan(offset));
            offset += worker.Latencies.Count;
            graphQlErrors += worker.GraphQlErrors;
            nullProperty += worker.AnsweredNotFound;
            warmupErrors += worker.WarmupErrors;
            for (var status = 0; status < worker.StatusCounts.Length; status++)
            {
                if (worker.StatusCounts[status] > 0)
                {
                    badStatus[status] = badStatus.GetValueOrDefault(status) + worker.StatusCounts[status];
                }
            }
            if (worker.Exceptions is not null)
            {
                foreach (var (kind, tally) in worker.Exceptions)
                {
                    if (!exceptions.TryGetValue(kind, out var merged))
                    {
                        exceptions[kind] = merged = new ErrorTally(tally.Sample);
                    }
                    merged.Count += tally.Count;
                }
            }
        }
        Array.Sort(ticks);
        return new ScenarioResult
        {
            Plan = plan,
            Ok = total,
            SortedTicks = ticks,
            BadStatus = badStatus,
            GraphQlErrors = graphQlErrors,
            AnsweredNotFound = nullProperty,
            Exceptions = exceptions,
            WarmupErrors = warmupErrors,
            Window = window,
            ToolCpu = cost.Tool,
            ServerCpu = cost.Server,
            MachineCpuPercent = cost.MachinePercent,
            ToolAllocatedBytes = cost.Allocated,
        };
    }

    /// <summary>
    /// CPU time used by this process, by the host (with --server-pid) and by the whole machine, and bytes this
    /// process allocated, between the window's ends.
    /// </summary>
    private async Task<WindowCost> MeasureCpuAsync(Window window)
    {
        await DelayUntil(window.Start);
        var tool = ToolCpu();
        var server = ServerCpu();
        var machine = MachineInfo.CpuCounters();
        var allocated = GC.GetTotalAllocatedBytes();
        await DelayUntil(window.End);
        return new WindowCost(
            ToolCpu() - tool,
            server is { } before && ServerCpu() is { } after ? after - before : null,
            MachineInfo.BusyPercent(machine, MachineInfo.CpuCounters()),
            GC.GetTotalAllocatedBytes() - allocated);
    }

    private readonly record struct WindowCost(TimeSpan Tool, TimeSpan? Server, double? MachinePercent, long Allocated);

    private static TimeSpan ToolCpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    private static Task DelayUntil(long timestamp)
    {
        var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), timestamp);
        return wait > TimeSpan.Zero ? Task.Delay(wait) : Task.CompletedTask;
    }

    private TimeSpan? ServerCpu()
    {
        if (options.ServerPid is not { } pid)
        {
            return null;
        }
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.TotalProcessorTime;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>The measured window in Stopwatch timestamps: responses completed inside it are recorded.</summary>
    private readonly record struct Window(long Start, long End);

    /// <summary>
    /// One client: one request in flight at a time. Cached scenarios cycle through the hot set from the worker's
    /// own offset; uncached ones take the next code of the shared pool.
    /// </summary>
    private sealed class Worker(HttpClient client, ScenarioTarget target, AccessToken token, Window window, PoolCursor? pool, int id, int capacity)
    {
        private static readonly TimeSpan FailurePause = TimeSpan.FromMilliseconds(10);

        private byte[] _buffer = new byte[16 * 1024];
        private long _next = id;

        public List<long> Latencies { get; } = new(capacity);

        /// <summary>Responses by status code for every status other than 200 (index = status).</summary>
        public long[] StatusCounts { get; } = new long[600];

        public long GraphQlErrors { get; private set; }
        public long AnsweredNotFound { get; private set; }
        public long WarmupErrors { get; private set; }
        public Dictionary<string, ErrorTally>? Exceptions { get; private set; }

        public async Task RunAsync()
        {
            var count = target.Count;
            while (true)
            {
                var start = Stopwatch.GetTimestamp();
                if (start >= window.End)
                {
                    return;
                }
                var index = (int)((pool is null ? _next++ : pool.Take()) % count);
                var request = target.CreateRequest(index, token.Header);
                Outcome outcome;
                var status = 0;
                Exception? error = null;
                try
                {
                    using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                    status = (int)response.StatusCode;
                    var length = await ReadBodyAsync(response);
                    outcome = target.Judge(status, _buffer.AsSpan(0, length));
                }
                catch (Exception e)
                {
                    // Every failure is counted, never thrown: the tool must report a failing host, not crash on it.
                    outcome = Outcome.BadStatus;
                    error = e;
                }
                finally
                {
                    request.Dispose();
                }
                var end = Stopwatch.GetTimestamp();
                if (error is not null)
                {
                    // A host that refuses connections fails at once: a pause keeps the tool from spinning on the
                    // cores it shares with the host. The run is invalid anyway once it has errors.
                    await Task.Delay(FailurePause);
                }

                if (end < window.Start || end > window.End)
                {
                    if (end < window.Start && (error is not null || outcome != Outcome.Ok))
                    {
                        WarmupErrors++;
                    }
                    continue;
                }
                if (error is not null)
                {
                    CountException(error);
                    continue;
                }
                switch (outcome)
                {
                    case Outcome.Ok:
                        Latencies.Add(end - start);
                        break;
                    case Outcome.BadStatus:
                        StatusCounts[Math.Clamp(status, 0, StatusCounts.Length - 1)]++;
                        break;
                    case Outcome.GraphQlErrors:
                        GraphQlErrors++;
                        break;
                    case Outcome.AnsweredNotFound:
                        AnsweredNotFound++;
                        break;
                }
            }
        }

        /// <summary>Reads the whole body into the worker's buffer, which grows if a body is larger.</summary>
        private async Task<int> ReadBodyAsync(HttpResponseMessage response)
        {
            await using var stream = await response.Content.ReadAsStreamAsync();
            var total = 0;
            while (true)
            {
                if (total == _buffer.Length)
                {
                    Array.Resize(ref _buffer, _buffer.Length * 2);
                }
                var read = await stream.ReadAsync(_buffer.AsMemory(total));
                if (read == 0)
                {
                    return total;
                }
                total += read;
            }
        }

        private void CountException(Exception error)
        {
            Exceptions ??= new Dictionary<string, ErrorTally>(StringComparer.Ordinal);
            var kind = Describe.Kind(error);
            if (!Exceptions.TryGetValue(kind, out var tally))
            {
                Exceptions[kind] = tally = new ErrorTally(Describe.Exception(error));
            }
            tally.Count++;
        }
    }
}
