using System.Diagnostics;

namespace OneWindow.LoadTests;

/// <summary>Failures of one kind: how many, and the first message seen.</summary>
internal sealed class ErrorTally(string sample)
{
    public long Count { get; set; }
    public string Sample { get; } = sample;
}

/// <summary>What one scenario measured: successful responses with their latencies, and every failure by kind.</summary>
internal sealed class ScenarioResult
{
    public required ScenarioPlan Plan { get; init; }

    /// <summary>Successful responses completed inside the measured window.</summary>
    public required long Ok { get; init; }

    /// <summary>Latencies of the successful responses in Stopwatch ticks, sorted ascending.</summary>
    public required long[] SortedTicks { get; init; }

    /// <summary>Responses with a status other than 200, by status code.</summary>
    public required SortedDictionary<int, long> BadStatus { get; init; }

    public required long GraphQlErrors { get; init; }
    public required long AnsweredNotFound { get; init; }

    /// <summary>Requests that ended in an exception (refused connection, timeout, reset), by kind.</summary>
    public required SortedDictionary<string, ErrorTally> Exceptions { get; init; }

    /// <summary>Failures during the unrecorded warmup, reported but not counted in <see cref="Errors"/>.</summary>
    public required long WarmupErrors { get; init; }

    public required TimeSpan Window { get; init; }
    public required TimeSpan ToolCpu { get; init; }
    public TimeSpan? ServerCpu { get; init; }

    /// <summary>How busy the whole machine was during the window, in percent of one core (null where unknown).</summary>
    public double? MachineCpuPercent { get; init; }

    /// <summary>
    /// CPU used by processes other than the tool and the host, in percent of one core: known only with
    /// --server-pid. Anything much above zero means the figures were disturbed.
    /// </summary>
    public double? OtherCpuPercent => MachineCpuPercent is { } machine && ServerCpuPercent is { } server
        ? Math.Max(0, machine - ToolCpuPercent - server)
        : null;

    /// <summary>Bytes the tool allocated during the window: its own cost per request, HttpClient's included.</summary>
    public required long ToolAllocatedBytes { get; init; }

    /// <summary>Requests/s of each round, when the scenarios ran in several rounds (--rounds).</summary>
    public List<double> RoundRates { get; } = [];

    /// <summary>Uncached mode only: the pool of unit codes ran out, so some reads were probably cache hits.</summary>
    public bool PoolExhausted { get; set; }

    /// <summary>Something the reader should know about this scenario (e.g. the uncached pool wrapped around).</summary>
    public List<string> Notes { get; } = [];

    public long BadStatusCount
    {
        get
        {
            long sum = 0;
            foreach (var count in BadStatus.Values)
            {
                sum += count;
            }
            return sum;
        }
    }

    public long ExceptionCount
    {
        get
        {
            long sum = 0;
            foreach (var tally in Exceptions.Values)
            {
                sum += tally.Count;
            }
            return sum;
        }
    }

    public long Errors => BadStatusCount + GraphQlErrors + AnsweredNotFound + ExceptionCount;

    public double RequestsPerSecond => Ok / Window.TotalSeconds;

    public double MeanMs
    {
        get
        {
            if (SortedTicks.Length == 0)
            {
                return double.NaN;
            }
            double sum = 0;
            foreach (var ticks in SortedTicks)
            {
                sum += ticks;
            }
            return ToMs(sum / SortedTicks.Length);
        }
    }

    public double MaxMs => SortedTicks.Length == 0 ? double.NaN : ToMs(SortedTicks[^1]);

    /// <summary>
    /// The exact percentile by the nearest-rank method: the smallest latency that at least <paramref name="percent"/>
    /// percent of the requests did not exceed.
    /// </summary>
    public double PercentileMs(double percent)
    {
        if (SortedTicks.Length == 0)
        {
            return double.NaN;
        }
        var rank = (int)Math.Ceiling(percent / 100 * SortedTicks.Length);
        return ToMs(SortedTicks[Math.Clamp(rank, 1, SortedTicks.Length) - 1]);
    }

    /// <summary>The tool's CPU use during the window, in percent of one core.</summary>
    public double ToolCpuPercent => ToolCpu.TotalSeconds / Window.TotalSeconds * 100;

    public double? ServerCpuPercent => ServerCpu is { } cpu ? cpu.TotalSeconds / Window.TotalSeconds * 100 : null;

    /// <summary>
    /// Several rounds of one scenario as one: counts and latencies pooled, windows added, so requests/s is the
    /// mean over the rounds and percentiles are over every request. Each round's requests/s is kept.
    /// </summary>
    public static ScenarioResult Combine(IReadOnlyList<ScenarioResult> rounds)
    {
        if (rounds.Count == 1)
        {
            return rounds[0];
        }
        long ok = 0, graphQlErrors = 0, nullProperty = 0, warmupErrors = 0, allocated = 0;
        var window = TimeSpan.Zero;
        var toolCpu = TimeSpan.Zero;
        TimeSpan? serverCpu = TimeSpan.Zero;
        double? machineCpu = 0;
        var badStatus = new SortedDictionary<int, long>();
        var exceptions = new SortedDictionary<string, ErrorTally>(StringComparer.Ordinal);
        foreach (var round in rounds)
        {
            ok += round.Ok;
            graphQlErrors += round.GraphQlErrors;
            nullProperty += round.AnsweredNotFound;
            warmupErrors += round.WarmupErrors;
            allocated += round.ToolAllocatedBytes;
            window += round.Window;
            toolCpu += round.ToolCpu;
            serverCpu = serverCpu is { } sum && round.ServerCpu is { } cpu ? sum + cpu : null;
            machineCpu = machineCpu is { } busy && round.MachineCpuPercent is { } percent ? busy + percent * round.Window.TotalSeconds : null;
            foreach (var (status, count) in round.BadStatus)
            {
                badStatus[status] = badStatus.GetValueOrDefault(status) + count;
            }
            foreach (var (kind, tally) in round.Exceptions)
            {
                if (!exceptions.TryGetValue(kind, out var merged))
                {
                    exceptions[kind] = merged = new ErrorTally(tally.Sample);
                }
                merged.Count += tally.Count;
            }
        }
        var ticks = new long[ok];
        var offset = 0;
        foreach (var round in rounds)
        {
            round.SortedTicks.CopyTo(ticks, offset);
            offset += round.SortedTicks.Length;
        }
        Array.Sort(ticks);
        var combined = new ScenarioResult
        {
            Plan = rounds[0].Plan,
            Ok = ok,
            SortedTicks = ticks,
            BadStatus = badStatus,
            GraphQlErrors = graphQlErrors,
            AnsweredNotFound = nullProperty,
            Exceptions = exceptions,
            WarmupErrors = warmupErrors,
            Window = window,
            ToolCpu = toolCpu,
            ServerCpu = serverCpu,
            MachineCpuPercent = machineCpu / window.TotalSeconds,
            ToolAllocatedBytes = allocated,
        };
        foreach (var round in rounds)
        {
            combined.RoundRates.Add(round.RequestsPerSecond);
        }
        // Notes count from the start of the run: the last round's say the most.
        combined.Notes.AddRange(rounds[^1].Notes);
        combined.PoolExhausted = rounds[^1].PoolExhausted;
        return combined;
    }

    private static double ToMs(double ticks) => ticks * 1000 / Stopwatch.Frequency;
}
