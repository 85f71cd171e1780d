using System.Globalization;
using System.Text;

namespace OneWindow.LoadTests;

/// <summary>
/// The results as plain text or Markdown: one row per scenario, every error spelled out, then the ratios measured
/// in this run and PASS/FAIL against the targets of DESIGN.md.
/// </summary>
internal sealed class Report(LoadOptions options, IReadOnlyList<ScenarioResult> results, DateTimeOffset started, double? busyBefore)
{
    /// <summary>Cached reads within 2× of the bare JSON endpoint's throughput.</summary>
    public const double CeilingTarget = 2.0;

    /// <summary>GraphQL within 1.5× of REST.</summary>
    public const double GraphQlTarget = 1.5;

    /// <summary>p99 under 50 ms at 200 concurrent clients on 2 cores.</summary>
    public const double P99TargetMs = 50;

    /// <summary>CPU used by other processes (percent of one core) above which a scenario's figures are called disturbed.</summary>
    public const double OtherCpuLimit = 15;

    private enum Verdict
    {
        Pass,
        Fail,
        Invalid,
        Info,
    }

    private sealed record Comparison(string Name, string Value, string Target, Verdict Verdict, string? Why = null);

    /// <summary>Writes the report and returns the exit code: 0 when there were no errors and every target was met.</summary>
    public int Write(TextWriter output)
    {
        var comparisons = Compare();
        var erroneous = new List<ScenarioResult>();
        foreach (var result in results)
        {
            if (result.Errors > 0)
            {
                erroneous.Add(result);
            }
        }
        var evaluated = 0;
        var failed = 0;
        foreach (var comparison in comparisons)
        {
            if (comparison.Verdict != Verdict.Info)
            {
                evaluated++;
            }
            if (comparison.Verdict is Verdict.Fail or Verdict.Invalid)
            {
                failed++;
            }
        }

        var md = options.Markdown;
        output.WriteLine(md ? "## Load test results" : "OneWindow load test");
        if (md)
        {
            output.WriteLine();
        }
        output.WriteLine(
            $"{options.BaseUrl} · {options.Concurrency} concurrent clients · {options.Warmup.TotalSeconds:0.#} s warmup + "
            + $"{options.Duration.TotalSeconds:0.#} s measured per scenario"
            + (options.Rounds > 1 ? $" · {options.Rounds} rounds, interleaved; figures pooled over the rounds" : "")
            + $" · {started:yyyy-MM-dd HH:mm} UTC");
        output.WriteLine();
        WriteTable(output, ScenarioHeaders(), ScenarioRows(), md);

        if (erroneous.Count > 0)
        {
            output.WriteLine();
            output.WriteLine(md ? "### ⚠ Errors: the figures are not valid" : "!!! ERRORS: THE FIGURES ABOVE ARE NOT VALID !!!");
            if (md)
            {
                output.WriteLine();
            }
            foreach (var result in erroneous)
            {
                WriteErrors(output, result, md);
            }
        }

        var notes = Notes();
        if (notes.Count > 0)
        {
            output.WriteLine();
            output.WriteLine(md ? "### Notes" : "Notes:");
            if (md)
            {
                output.WriteLine();
            }
            foreach (var note in notes)
            {
                output.WriteLine((md ? "- " : "  - ") + note);
            }
        }

        output.WriteLine();
        output.WriteLine(md ? "### Comparison" : "Comparison (same run; \"a ÷ b\" = a's requests/s divided by b's: how many times slower b is)");
        if (md)
        {
            output.WriteLine();
            output.WriteLine("Ratios of requests/s measured in this run; \"a ÷ b\" is how many times slower b is than a.");
        }
        output.WriteLine();
        if (comparisons.Count == 0)
        {
            output.WriteLine("(nothing to compare: run more than one scenario)");
        }
        else
        {
            var rows = new List<string[]>();
            foreach (var c in comparisons)
            {
                rows.Add([c.Name, c.Value, c.Target, VerdictText(c), c.Why ?? ""]);
            }
            WriteTable(output, [("comparison", false), ("value", true), ("target", false), ("result", false), ("note", false)], rows, md);
        }

        output.WriteLine();
        var verdict = erroneous.Count > 0
            ? $"RESULT: FAIL — THE RUN HAD ERRORS in {erroneous.Count} scenario(s); {failed} of {evaluated} targets failed or invalid"
            : failed > 0
                ? $"RESULT: FAIL — {failed} of {evaluated} targets missed"
                : evaluated > 0
                    ? $"RESULT: PASS — {evaluated} of {evaluated} targets met, no errors"
                    : "RESULT: no target evaluated (run the ceiling with rest and graphql for ratios), no errors";
        output.WriteLine(md ? $"**{verdict}**" : verdict);

        if (md)
        {
            output.WriteLine();
            output.WriteLine("### Machine");
            output.WriteLine();
            output.WriteLine($"- Processors: {MachineInfo.Processors} × {MachineInfo.ProcessorModel()}");
            output.WriteLine($"- Memory: {MachineInfo.Memory}");
            output.WriteLine($"- OS: {MachineInfo.OperatingSystem()}");
            output.WriteLine($"- .NET (load tool): {MachineInfo.Runtime}");
            output.WriteLine(
                "- The load tool and the host share the machine. CPU columns are in % of one core: \"tool\" is the load "
                + "tool, \"host\" the host process (with --server-pid), \"machine\" everything, others included.");
            output.WriteLine();
            output.WriteLine("### Command");
            output.WriteLine();
            output.WriteLine("```sh");
            output.WriteLine(MachineInfo.CommandLine(options.PrintableArgs));
            output.WriteLine("```");
        }
        return erroneous.Count > 0 || failed > 0 ? 1 : 0;
    }

    /// <summary>One block per scenario with errors: what failed and how often, with a sample message.</summary>
    public static void WriteErrors(TextWriter output, ScenarioResult result, bool markdown)
    {
        var total = result.Ok + result.Errors;
        output.WriteLine($"{(markdown ? "- " : "  ")}{result.Plan.Name}: {result.Errors} errors of {total} responses ({Percent(result.Errors, total)})");
        var inner = markdown ? "  - " : "      ";
        foreach (var (status, count) in result.BadStatus)
        {
            output.WriteLine($"{inner}HTTP {(status == 599 ? "599+" : status.ToString(CultureInfo.InvariantCulture))} × {count}");
        }
        if (result.GraphQlErrors > 0)
        {
            output.WriteLine($"{inner}HTTP 200 with GraphQL \"errors\" × {result.GraphQlErrors}");
        }
        if (result.AnsweredNotFound > 0)
        {
            output.WriteLine(result.Plan.Kind == ScenarioKind.Verify
                ? $"{inner}HTTP 200 with \"authentic\":false (number or code unknown to the host) × {result.AnsweredNotFound}"
                : $"{inner}HTTP 200 with \"property\":null (unit code unknown to the host) × {result.AnsweredNotFound}");
        }
        foreach (var (kind, tally) in result.Exceptions)
        {
            output.WriteLine($"{inner}{kind} × {tally.Count}: {tally.Sample}");
        }
    }

    private static string Percent(long part, long whole) =>
        whole == 0 ? "—" : (100d * part / whole).ToString(part == whole || part * 1000 >= whole ? "0.#" : "0.###", CultureInfo.InvariantCulture) + " %";

    private List<(string Title, bool Right)> ScenarioHeaders()
    {
        var headers = new List<(string, bool)>
        {
            ("scenario", false), ("requests", true), ("errors", true), ("req/s", true), ("mean ms", true), ("p50 ms", true),
            ("p95 ms", true), ("p99 ms", true), ("max ms", true), ("tool CPU", true),
        };
        if (options.ServerPid is not null)
        {
            headers.Add(("host CPU", true));
        }
        headers.Add(("machine CPU", true));
        if (options.Rounds > 1)
        {
            headers.Add(("req/s by round", false));
        }
        return headers;
    }

    private List<string[]> ScenarioRows()
    {
        var rows = new List<string[]>();
        foreach (var r in results)
        {
            var row = new List<string>
            {
                r.Plan.Name,
                r.Ok.ToString(CultureInfo.InvariantCulture),
                r.Errors == 0 ? "0" : r.Errors.ToString(CultureInfo.InvariantCulture) + " !",
                r.RequestsPerSecond.ToString("0.0", CultureInfo.InvariantCulture),
                Ms(r.MeanMs), Ms(r.PercentileMs(50)), Ms(r.PercentileMs(95)), Ms(r.PercentileMs(99)), Ms(r.MaxMs),
                r.ToolCpuPercent.ToString("0", CultureInfo.InvariantCulture) + " %",
            };
            if (options.ServerPid is not null)
            {
                row.Add(r.ServerCpuPercent is { } host ? host.ToString("0", CultureInfo.InvariantCulture) + " %" : "—");
            }
            row.Add(r.MachineCpuPercent is { } machine ? machine.ToString("0", CultureInfo.InvariantCulture) + " %" : "—");
            if (options.Rounds > 1)
            {
                var rates = new List<string>(r.RoundRates.Count);
                foreach (var rate in r.RoundRates)
                {
                    rates.Add(rate.ToString("0", CultureInfo.InvariantCulture));
                }
                row.Add(string.Join(" / ", rates));
            }
            rows.Add([.. row]);
        }
        return rows;
    }

    private List<string> Notes()
    {
        var notes = new List<string>();
        if (busyBefore is > OtherCpuLimit)
        {
            notes.Add(
                $"before the run, other processes kept the machine {busyBefore:0} % busy (of one core, {MachineInfo.Processors} cores): "
                + "the figures are disturbed; measure on a quiet machine");
        }
        var disturbed = new List<string>();
        var warmupFailures = new List<string>();
        foreach (var r in results)
        {
            foreach (var note in r.Notes)
            {
                notes.Add($"{r.Plan.Name}: {note}");
            }
            if (r.OtherCpuPercent is > OtherCpuLimit and var others)
            {
                disturbed.Add($"{r.Plan.Name} {others:0} %");
            }
            if (r.WarmupErrors > 0)
            {
                warmupFailures.Add($"{r.Plan.Name} {r.WarmupErrors}");
            }
        }
        if (disturbed.Count > 0)
        {
            notes.Add(
                $"other processes used CPU besides the tool and the host (in % of one core): {string.Join(", ", disturbed)}; "
                + "the figures were disturbed: measure on a quiet machine");
        }
        if (warmupFailures.Count > 0)
        {
            notes.Add($"failures during the unrecorded warmup: {string.Join(", ", warmupFailures)}");
        }
        if (options.Concurrency != 200 || MachineInfo.Processors != 2)
        {
            notes.Add(
                $"the p99 target is defined at 200 concurrent clients on 2 cores; this run used {options.Concurrency} clients on "
                + $"{MachineInfo.Processors} cores, so its p99 verdicts are indicative only");
        }
        return notes;
    }

    private List<Comparison> Compare()
    {
        var comparisons = new List<Comparison>();
        var ceiling = Find(ScenarioKind.Ceiling, CacheMode.None);
        foreach (var mode in new[] { CacheMode.Cached, CacheMode.Uncached })
        {
            var cached = mode == CacheMode.Cached;
            var rest = Find(ScenarioKind.Rest, mode);
            var graphQl = Find(ScenarioKind.GraphQl, mode);
            var restrictions = Find(ScenarioKind.Restrictions, mode);
            // The 2× target is for cached reads; uncached ratios are shown for information.
            Ratio(comparisons, ceiling, rest, cached ? CeilingTarget : null, cached ? null : "uncached: no target");
            Ratio(comparisons, ceiling, graphQl, null, cached ? "targets imply ≤ 3× (2× × 1.5×)" : "uncached: no target");
            Ratio(comparisons, ceiling, restrictions, cached ? CeilingTarget : null, cached ? null : "uncached: no target");
            Ratio(comparisons, rest, graphQl, GraphQlTarget, null);
            Ratio(comparisons, ceiling, Find(ScenarioKind.Verify, mode), null, "verification: no target");
        }
        foreach (var r in results)
        {
            if (r.Plan.Kind == ScenarioKind.Ceiling)
            {
                continue;
            }
            var p99 = r.PercentileMs(99);
            var verdict = r.Errors > 0 ? Verdict.Invalid : double.IsNaN(p99) ? Verdict.Invalid : p99 < P99TargetMs ? Verdict.Pass : Verdict.Fail;
            comparisons.Add(new($"p99 {r.Plan.Name}", double.IsNaN(p99) ? "—" : Ms(p99) + " ms", $"< {P99TargetMs:0} ms", verdict, r.Ok == 0 ? "no successful requests" : null));
        }
        return comparisons;
    }

    private static void Ratio(List<Comparison> comparisons, ScenarioResult? fast, ScenarioResult? slow, double? target, string? why)
    {
        if (fast is null || slow is null)
        {
            return;
        }
        var name = $"{fast.Plan.Name} ÷ {slow.Plan.Name}";
        if (slow.Ok == 0 || fast.Ok == 0)
        {
            comparisons.Add(new(name, "—", target is { } t ? $"≤ {t:0.0#}×" : "—", target is null ? Verdict.Info : Verdict.Invalid, "no successful requests"));
            return;
        }
        if (fast.PoolExhausted || slow.PoolExhausted)
        {
            why = (why is null ? "" : why + "; ") + "uncached pool ran out: partly cache hits";
        }
        var ratio = fast.RequestsPerSecond / slow.RequestsPerSecond;
        var value = ratio.ToString("0.00", CultureInfo.InvariantCulture) + "×";
        if (target is not { } limit)
        {
            comparisons.Add(new(name, value, "—", Verdict.Info, why));
            return;
        }
        var verdict = fast.Errors > 0 || slow.Errors > 0 ? Verdict.Invalid : ratio <= limit ? Verdict.Pass : Verdict.Fail;
        comparisons.Add(new(name, value, $"≤ {limit:0.0#}×", verdict, why));
    }

    private ScenarioResult? Find(ScenarioKind kind, CacheMode mode)
    {
        foreach (var r in results)
        {
            if (r.Plan.Kind == kind && r.Plan.Mode == mode)
            {
                return r;
            }
        }
        return null;
    }

    private static string VerdictText(Comparison c) => c.Verdict switch
    {
        Verdict.Pass => "PASS",
        Verdict.Fail => "FAIL",
        Verdict.Invalid => "INVALID (errors)",
        _ => "info",
    };

    public static string Ms(double ms) => double.IsNaN(ms) ? "—" : ms.ToString(ms < 100 ? "0.00" : "0.0", CultureInfo.InvariantCulture);

    /// <summary>A table as aligned plain text, or as Markdown.</summary>
    internal static void WriteTable(TextWriter output, IReadOnlyList<(string Title, bool Right)> headers, List<string[]> rows, bool markdown)
    {
        if (markdown)
        {
            var line = new StringBuilder("|");
            var rule = new StringBuilder("|");
            foreach (var (title, right) in headers)
            {
                line.Append(' ').Append(title).Append(" |");
                rule.Append(right ? " ---: |" : " --- |");
            }
            output.WriteLine(line);
            output.WriteLine(rule);
            foreach (var row in rows)
            {
                output.WriteLine("| " + string.Join(" | ", row) + " |");
            }
            return;
        }

        var widths = new int[headers.Count];
        for (var i = 0; i < headers.Count; i++)
        {
            widths[i] = headers[i].Title.Length;
            foreach (var row in rows)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }
        void Line(IReadOnlyList<string> cells)
        {
            var text = new StringBuilder();
            for (var i = 0; i < cells.Count; i++)
            {
                if (i > 0)
                {
                    text.Append("  ");
                }
                text.Append(headers[i].Right ? cells[i].PadLeft(widths[i]) : cells[i].PadRight(widths[i]));
            }
            output.WriteLine(text.ToString().TrimEnd());
        }
        var titles = new string[headers.Count];
        for (var i = 0; i < headers.Count; i++)
        {
            titles[i] = headers[i].Title;
        }
        Line(titles);
        foreach (var row in rows)
        {
            Line(row);
        }
    }
}
