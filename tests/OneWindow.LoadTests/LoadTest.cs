using System.Globalization;

namespace OneWindow.LoadTests;

/// <summary>
/// The run from start to end: token, unit codes, a preflight request per scenario (so a missing endpoint fails
/// in seconds, not after minutes of load), then each scenario in turn, then the report.
/// </summary>
internal static class LoadTest
{
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(1);

    public static async Task<int> RunAsync(HttpClient client, LoadOptions options, TextWriter log, TextWriter output)
    {
        var started = DateTimeOffset.UtcNow;
        log.WriteLine(
            $"load test: {options.BaseUrl}, {options.Concurrency} clients, {options.Warmup.TotalSeconds:0.#} s warmup + "
            + $"{options.Duration.TotalSeconds:0.#} s measured per scenario");

        await using var token = await AccessToken.CreateAsync(client, options, log);
        var codes = options.NeedsUnitCodes ? await UnitCodes.LoadAsync(client, options, token, log) : null;
        var certificates = options.Runs("verify") ? await UnitCodes.LoadCertificatesAsync(options, log) : null;

        var targets = new List<ScenarioTarget>();
        foreach (var plan in ScenarioPlan.For(options))
        {
            var source = plan.Kind == ScenarioKind.Verify ? certificates : codes;
            var planCodes = plan.Mode switch
            {
                CacheMode.Cached => source!.Hot,
                CacheMode.Uncached => source!.Pool,
                _ => [],
            };
            targets.Add(ScenarioTarget.Create(plan, options.BaseUrl, planCodes));
        }

        var runner = new LoadRunner(client, options, token);
        if (!await PreflightAsync(runner, targets, options, log))
        {
            return 2;
        }

        // Other processes on the machine make the figures noisy: measure how busy it is before adding load.
        var before = MachineInfo.CpuCounters();
        await Task.Delay(TimeSpan.FromSeconds(1));
        var busyBefore = MachineInfo.BusyPercent(before, MachineInfo.CpuCounters());
        if (busyBefore is > Report.OtherCpuLimit)
        {
            log.WriteLine($"warning: the machine is already {busyBefore:0} % busy (of one core) before the run: figures will be noisy");
        }

        var perScenario = options.Warmup + options.Duration + Pause;
        log.WriteLine(
            $"running {targets.Count} scenario(s){(options.Rounds > 1 ? $" × {options.Rounds} rounds" : "")}, "
            + $"about {(perScenario * targets.Count * options.Rounds).TotalSeconds:0} s");
        // Unit codes and certificates are two pools: each walked once over all rounds and scenarios that use it.
        var pool = new PoolCursor();
        var certificatePool = new PoolCursor();
        var rounds = new List<ScenarioResult>[targets.Count];
        var stopped = false;
        for (var round = 1; round <= options.Rounds && !stopped; round++)
        {
            var prefix = options.Rounds > 1 ? $"[round {round}/{options.Rounds}] " : "";
            for (var t = 0; t < targets.Count; t++)
            {
                var target = targets[t];
                if (target.Plan.Mode == CacheMode.Cached)
                {
                    await TouchHotSetAsync(runner, target, log);
                }
                log.WriteLine($"{prefix}{target.Plan.Name}: {options.Warmup.TotalSeconds:0.#} s warmup + {options.Duration.TotalSeconds:0.#} s measured …");
                var result = await runner.RunAsync(target, target.Plan.Mode != CacheMode.Uncached ? null
                    : target.Plan.Kind == ScenarioKind.Verify ? certificatePool : pool);
                var perRequest = result.Ok + result.Errors == 0 ? 0 : result.ToolAllocatedBytes / (result.Ok + result.Errors);
                log.WriteLine(
                    $"{prefix}{target.Plan.Name}: {result.RequestsPerSecond:0.0} req/s, p99 {Report.Ms(result.PercentileMs(99))} ms, "
                    + $"{(result.Errors == 0 ? "no errors" : $"{result.Errors} ERRORS")} "
                    + $"(tool: {result.ToolCpuPercent:0} % CPU, {perRequest} B allocated per request)");
                if (result.Errors > 0)
                {
                    Report.WriteErrors(log, result, markdown: false);
                }
                (rounds[t] ??= []).Add(result);
                if (result.Ok == 0 && result.ExceptionCount == result.Errors && result.Errors > 0)
                {
                    log.WriteLine("error: the host stopped answering (every request failed to connect or timed out): stopping the run");
                    stopped = true;
                    break;
                }
                await Task.Delay(Pause);
            }
        }
        var results = new List<ScenarioResult>(targets.Count);
        foreach (var perRound in rounds)
        {
            if (perRound is not null)
            {
                results.Add(ScenarioResult.Combine(perRound));
            }
        }
        log.WriteLine();

        return new Report(options, results, started, busyBefore).Write(output);
    }

    /// <summary>
    /// One request per scenario before any load. Problems that make the run pointless (host unreachable, endpoint
    /// missing, unauthorized, a query the schema rejects) stop the tool with a message; others are warnings, and
    /// the run counts such answers as errors.
    /// </summary>
    private static async Task<bool> PreflightAsync(LoadRunner runner, List<ScenarioTarget> targets, LoadOptions options, TextWriter log)
    {
        var fatal = 0;
        foreach (var target in targets)
        {
            // Uncached scenarios probe the last code of the pool, which is read last (if at all) in the run.
            var index = target.Plan.Mode == CacheMode.Uncached ? target.Count - 1 : 0;
            var probe = await runner.ProbeAsync(target, index);
            if (Check(target, index, probe, options) is not { } problem)
            {
                continue;
            }
            if (problem.Fatal)
            {
                fatal++;
                log.WriteLine($"error: {target.Plan.Name}: {problem.Message}");
            }
            else
            {
                log.WriteLine($"warning: {target.Plan.Name}: {problem.Message}");
            }
        }
        return fatal == 0;
    }

    private static (bool Fatal, string Message)? Check(ScenarioTarget target, int index, Probe probe, LoadOptions options)
    {
        var what = target.Describe(index);
        if (probe.Error is { } error)
        {
            return (true, $"{what} failed: {Describe.Exception(error)}. Is the host running at {options.BaseUrl}?");
        }
        var status = probe.Status!.Value;
        var body = Describe.Excerpt(probe.Body, 200);
        return status switch
        {
            404 when target.Plan.Kind == ScenarioKind.Ceiling => (true,
                $"{what} answered 404: the host maps the bare JSON endpoint only when started with "
                + "Registry__BenchmarkEndpoint=true (configuration key Registry:BenchmarkEndpoint). Restart it so, "
                + "or leave the ceiling out with --scenarios rest,graphql,restrictions (no ratios to the ceiling then)."),
            404 => (true,
                $"{what} answered 404: this host has no such endpoint yet, or does not know unit code "
                + $"'{target.Codes[index]}' (check --units-file): {body}"),
            401 or 403 => (true,
                $"{what} answered {status}: "
                + (options.Token is null && options.ClientId is null
                    ? "it needs authorization: pass --token TOKEN or --client-id demo-bank --client-secret demo-secret."
                    : "the token was refused: does the client have the scope (properties:read, restrictions:read)?")
                + $" Body: {body}"),
            400 or 405 or 406 or 415 => (true, $"{what} answered {status}, a request this tool sends wrongly or the host does not support: {body}"),
            200 when probe.Outcome == Outcome.GraphQlErrors => (true, $"{what} answered GraphQL errors: {body}"),
            200 when probe.Outcome == Outcome.AnsweredNotFound && target.Plan.Kind == ScenarioKind.Verify => (true,
                $"{what} answered \"authentic\":false: the host has no issued certificate with that number and code (check --certificates-file): {body}"),
            200 when probe.Outcome == Outcome.AnsweredNotFound => (true,
                $"{what} answered \"property\":null: the host does not know unit code '{target.Codes[index]}' (check --units-file)."),
            200 => null,
            _ => (false, $"{what} answered {status.ToString(CultureInfo.InvariantCulture)}: {body}; the run counts such answers as errors."),
        };
    }

    /// <summary>Cached mode: read each hot unit code once so the measured reads are served from the host's cache.</summary>
    private static async Task TouchHotSetAsync(LoadRunner runner, ScenarioTarget target, TextWriter log)
    {
        var failures = 0;
        string? first = null;
        for (var i = 0; i < target.Count; i++)
        {
            var probe = await runner.ProbeAsync(target, i);
            if (probe.Error is not null || probe.Outcome != Outcome.Ok)
            {
                failures++;
                first ??= probe.Error is { } e
                    ? $"{target.Describe(i)}: {Describe.Exception(e)}"
                    : $"{target.Describe(i)}: {probe.Status} {Describe.Excerpt(probe.Body, 120)}";
            }
        }
        if (failures > 0)
        {
            log.WriteLine($"warning: {target.Plan.Name}: {failures} of {target.Count} hot unit codes failed when touched, e.g. {first}");
        }
    }
}
