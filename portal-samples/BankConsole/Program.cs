using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using OneWindow.Samples.BankConsole;
using OneWindow.Sdk;
using Spectre.Console;

// A bank registers the mortgages of its loan book (100 loans signed at its branches): each filed with its own
// Idempotency-Key, the SDK's retries resending it; each awaited by subscription until it is recorded (登簿) and its
// certificate of registration (不动产登记证明) issued (发证); the certificates printed and checked offline.
// Usage: dotnet run --project portal-samples/BankConsole [-- [options]]; --help lists them. README.md says what happens.
Console.OutputEncoding = Encoding.UTF8;
var options = ConsoleOptions.Parse(args);
if (options.Problem is not null || options.Help)
{
    Console.Error.WriteLine(options.Problem is null ? ConsoleOptions.Usage : options.Problem + Environment.NewLine + ConsoleOptions.Usage);
    return options.Help ? 0 : 2;
}
LoanBook book;
using (var reader = new StreamReader(options.LoansPath, Encoding.UTF8))
{
    book = LoanBook.Read(reader);
}
if (book.Errors.Count > 0)
{
    Console.WriteLine($"{options.LoansPath}: {book.Errors.Count} problem(s); nothing was filed.");
    book.Errors.ForEach(e => Console.WriteLine("  " + e));
    return 1;
}
var loans = book.Loans.Take(options.Count ?? book.Loans.Count).ToList();
Console.WriteLine($"{loans.Count} loans from {Path.GetFileName(options.LoansPath)}, bank {options.ClientId} at {options.BaseUrl}");

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
var clock = Stopwatch.StartNew();

// ---- The registry's side (--registry-demo only): NOT the bank's code, see RegistryDemo.cs and README.md. ----------
var filed = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
using var registryStop = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
Task registryWork = Task.CompletedTask;
if (options.RegistryDemo)
{
    var registry = new RegistryDemo(RegistryDemo.SignInAt(options.BaseUrl));
    var approved = await registry.ApproveChannelAsync(options.BankCreditCode, stop.Token);
    Console.WriteLine($"[registry demo] demo-operator {(approved ? "approved" : "had approved")} the bank's branches as an authorised channel (面签)");
    Console.WriteLine("[registry demo] demo-staff accepts, reviews, records (登簿), prepares the certificate (缮证) and issues it (发证) for each filing of this run");
    registryWork = registry.WorkAsync(filed.ContainsKey, TimeSpan.FromSeconds(1), registryStop.Token);
}

// ---- The bank's side: the SDK only. ---------------------------------------------------------------------------------
var attempts = new AttemptCounter(new SocketsHttpHandler());
using var client = new OneWindowClient(new OneWindowClientOptions { BaseUrl = options.BaseUrl, ClientId = options.ClientId, ClientSecret = options.ClientSecret }, attempts);
IReadOnlyList<LoanOutcome> outcomes = [];
try
{
    await AnsiConsole.Progress()
        .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
        .StartAsync(async progress =>
        {
            var filing = progress.AddTask($"filed    0/{loans.Count}", maxValue: loans.Count);
            var waiting = progress.AddTask($"recorded 0/{loans.Count}", maxValue: loans.Count);
            var (filedCount, doneCount) = (0, 0);
            outcomes = await new MortgageRun(client, new MortgageRunOptions
            {
                BankName = options.BankName,
                BankCreditCode = options.BankCreditCode,
                Recheck = options.Recheck,
                Filed = (_, number) =>
                {
                    filed[number] = true;
                    filing.Increment(1);
                    filing.Description = $"filed    {Interlocked.Increment(ref filedCount)}/{loans.Count}";
                },
                Finished = outcome =>
                {
                    waiting.Increment(1);
                    waiting.Description = $"recorded {Interlocked.Increment(ref doneCount)}/{loans.Count}";
                },
            }, attempts).RunAsync(loans, stop.Token);
        });
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    Console.WriteLine($"stopped waiting; what was filed goes on at the registry ({filed.Count} filings). Run again to pick them up.");
    return 130;
}
catch (OneWindowApiException e)
{
    Console.WriteLine($"stopped: {e.Code} {e.Message} (HTTP {(int)e.Status}, trace {e.TraceId})");
    return 1;
}
finally
{
    await registryStop.CancelAsync();
    await registryWork;
}
clock.Stop();

// ---- What the bank got. ---------------------------------------------------------------------------------------------
// One line per certificate (a table would wrap in a narrow or redirected console): loan, unit, number, amount, check.
Console.WriteLine("certificates of registration (不动产登记证明):");
foreach (var outcome in outcomes.Where(o => o.Certificate is not null))
{
    var c = outcome.Certificate!;
    Console.WriteLine($"  {outcome.Loan.LoanId}  {c.UnitCode}  {c.Number}  {((c.SecuredAmountFen ?? 0) / 100m).ToString("N2", CultureInfo.InvariantCulture),14} 元  "
        + (c.Authentic ? $"offline check: authentic ({c.Algorithm})" : "offline check: NOT AUTHENTIC"));
}
foreach (var refused in outcomes.Where(o => o.Filing == Filing.Refused))
{
    Console.WriteLine($"refused {refused.Loan.LoanId} {refused.Loan.UnitCode}: {refused.Refusal!.Code} "
        + string.Join("; ", refused.Refusal.FieldErrors.Select(f => $"{f.Field}: {f.Code}{(f.Reason is null ? "" : $" ({f.Reason})")}")));
}
foreach (var unfinished in outcomes.Where(o => o.Filing != Filing.Refused && o.Certificate is null))
{
    Console.WriteLine($"not recorded {unfinished.Loan.LoanId} {unfinished.BusinessNumber}: {unfinished.Status}");
}
var retried = attempts.Attempts.Where(a => a.Value > 1).ToList();
Console.WriteLine($"filings: {outcomes.Count(o => o.Filing == Filing.Submitted)} submitted, {outcomes.Count(o => o.Filing == Filing.Replayed)} answered from the platform's idempotency store after a lost answer, "
    + $"{outcomes.Count(o => o.Filing == Filing.FiledEarlier)} filed by an earlier run (not sent again), {outcomes.Count(o => o.Filing == Filing.Refused)} refused");
Console.WriteLine($"retried calls: {retried.Count}" + (retried.Count == 0 ? "" : " — " + string.Join(", ", retried.Take(10).Select(r => $"{r.Key} ×{r.Value}")) + " (each retry resent its key)"));
Console.WriteLine($"recordings heard: {outcomes.Count(o => o.HeardBy == HeardBy.Subscription)} by subscription, {outcomes.Count(o => o.HeardBy == HeardBy.Read)} by a read (already done, or the re-check)");
Console.WriteLine($"{outcomes.Count(o => o.Certificate is not null)} certificates of registration for {loans.Count} loans in {clock.Elapsed.TotalSeconds:0.0} s");
return outcomes.All(o => o.Certificate is { Authentic: true }) ? 0 : 1;

/// <summary>The console's command line.</summary>
internal sealed class ConsoleOptions
{
    public const string Usage = """
        usage: dotnet run --project portal-samples/BankConsole -- [options]
          --base-url URL           the platform (default http://localhost:5080)
          --loans FILE             the loan book (default: loans-100.csv beside the console; README.md lists the columns)
          --count N                only the first N loans of the book
          --registry-demo          also play the REGISTRY's part on the embedded demo: demo-operator approves the bank as an
                                   authorised channel, demo-staff takes each filing to 登簿 and 缮证 (README.md)
          --recheck SECONDS        re-read an application its subscription has said nothing of for this long (default 60)
          --client-id ID, --client-secret SECRET   the bank's client (default demo-bank / demo-secret)
          --bank-name NAME, --bank-credit-code CODE the mortgagee of record (default: the demo bank)
        """;

    public string LoansPath { get; private set; } = Path.Combine(AppContext.BaseDirectory, "loans-100.csv");
    public Uri BaseUrl { get; private set; } = new("http://localhost:5080");
    public int? Count { get; private set; }
    public bool RegistryDemo { get; private set; }
    public TimeSpan Recheck { get; private set; } = TimeSpan.FromSeconds(60);
    // Note: the demo bank's credentials; a real bank passes its own (or reads them from a secret store).
    public string ClientId { get; private set; } = "demo-bank";
    public string ClientSecret { get; private set; } = "demo-secret";
    public string BankName { get; private set; } = "肇庆示范商业银行股份有限公司端州支行";
    public string BankCreditCode { get; private set; } = "91441202MA0000001Q";
    public bool Help { get; private set; }
    public string? Problem { get; private set; }

    public static ConsoleOptions Parse(string[] args)
    {
        var options = new ConsoleOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            try
            {
                switch (args[i])
                {
                    case "-h" or "--help": options.Help = true; break;
                    case "--base-url": options.BaseUrl = new Uri(Value()); break;
                    case "--loans": options.LoansPath = Value(); break;
                    case "--count":
                        var count = int.Parse(Value(), NumberStyles.None, CultureInfo.InvariantCulture);
                        options.Count = count > 0 ? count : throw new ArgumentException("--count must be at least 1");
                        break;
                    case "--registry-demo": options.RegistryDemo = true; break;
                    case "--recheck": options.Recheck = TimeSpan.FromSeconds(double.Parse(Value(), CultureInfo.InvariantCulture)); break;
                    case "--client-id": options.ClientId = Value(); break;
                    case "--client-secret": options.ClientSecret = Value(); break;
                    case "--bank-name": options.BankName = Value(); break;
                    case "--bank-credit-code": options.BankCreditCode = Value(); break;
                    default: throw new ArgumentException($"unknown option {args[i]}");
                }
            }
            catch (Exception e) when (e is ArgumentException or FormatException or UriFormatException or OverflowException)
            {
                options.Problem = e.Message;
                return options;
            }
        }
        if (!File.Exists(options.LoansPath))
        {
            options.Problem = $"{options.LoansPath}: no such file";
        }
        return options;
    }
}
