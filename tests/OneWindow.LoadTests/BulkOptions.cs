using Npgsql;

namespace OneWindow.LoadTests;

/// <summary>The settings of the <c>bulk</c> mode, parsed by hand like <see cref="LoadOptions"/>.</summary>
internal sealed class BulkOptions
{
    /// <summary>The most items one bulk request may carry (the endpoint's limit, Applications:MaxBulkItems).</summary>
    public const int MaxMortgages = 1000;

    /// <summary>The most units this tool can number in one building: 99 floors × 99 rooms (4-digit room part FFRR).</summary>
    public const int MaxUnits = 99 * 99;

    public const string HelpText = """
        OneWindow load tool, bulk mode: times the two large submissions of a RUNNING host against the target
        "a bulk submission of 1,000 mortgages or a first registration of 2,000 units: under 10 s".

        Per round: (a) one POST /api/v1/applications/mortgage-registrations/bulk of --mortgages mortgage
        registrations (demo bank, fresh units each round), then the same request again with the same
        Idempotency-Key, which must be replayed; (b) one POST /api/v1/applications/first-registrations of a new
        building of --units units (demo developer, a fresh building number each round), then the registry staff's
        accept, start-review and record. The workload is read from the host's PostgreSQL database (read-only).

        Usage:
          dotnet run --project tests/OneWindow.LoadTests -c Release -- bulk --connection "Host=…;Database=…" [options]

        Options:
          --url URL                 the host's base address (default http://127.0.0.1:5080)
          --connection CS           the host's PostgreSQL database (Npgsql connection string), read-only; required
          --mortgages N             items of the bulk request, 0 to 1000; 0 skips it (default 1000)
          --units N                 units of the first registration, 0 to 9801; 0 skips it (default 2000)
          --rounds N                repeat the measurement N times with fresh units and buildings (default 1)
          --warmup N                before round 1, an unrecorded round of N mortgages and N units (default 10; 0: none)
          --bank-client ID          the bank's client (default demo-bank)
          --developer-client ID     the developer's client (default demo-developer)
          --client-secret SECRET    both clients' secret (default demo-secret)
          --staff-user NAME         registry staff who accepts and records (default demo-staff)
          --staff-password PASSWORD (default demo-password)
          --portal-client ID        the public client people sign in through (default demo-portal)
          --redirect-uri URI        one of its redirect URIs (default http://localhost/signin-callback)
          --timeout SECONDS         per-request timeout (default 300)
          --markdown                print the results as Markdown for docs/performance.md
          -h, --help                this text

        The database needs enough free units: houses whose ownership right in force has only people as holders,
        without a restriction in force or an open application: --mortgages × --rounds + --warmup of them. The demo
        region of 3,000 units has too few for several rounds of 1,000: seed a larger one (README.md).

        Progress goes to stderr, results to stdout. Exit code: 0 = every target met and every item stored,
        1 = a target missed or something failed unexpectedly, 2 = it could not run (usage, database, host, token).
        """;

    public Uri BaseUrl { get; private set; } = new(LoadOptions.DefaultUrl + "/");
    public string ConnectionString { get; private set; } = "";
    public int Mortgages { get; private set; } = MaxMortgages;
    public int Units { get; private set; } = 2000;
    public int Rounds { get; private set; } = 1;
    public int Warmup { get; private set; } = 10;
    public string BankClient { get; private set; } = "demo-bank";
    public string DeveloperClient { get; private set; } = "demo-developer";
    public string ClientSecret { get; private set; } = "demo-secret";
    public string StaffUser { get; private set; } = "demo-staff";
    public string StaffPassword { get; private set; } = "demo-password";
    public string PortalClient { get; private set; } = "demo-portal";
    public Uri RedirectUri { get; private set; } = new("http://localhost/signin-callback");
    public TimeSpan Timeout { get; private set; } = TimeSpan.FromSeconds(300);
    public bool Markdown { get; private set; }
    public bool ShowHelp { get; private set; }

    /// <summary>The arguments as given (with the leading <c>bulk</c>), secrets masked, for the report's command line.</summary>
    public IReadOnlyList<string> PrintableArgs { get; private set; } = [];

    /// <summary>Units the whole run takes from the register: each round's and the warmup's.</summary>
    public int FreeUnitsNeeded => Mortgages == 0 ? 0 : Mortgages * Rounds + Warmup;

    /// <summary>New buildings the whole run registers: one a round and one for the warmup.</summary>
    public int BuildingsNeeded => Units == 0 ? 0 : Rounds + (Warmup > 0 ? 1 : 0);

    /// <param name="args">The arguments after <c>bulk</c>.</param>
    public static BulkOptions Parse(string[] args)
    {
        var options = new BulkOptions();
        var printable = new List<string>(args.Length + 1) { "bulk" };
        var hasConnection = false;
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
            printable.Add(name);
            printable.Add(name switch
            {
                "--client-secret" or "--staff-password" => "***",
                "--connection" => MaskPassword(value),
                _ => value,
            });

            switch (name)
            {
                case "--url":
                    options.BaseUrl = LoadOptions.ParseUrl(value);
                    break;
                case "--connection":
                    options.ConnectionString = LoadOptions.NonEmpty(name, value);
                    hasConnection = true;
                    break;
                case "--mortgages":
                    options.Mortgages = LoadOptions.ParseInt(name, value, 0, MaxMortgages);
                    break;
                case "--units":
                    options.Units = LoadOptions.ParseInt(name, value, 0, MaxUnits);
                    break;
                case "--rounds":
                    options.Rounds = LoadOptions.ParseInt(name, value, 1, 100);
                    break;
                case "--warmup":
                    options.Warmup = LoadOptions.ParseInt(name, value, 0, 100);
                    break;
                case "--bank-client":
                    options.BankClient = LoadOptions.NonEmpty(name, value);
                    break;
                case "--developer-client":
                    options.DeveloperClient = LoadOptions.NonEmpty(name, value);
                    break;
                case "--client-secret":
                    options.ClientSecret = LoadOptions.NonEmpty(name, value);
                    break;
                case "--staff-user":
                    options.StaffUser = LoadOptions.NonEmpty(name, value);
                    break;
                case "--staff-password":
                    options.StaffPassword = LoadOptions.NonEmpty(name, value);
                    break;
                case "--portal-client":
                    options.PortalClient = LoadOptions.NonEmpty(name, value);
                    break;
                case "--redirect-uri":
                    options.RedirectUri = Uri.TryCreate(value, UriKind.Absolute, out var redirect)
                        ? redirect
                        : throw new UsageException($"--redirect-uri must be an absolute address, not '{value}'");
                    break;
                case "--timeout":
                    options.Timeout = TimeSpan.FromSeconds(LoadOptions.ParseInt(name, value, 1, 3600));
                    break;
                default:
                    throw new UsageException($"unknown option '{name}' (the bulk mode's options are listed by bulk --help)");
            }
        }

        if (!options.ShowHelp)
        {
            if (!hasConnection)
            {
                throw new UsageException("--connection is required: the workload is read from the host's PostgreSQL database");
            }
            if (options.Mortgages == 0 && options.Units == 0)
            {
                throw new UsageException("--mortgages 0 and --units 0 leave nothing to measure");
            }
        }
        options.PrintableArgs = printable;
        return options;
    }

    /// <summary>The connection string with its password replaced by ***; refused when it is not one.</summary>
    private static string MaskPassword(string connectionString)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"--connection is not an Npgsql connection string: {e.Message}");
        }
        if (!string.IsNullOrEmpty(builder.Password))
        {
            builder.Password = "***";
        }
        return builder.ConnectionString;
    }
}
