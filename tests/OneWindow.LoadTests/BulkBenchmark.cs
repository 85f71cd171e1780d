using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace OneWindow.LoadTests;

/// <summary>What one round measured (seconds; null when the step did not run or failed) and what went wrong.</summary>
internal sealed class BulkRound(int number)
{
    public int Number { get; } = number;
    public double? BulkSeconds { get; set; }
    public int? Accepted { get; set; }
    public int? Rejected { get; set; }
    public double? RetrySeconds { get; set; }
    public bool? RetryReplayed { get; set; }
    public long? StoredApplicationUnits { get; set; }
    public string? BusinessNumber { get; set; }
    public string? Building { get; set; }
    public double? SubmitSeconds { get; set; }
    public double? AcceptSeconds { get; set; }
    public double? ReviewSeconds { get; set; }
    public double? RecordSeconds { get; set; }
    public int? RecordedCount { get; set; }
    public (long Rights, long Entries)? Written { get; set; }

    /// <summary>Submission and the three staff steps, when all four succeeded.</summary>
    public double? FirstRegistrationSeconds =>
        SubmitSeconds + AcceptSeconds + ReviewSeconds + RecordSeconds;

    /// <summary>Everything that did not go as it must: any of it makes the run fail.</summary>
    public List<string> Failures { get; } = [];
}

/// <summary>
/// The <c>bulk</c> mode: the workload from the database, tokens and materials, an unrecorded warmup, then per round
/// the bulk mortgage request and its replay, and a first registration through the staff's steps, each timed from
/// sending the request to the last byte of the answer; then the report.
/// </summary>
internal static class BulkBenchmark
{
    public const string BulkPath = "api/v1/applications/mortgage-registrations/bulk";
    public const string FirstRegistrationPath = "api/v1/applications/first-registrations";

    /// <param name="args">The arguments after <c>bulk</c>.</param>
    public static async Task<int> MainAsync(string[] args, TextWriter log, TextWriter output)
    {
        BulkOptions options;
        try
        {
            options = BulkOptions.Parse(args);
        }
        catch (UsageException e)
        {
            log.WriteLine($"error: {e.Message}");
            log.WriteLine("Run with bulk --help for the options.");
            return 2;
        }
        if (options.ShowHelp)
        {
            output.WriteLine(BulkOptions.HelpText);
            return 0;
        }

        // A few connections and long timeouts: a handful of large requests, one at a time.
        using var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            AllowAutoRedirect = false,
        };
        using var client = new HttpClient(handler)
        {
            Timeout = options.Timeout,
            DefaultRequestVersion = HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        // Refusals in English, for the report.
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        try
        {
            return await RunAsync(client, options, log, output);
        }
        catch (SetupException e)
        {
            log.WriteLine();
            log.WriteLine($"error: {e.Message}");
            return 2;
        }
    }

    private static async Task<int> RunAsync(HttpClient client, BulkOptions options, TextWriter log, TextWriter output)
    {
        var started = DateTimeOffset.UtcNow;
        log.WriteLine(
            $"bulk benchmark: {options.BaseUrl}, {options.Rounds} round(s) of {options.Mortgages} mortgage registrations in one request "
            + $"and a first registration of {options.Units} units");
        // Other processes on the machine make the figures noisy: measure how busy it is before the tool does anything.
        var before = MachineInfo.CpuCounters();
        await Task.Delay(TimeSpan.FromSeconds(1));
        var busyBefore = MachineInfo.BusyPercent(before, MachineInfo.CpuCounters());
        if (busyBefore is > Report.OtherCpuLimit)
        {
            log.WriteLine($"warning: the machine is already {busyBefore:0} % busy (of one core) before the run: figures will be noisy");
        }

        var workload = await BulkWorkload.LoadAsync(options, log);

        await using var bank = options.Mortgages == 0 ? null
            : await AccessToken.ForClientAsync(client, new ClientCredentials(options.BaseUrl, options.BankClient, options.ClientSecret), log);
        await using var developer = options.Units == 0 ? null
            : await AccessToken.ForClientAsync(client, new ClientCredentials(options.BaseUrl, options.DeveloperClient, options.ClientSecret), log);
        var bankMaterials = bank is null ? []
            : await RequiredMaterials.UploadAsync(client, options.BaseUrl, bank, "MORTGAGE_REGISTRATION_GENERAL", [BulkRequests.MortgageCircumstance], log);
        var developerMaterials = developer is null ? []
            : await RequiredMaterials.UploadAsync(client, options.BaseUrl, developer, "FIRST_REGISTRATION", [], log);
        if (options.Units > 0)
        {
            // Signed in once here so that a refused sign-in stops the run before anything is submitted.
            await StaffSignIn.HeaderAsync(options);
            log.WriteLine($"staff: {options.StaffUser} signs in through {options.PortalClient} before each round");
        }
        var context = new RoundContext(client, options, workload, bank, developer, bankMaterials, developerMaterials, log);

        var nextUnit = 0;
        var nextBuilding = 0;
        if (options.Warmup > 0)
        {
            log.WriteLine($"warmup: {options.Warmup} mortgage registrations and a first registration of {options.Warmup} units, not counted …");
            var warmup = await context.RunAsync(0, options.Warmup, nextUnit, options.Warmup, nextBuilding);
            nextUnit += options.Mortgages == 0 ? 0 : options.Warmup;
            nextBuilding += options.Units == 0 ? 0 : 1;
            foreach (var failure in warmup.Failures)
            {
                log.WriteLine($"warning: warmup: {failure}");
            }
            // The host recompiles what the warmup made hot in the background: let it finish before the clock runs.
            await Task.Delay(TimeSpan.FromSeconds(3));
        }

        var rounds = new List<BulkRound>(options.Rounds);
        for (var r = 1; r <= options.Rounds; r++)
        {
            var round = await context.RunAsync(r, options.Mortgages, nextUnit, options.Units, nextBuilding);
            nextUnit += options.Mortgages;
            nextBuilding += options.Units == 0 ? 0 : 1;
            rounds.Add(round);
        }
        log.WriteLine();
        return new BulkReport(options, rounds, started, busyBefore).Write(output);
    }

    /// <summary>Everything a round needs, prepared once.</summary>
    private sealed class RoundContext(
        HttpClient client, BulkOptions options, BulkWorkload workload, AccessToken? bank, AccessToken? developer,
        IReadOnlyList<BulkRequests.MaterialBody> bankMaterials, IReadOnlyList<BulkRequests.MaterialBody> developerMaterials, TextWriter log)
    {
        /// <param name="number">The round, 0 for the warmup.</param>
        public async Task<BulkRound> RunAsync(int number, int mortgages, int firstUnit, int units, int building)
        {
            var round = new BulkRound(number);
            var prefix = number == 0 ? "[warmup] " : options.Rounds > 1 ? $"[round {number}/{options.Rounds}] " : "";
            if (options.Mortgages > 0)
            {
                await MortgagesAsync(round, prefix, workload.Units.Skip(firstUnit).Take(mortgages).ToList());
            }
            if (options.Units > 0)
            {
                await FirstRegistrationAsync(round, prefix, workload.Land!.FreeBuildingNumbers[building], units);
            }
            return round;
        }

        private async Task MortgagesAsync(BulkRound round, string prefix, List<FreeUnit> units)
        {
            var body = BulkRequests.Mortgages(units, workload.Bank, bankMaterials);
            var key = $"bulk-benchmark-{Guid.NewGuid():N}";
            var codes = units.Select(u => u.UnitCode).ToList();
            var before = await CountAsync(round, () => BulkWorkload.CountApplicationUnitsAsync(options.ConnectionString, codes));
            log.WriteLine($"{prefix}bulk: {units.Count} mortgage registrations ({body.Length / 1024} KiB) …");

            var first = await PostAsync(round, "bulk request", BulkPath, body, bank!, key, 200);
            if (first is null)
            {
                return;
            }
            round.BulkSeconds = first.Elapsed.TotalSeconds;
            if (Summary(round, "bulk request", first) is not { } summary)
            {
                return;
            }
            (round.Accepted, round.Rejected) = (summary.Accepted, summary.Rejected);
            if (first.Replayed)
            {
                round.Failures.Add("bulk request: answered with Idempotent-Replayed although its key was new");
            }
            if (summary.Rejected > 0 || summary.Accepted != units.Count)
            {
                round.Failures.Add($"bulk request: {summary.Accepted} of {units.Count} items accepted, {summary.Rejected} refused: {summary.Refusals}");
            }
            log.WriteLine(
                $"{prefix}bulk: {first.Elapsed.TotalSeconds:0.00} s, {summary.Accepted} accepted, {summary.Rejected} rejected "
                + $"({first.Elapsed.TotalMilliseconds / units.Count:0.00} ms per item)");

            // The retry a client makes when the answer got lost: the same bytes with the same key.
            var retry = await PostAsync(round, "bulk retry", BulkPath, body, bank!, key, 200);
            if (retry is null)
            {
                return;
            }
            round.RetrySeconds = retry.Elapsed.TotalSeconds;
            round.RetryReplayed = retry.Replayed;
            if (!retry.Replayed)
            {
                round.Failures.Add("bulk retry: no Idempotent-Replayed: true header: the retry was not answered as a replay");
            }
            if (Summary(round, "bulk retry", retry) is { } again
                && (again.Accepted, again.Rejected, again.BusinessNumbers) != (summary.Accepted, summary.Rejected, summary.BusinessNumbers))
            {
                round.Failures.Add(
                    $"bulk retry: answered {again.Accepted} accepted / {again.Rejected} rejected with other business numbers "
                    + $"than the first answer ({summary.Accepted} / {summary.Rejected})");
            }
            var after = await CountAsync(round, () => BulkWorkload.CountApplicationUnitsAsync(options.ConnectionString, codes));
            if (before is { } b && after is { } a)
            {
                round.StoredApplicationUnits = a - b;
                if (a - b != summary.Accepted)
                {
                    round.Failures.Add(
                        $"bulk retry: the request's units gained {a - b} applications for {summary.Accepted} accepted items between the "
                        + "request and the retry's answer: the retry stored again, or something else submitted for these units meanwhile");
                }
            }
            log.WriteLine($"{prefix}bulk retry: {retry.Elapsed.TotalSeconds:0.00} s, {(retry.Replayed ? "replayed" : "NOT REPLAYED")}");
        }

        private async Task FirstRegistrationAsync(BulkRound round, string prefix, string building, int units)
        {
            var land = workload.Land!;
            var body = BulkRequests.FirstRegistration(land, building, units, workload.Developer, developerMaterials);
            round.Building = building;
            string staff;
            try
            {
                staff = await StaffSignIn.HeaderAsync(options);
            }
            catch (SetupException e)
            {
                round.Failures.Add($"first registration: {e.Message}");
                return;
            }
            log.WriteLine($"{prefix}first registration: building {building} of {units} units on {land.LandUnitCode} ({body.Length / 1024} KiB) …");

            var submitted = await PostAsync(round, "first registration", FirstRegistrationPath, body, developer!, $"bulk-benchmark-{Guid.NewGuid():N}", 201);
            if (submitted is null || Read(round, "first registration", submitted, a => a.GetProperty("businessNumber").GetString()) is not { } number)
            {
                return;
            }
            round.SubmitSeconds = submitted.Elapsed.TotalSeconds;
            round.BusinessNumber = number;
            log.WriteLine($"{prefix}first registration: submitted {number} in {submitted.Elapsed.TotalSeconds:0.00} s");

            foreach (var step in new[] { "accept", "start-review", "record" })
            {
                var answer = await PostAsync(round, step, $"api/v1/applications/{number}/{step}", "{}"u8.ToArray(), staff, null, 200);
                if (answer is null)
                {
                    return;
                }
                var seconds = answer.Elapsed.TotalSeconds;
                switch (step)
                {
                    case "accept":
                        round.AcceptSeconds = seconds;
                        break;
                    case "start-review":
                        round.ReviewSeconds = seconds;
                        break;
                    default:
                        round.RecordSeconds = seconds;
                        round.RecordedCount = Read(round, step, answer, a => (int?)a.GetProperty("recordedCount").GetInt32());
                        break;
                }
                log.WriteLine($"{prefix}first registration: {step} in {seconds:0.00} s");
            }
            if (round.RecordedCount != units)
            {
                round.Failures.Add($"record: the answer says {round.RecordedCount} entries recorded for {units} units");
            }
            var written = await CountAsync(round, () => BulkWorkload.CountRecordedAsync(options.ConnectionString, number));
            round.Written = written;
            if (written is { } w && (w.Rights != units || w.Entries != units))
            {
                round.Failures.Add($"record: {number} wrote {w.Rights} rights and {w.Entries} register entries for {units} units");
            }
        }

        /// <summary>One timed request: from sending to the last byte of the answer. Null (and a failure) when it did not answer as expected.</summary>
        private async Task<Answer?> PostAsync(BulkRound round, string what, string path, byte[] body, AccessToken token, string? idempotencyKey, int expected) =>
            await PostAsync(round, what, path, body, token.Header, idempotencyKey, expected);

        private async Task<Answer?> PostAsync(BulkRound round, string what, string path, byte[] body, string? authorization, string? idempotencyKey, int expected)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(options.BaseUrl, path)) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
            if (idempotencyKey is not null)
            {
                request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
            }
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var response = await client.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                var elapsed = Stopwatch.GetElapsedTime(started);
                var replayed = response.Headers.TryGetValues("Idempotent-Replayed", out var values) && values.Contains("true", StringComparer.OrdinalIgnoreCase);
                if ((int)response.StatusCode != expected)
                {
                    round.Failures.Add($"{what}: POST /{path} answered {(int)response.StatusCode} after {elapsed.TotalSeconds:0.00} s: {Describe.Excerpt(text, 600)}");
                    log.WriteLine($"error: {round.Failures[^1]}");
                    return null;
                }
                return new Answer(text, replayed, elapsed);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                round.Failures.Add($"{what}: POST /{path} failed after {Stopwatch.GetElapsedTime(started).TotalSeconds:0.00} s: {Describe.Exception(e)}");
                log.WriteLine($"error: {round.Failures[^1]}");
                return null;
            }
        }

        private static BulkSummary? Summary(BulkRound round, string what, Answer answer) =>
            Read(round, what, answer, BulkSummary.From);

        private static T? Read<T>(BulkRound round, string what, Answer answer, Func<JsonElement, T> read)
        {
            try
            {
                using var json = JsonDocument.Parse(answer.Body);
                return read(json.RootElement);
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                round.Failures.Add($"{what}: an answer this tool cannot read ({e.Message}): {Describe.Excerpt(answer.Body)}");
                return default;
            }
        }

        private async Task<T?> CountAsync<T>(BulkRound round, Func<Task<T>> count)
            where T : struct
        {
            try
            {
                return await count();
            }
            catch (Npgsql.NpgsqlException e)
            {
                round.Failures.Add($"checking the register (--connection): {Describe.Exception(e)}");
                log.WriteLine($"error: {round.Failures[^1]}");
                return null;
            }
        }
    }

    private sealed record Answer(string Body, bool Replayed, TimeSpan Elapsed);

    /// <summary>The answer of a bulk request in brief: counts, the business numbers in order, the refusals by code.</summary>
    private sealed record BulkSummary(int Accepted, int Rejected, string BusinessNumbers, string Refusals)
    {
        public static BulkSummary From(JsonElement root)
        {
            var numbers = new List<string>();
            var refusals = new SortedDictionary<string, (int Count, string? Field)>(StringComparer.Ordinal);
            foreach (var result in root.GetProperty("results").EnumerateArray())
            {
                if (result.TryGetProperty("application", out var application) && application.ValueKind == JsonValueKind.Object)
                {
                    numbers.Add(application.GetProperty("businessNumber").GetString() ?? "");
                }
                if (result.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
                {
                    foreach (var error in errors.EnumerateArray())
                    {
                        var code = error.GetProperty("code").GetString() ?? "?";
                        var field = error.TryGetProperty("field", out var f) ? f.GetString() : null;
                        refusals[code] = refusals.TryGetValue(code, out var seen) ? (seen.Count + 1, seen.Field) : (1, field);
                    }
                }
            }
            return new BulkSummary(
                root.GetProperty("accepted").GetInt32(),
                root.GetProperty("rejected").GetInt32(),
                string.Join(',', numbers),
                string.Join("; ", refusals.Select(r => $"{r.Key} × {r.Value.Count} (e.g. {r.Value.Field})")));
        }
    }
}
