using System.Globalization;

namespace OneWindow.LoadTests;

/// <summary>
/// The bulk mode's results as plain text or Markdown: a row per measurement with a column per round, the worst
/// round against the target, what was checked, the machine and the command line.
/// </summary>
internal sealed class BulkReport(BulkOptions options, IReadOnlyList<BulkRound> rounds, DateTimeOffset started, double? busyBefore)
{
    /// <summary>A bulk submission of 1,000 mortgages or a first registration of 2,000 units: under 10 s.</summary>
    public const double TargetSeconds = 10;

    /// <summary>Writes the report and returns the exit code: 0 when every target was met and nothing failed.</summary>
    public int Write(TextWriter output)
    {
        var md = options.Markdown;
        output.WriteLine(md ? "## Bulk benchmark results" : "OneWindow bulk benchmark");
        if (md)
        {
            output.WriteLine();
        }
        output.WriteLine(
            $"{options.BaseUrl} · {options.Rounds} round(s)"
            + (options.Warmup > 0 ? $" after an unrecorded warmup of {options.Warmup} mortgages and {options.Warmup} units" : "")
            + " · each time from sending the request to the last byte of the answer, one request at a time"
            + $" · {started:yyyy-MM-dd HH:mm} UTC");
        output.WriteLine();

        var headers = new List<(string, bool)> { ("measurement", false) };
        foreach (var round in rounds)
        {
            headers.Add(($"round {round.Number}", true));
        }
        if (rounds.Count > 1)
        {
            headers.Add(("worst", true));
        }
        headers.Add(("target", false));
        headers.Add(("result", false));

        var rows = new List<string[]>();
        var targets = 0;
        var missed = 0;
        void Row(string name, Func<BulkRound, string> cell, Func<BulkRound, double?>? seconds = null, bool target = false)
        {
            var row = new List<string> { name };
            foreach (var round in rounds)
            {
                row.Add(cell(round));
            }
            double? worst = null;
            var complete = true;
            if (seconds is not null)
            {
                foreach (var round in rounds)
                {
                    if (seconds(round) is { } s)
                    {
                        worst = Math.Max(worst ?? 0, s);
                    }
                    else
                    {
                        complete = false;
                    }
                }
            }
            if (rounds.Count > 1)
            {
                row.Add(worst is { } w && seconds is not null ? Seconds(w) : "");
            }
            if (target)
            {
                targets++;
                var pass = complete && worst < TargetSeconds;
                missed += pass ? 0 : 1;
                row.Add($"< {TargetSeconds:0} s");
                row.Add(pass ? "PASS" : complete ? "FAIL" : "FAIL (failed)");
            }
            else
            {
                row.Add("");
                row.Add("");
            }
            rows.Add([.. row]);
        }

        if (options.Mortgages > 0)
        {
            Row($"bulk: {options.Mortgages} mortgage registrations, s", r => Seconds(r.BulkSeconds), r => r.BulkSeconds, target: true);
            Row("  accepted / rejected", r => r.Accepted is null ? "—" : $"{r.Accepted} / {r.Rejected}");
            Row("  per item, ms", r => Ms(r.BulkSeconds, options.Mortgages));
            Row("bulk retry, same Idempotency-Key, s", r => Seconds(r.RetrySeconds), r => r.RetrySeconds);
            Row("  replayed (Idempotent-Replayed)", r => r.RetryReplayed switch { true => "yes", false => "NO", null => "—" });
        }
        if (options.Units > 0)
        {
            Row($"first registration: submit {options.Units} units, s", r => Seconds(r.SubmitSeconds), r => r.SubmitSeconds);
            Row("  accept, s", r => Seconds(r.AcceptSeconds), r => r.AcceptSeconds);
            Row("  start review, s", r => Seconds(r.ReviewSeconds), r => r.ReviewSeconds);
            Row("  record (units, rights, entries), s", r => Seconds(r.RecordSeconds), r => r.RecordSeconds);
            Row("  total, s", r => Seconds(r.FirstRegistrationSeconds), r => r.FirstRegistrationSeconds, target: true);
            Row("  per unit, ms", r => Ms(r.FirstRegistrationSeconds, options.Units));
        }
        Report.WriteTable(output, headers, rows, md);

        output.WriteLine();
        output.WriteLine(md ? "### Checks" : "Checks:");
        if (md)
        {
            output.WriteLine();
        }
        var failures = 0;
        foreach (var round in rounds)
        {
            var item = md ? "- " : "  - ";
            if (options.Mortgages > 0 && round.Accepted is not null)
            {
                output.WriteLine(
                    $"{item}round {round.Number}: bulk {round.Accepted} accepted, {round.Rejected} rejected; retry "
                    + (round.RetryReplayed == true ? "replayed" : "not replayed")
                    + (round.StoredApplicationUnits is { } stored ? $"; {stored} application units stored for the request and its retry together" : ""));
            }
            if (options.Units > 0 && round.BusinessNumber is not null)
            {
                output.WriteLine(
                    $"{item}round {round.Number}: first registration {round.BusinessNumber} (building {round.Building}): "
                    + (round.RecordedCount is { } recorded ? $"{recorded} entries in the record step's answer" : "not recorded")
                    + (round.Written is { } w ? $"; the register holds {w.Rights} rights and {w.Entries} entries of it" : ""));
            }
            foreach (var failure in round.Failures)
            {
                failures++;
                output.WriteLine($"{item}round {round.Number}: FAILED: {failure}");
            }
        }

        var notes = new List<string>();
        if (busyBefore is > Report.OtherCpuLimit)
        {
            notes.Add(
                $"before the run, other processes kept the machine {busyBefore:0} % busy (of one core, {MachineInfo.Processors} cores): "
                + "the figures are disturbed; measure on a quiet machine");
        }
        if (options.Mortgages != BulkOptions.MaxMortgages || options.Units != 2000)
        {
            notes.Add($"the target is defined for 1,000 mortgages and 2,000 units; this run used {options.Mortgages} and {options.Units}, so its verdicts are indicative only");
        }
        if (options.Units > 0)
        {
            notes.Add("the first registration's target is held against the total of its four requests (submission, accept, start review, record)");
        }
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
        var verdict = failures > 0
            ? $"RESULT: FAIL — {failures} failure(s); {missed} of {targets} targets missed"
            : missed > 0
                ? $"RESULT: FAIL — {missed} of {targets} targets missed"
                : $"RESULT: PASS — {targets} of {targets} targets met, every item stored, every retry replayed";
        output.WriteLine(md ? $"**{verdict}**" : verdict);

        output.WriteLine();
        output.WriteLine(md ? "### Machine" : "Machine:");
        if (md)
        {
            output.WriteLine();
        }
        var line = md ? "- " : "  ";
        output.WriteLine($"{line}Processors: {MachineInfo.Processors} × {MachineInfo.ProcessorModel()}");
        output.WriteLine($"{line}Memory: {MachineInfo.Memory}");
        output.WriteLine($"{line}OS: {MachineInfo.OperatingSystem()}");
        output.WriteLine($"{line}.NET (load tool): {MachineInfo.Runtime}");
        output.WriteLine($"{line}The tool, the host and PostgreSQL share the machine unless said otherwise.");
        output.WriteLine();
        output.WriteLine(md ? "### Command" : "Command:");
        if (md)
        {
            output.WriteLine();
            output.WriteLine("```sh");
        }
        output.WriteLine((md ? "" : "  ") + MachineInfo.CommandLine(options.PrintableArgs));
        if (md)
        {
            output.WriteLine("```");
        }
        return failures > 0 || missed > 0 ? 1 : 0;
    }

    private static string Seconds(double? seconds) => seconds is { } s ? s.ToString("0.00", CultureInfo.InvariantCulture) : "—";

    private static string Ms(double? seconds, int count) =>
        seconds is { } s && count > 0 ? (s * 1000 / count).ToString("0.00", CultureInfo.InvariantCulture) : "—";
}
