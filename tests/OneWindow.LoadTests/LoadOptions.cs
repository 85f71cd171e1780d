using System.Globalization;

namespace OneWindow.LoadTests;

/// <summary>A command-line mistake: printed with a pointer to --help, exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);

/// <summary>The tool's settings, parsed by hand from the command line (no package needed for a dozen options).</summary>
internal sealed class LoadOptions
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public const string HelpText = """
        OneWindow load tool: drives a RUNNING host over loopback with many concurrent connections and prints
        requests/s and p50/p95/p99 latency per scenario, then ratios measured in the same run and PASS/FAIL
        against the targets of DESIGN.md (cached reads within 2x of a bare JSON endpoint, GraphQL within 1.5x of
        REST, p99 under 50 ms at 200 clients on 2 cores).

        Usage:
          dotnet run --project tests/OneWindow.LoadTests -c Release -- [options]
          dotnet run --project tests/OneWindow.LoadTests -c Release -- bulk --connection "Host=…" [options]
            (the bulk mode: a bulk mortgage submission and a large first registration, timed; bulk --help)

        Options:
          --url URL                 the host's base address (default http://127.0.0.1:5080)
          --concurrency N           concurrent clients, one connection each (default 200)
          --duration SECONDS        measured time per scenario (default 20)
          --warmup SECONDS          unrecorded load before each scenario's measurement (default 5)
          --scenarios LIST          comma-separated: ceiling,rest,graphql,restrictions,verify
                                    (default: all but verify, which needs --certificates-file)
          --mode MODE               cached | uncached | both (default both); ceiling always runs once
          --token TOKEN             send "Authorization: Bearer TOKEN"
          --client-id ID            fetch a token from POST /connect/token (client credentials) ...
          --client-secret SECRET    ... with this secret; it is refreshed during long runs
          --scope SCOPES            scopes to ask for with --client-id (default: none named)
          --units-file PATH         unit codes, one per line (# comments); default: discovered from the host
          --certificates-file PATH  for verify: "number TAB verification code" a line (# comments)
          --location TEXT           location searched to discover unit codes (default 端州)
          --hot-set N               unit codes cycled through in cached mode (default 50)
          --max-units N             unit codes to discover for uncached mode (default 20000); also caps the
                                    uncached pool of certificates
          --rounds N                run the whole sequence N times, interleaved, and pool the figures;
                                    each round's req/s is shown, so drift and noise are visible (default 1)
          --timeout SECONDS         per-request timeout; a timeout counts as an error (default 30)
          --server-pid PID          also report the host process's CPU use (same machine only)
          --markdown                print the results as Markdown for docs/performance.md
          -h, --help                this text

        Scenarios:
          ceiling       GET  /bench/json (the host maps it only with Registry__BenchmarkEndpoint=true)
          rest          GET  /api/v1/properties/{unitCode}                -> 200
          graphql       POST /graphql  property(unitCode) {...}           -> 200 without "errors"
          restrictions  GET  /api/v1/properties/{unitCode}/restrictions   -> 200
          verify        POST /api/v1/certificates/verifications {number, verificationCode} -> 200 "authentic":true
                        (anonymous unless a token is given: raise Certificates:AnonymousPerMinute or
                        VerifierPerMinute on the host, or the limit answers 429)

        Modes: cached cycles through a hot set of unit codes touched once before the run, so reads come from
        the host's cache; uncached walks through the discovered codes (each once if there are enough), so most
        reads miss the cache. Unit codes are read from --units-file or discovered by paging through
        GET /api/v1/properties?location=...&limit=100&after=CURSOR.

        Progress goes to stderr, results to stdout. Exit code: 0 = no errors and every target met,
        1 = the run had errors or missed a target, 2 = it could not run (usage, host unreachable, endpoint missing).

        Example:
          dotnet run --project tests/OneWindow.LoadTests -c Release -- --url http://127.0.0.1:5080 \
            --concurrency 200 --duration 20 --warmup 5 --client-id demo-bank --client-secret demo-secret
        """;

    private static readonly string[] AllScenarios = ["ceiling", "rest", "graphql", "restrictions"];
    private static readonly string[] KnownScenarios = [.. AllScenarios, "verify"];

    public Uri BaseUrl { get; private set; } = new(DefaultUrl + "/");
    public int Concurrency { get; private set; } = 200;
    public TimeSpan Duration { get; private set; } = TimeSpan.FromSeconds(20);
    public TimeSpan Warmup { get; private set; } = TimeSpan.FromSeconds(5);
    public IReadOnlyList<string> Scenarios { get; private set; } = AllScenarios;
    public bool Cached { get; private set; } = true;
    public bool Uncached { get; private set; } = true;
    public string? Token { get; private set; }
    public string? ClientId { get; private set; }
    public string? ClientSecret { get; private set; }
    public string? Scope { get; private set; }
    public string? UnitsFile { get; private set; }
    public string? CertificatesFile { get; private set; }
    public string Location { get; private set; } = "端州";
    public int HotSet { get; private set; } = 50;
    public int MaxUnits { get; private set; } = 20_000;
    public TimeSpan Timeout { get; private set; } = TimeSpan.FromSeconds(30);
    public int Rounds { get; private set; } = 1;
    public int? ServerPid { get; private set; }
    public bool Markdown { get; private set; }
    public bool ShowHelp { get; private set; }

    /// <summary>The arguments as given, with secrets masked, for the report's command line.</summary>
    public IReadOnlyList<string> PrintableArgs { get; private set; } = [];

    public bool Runs(string scenario) => Scenarios.Contains(scenario);

    /// <summary>True when some scenario needs unit codes (everything but the ceiling).</summary>
    public bool NeedsUnitCodes => Runs("rest") || Runs("graphql") || Runs("restrictions");

    public static LoadOptions Parse(string[] args)
    {
        var options = new LoadOptions();
        var printable = new List<string>(args.Length);
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            string name;
            string? inlineValue = null;
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (arg.StartsWith("--", StringComparison.Ordinal) && equals > 0)
            {
                name = arg[..equals];
                inlineValue = arg[(equals + 1)..];
            }
            else
            {
                name = arg;
            }

            // Flags take no value.
            switch (name)
            {
                case "-h" or "--help" or "-?" or "/?":
                    options.ShowHelp = true;
                    printable.Add(arg);
                    continue;
                case "--markdown":
                    options.Markdown = true;
                    printable.Add(arg);
                    continue;
            }

            if (!name.StartsWith("--", StringComparison.Ordinal))
            {
                throw new UsageException($"unexpected argument '{arg}'");
            }
            string value;
            if (inlineValue is not null)
            {
                value = inlineValue;
            }
            else if (i + 1 < args.Length)
            {
                value = args[++i];
            }
            else
            {
                throw new UsageException($"{name} needs a value");
            }
            var secret = name is "--token" or "--client-secret";
            printable.Add(name);
            printable.Add(secret ? "***" : value);

            switch (name)
            {
                case "--url":
                    options.BaseUrl = ParseUrl(value);
                    break;
                case "--concurrency":
                    options.Concurrency = ParseInt(name, value, 1, 100_000);
                    break;
                case "--duration":
                    options.Duration = ParseSeconds(name, value, allowZero: false);
                    break;
                case "--warmup":
                    options.Warmup = ParseSeconds(name, value, allowZero: true);
                    break;
                case "--scenarios":
                    options.Scenarios = ParseScenarios(value);
                    break;
                case "--mode":
                    (options.Cached, options.Uncached) = value.ToLowerInvariant() switch
                    {
                        "cached" => (true, false),
                        "uncached" => (false, true),
                        "both" => (true, true),
                        _ => throw new UsageException($"--mode must be cached, uncached or both, not '{value}'"),
                    };
                    break;
                case "--token":
                    options.Token = NonEmpty(name, value);
                    break;
                case "--client-id":
                    options.ClientId = NonEmpty(name, value);
                    break;
                case "--client-secret":
                    options.ClientSecret = NonEmpty(name, value);
                    break;
                case "--scope":
                    options.Scope = NonEmpty(name, value);
                    break;
                case "--units-file":
                    options.UnitsFile = NonEmpty(name, value);
                    break;
                case "--certificates-file":
                    options.CertificatesFile = NonEmpty(name, value);
                    break;
                case "--location":
                    options.Location = NonEmpty(name, value);
                    break;
                case "--hot-set":
                    options.HotSet = ParseInt(name, value, 1, 1_000_000);
                    break;
                case "--max-units":
                    options.MaxUnits = ParseInt(name, value, 1, 10_000_000);
                    break;
                case "--timeout":
                    options.Timeout = ParseSeconds(name, value, allowZero: false);
                    break;
                case "--rounds":
                    options.Rounds = ParseInt(name, value, 1, 100);
                    break;
                case "--server-pid":
                    options.ServerPid = ParseInt(name, value, 1, int.MaxValue);
                    break;
                default:
                    throw new UsageException($"unknown option '{name}'");
            }
        }

        if (options.Token is not null && (options.ClientId is not null || options.ClientSecret is not null))
        {
            throw new UsageException("give either --token or --client-id/--client-secret, not both");
        }
        if ((options.ClientId is null) != (options.ClientSecret is null))
        {
            throw new UsageException("--client-id and --client-secret go together");
        }
        if (options.Runs("verify") && options.CertificatesFile is null)
        {
            throw new UsageException("the verify scenario needs --certificates-file (number TAB verification code a line)");
        }
        if (options.Scope is not null && options.ClientId is null)
        {
            throw new UsageException("--scope is only used with --client-id/--client-secret");
        }
        options.PrintableArgs = printable;
        return options;
    }

    internal static Uri ParseUrl(string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new UsageException($"--url must be an absolute http:// or https:// address, not '{value}'");
        }
        // A trailing slash so that relative paths ("api/v1/...") keep a path prefix such as http://host/onewindow/.
        return uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri.GetLeftPart(UriPartial.Path) + "/");
    }

    internal static int ParseInt(string name, string value, int min, int max)
    {
        if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) || number < min || number > max)
        {
            throw new UsageException($"{name} must be a whole number from {min} to {max}, not '{value}'");
        }
        return number;
    }

    private static TimeSpan ParseSeconds(string name, string value, bool allowZero)
    {
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            || double.IsNaN(seconds) || seconds < 0 || (!allowZero && seconds == 0) || seconds > 24 * 3600)
        {
            throw new UsageException($"{name} must be a number of seconds{(allowZero ? "" : " above 0")}, not '{value}'");
        }
        return TimeSpan.FromSeconds(seconds);
    }

    private static string[] ParseScenarios(string value)
    {
        var chosen = new List<string>();
        foreach (var part in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var name = part.ToLowerInvariant();
            if (name == "all")
            {
                return AllScenarios;
            }
            if (!KnownScenarios.Contains(name))
            {
                throw new UsageException($"unknown scenario '{part}': choose from {string.Join(", ", KnownScenarios)}");
            }
            if (!chosen.Contains(name))
            {
                chosen.Add(name);
            }
        }
        if (chosen.Count == 0)
        {
            throw new UsageException("--scenarios names no scenario");
        }
        return [.. chosen];
    }

    internal static string NonEmpty(string name, string value) =>
        string.IsNullOrWhiteSpace(value) ? throw new UsageException($"{name} needs a non-empty value") : value;
}
