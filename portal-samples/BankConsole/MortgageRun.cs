using System.Collections.Concurrent;
using System.Text;
using OneWindow.Sdk;
using OneWindow.Sdk.Audiences;
using OneWindow.Sdk.Certificates;
using OneWindow.Sdk.Rest;
using Gql = OneWindow.Sdk.GraphQL;

namespace OneWindow.Samples.BankConsole;

/// <summary>How a loan's filing went.</summary>
public enum Filing
{
    /// <summary>Submitted in this run (possibly after retries that resent the same Idempotency-Key).</summary>
    Submitted,
    /// <summary>The platform answered the key with the answer it had stored (Idempotent-Replayed).</summary>
    Replayed,
    /// <summary>An earlier run filed it: the bank's open or finished application for the unit was found, nothing was sent.</summary>
    FiledEarlier,
    /// <summary>The platform refused it (the exception's code and field errors say why); nothing was stored.</summary>
    Refused,
}

/// <summary>How the wait for a loan's recording ended.</summary>
public enum HeardBy
{
    /// <summary>The application's own subscription (applicationProgressChanged) said the certificate was issued.</summary>
    Subscription,
    /// <summary>A read: the catch-up read right after subscribing, or the slow re-check.</summary>
    Read,
}

/// <summary>A certificate of registration (不动产登记证明) the run ends with, checked offline against the published keys.</summary>
public sealed record IssuedCertificate(string Number, string UnitCode, long? SecuredAmountFen, string Matter, bool Authentic, string? Algorithm);

/// <summary>What happened to one loan.</summary>
public sealed record LoanOutcome(Loan Loan, Filing Filing, string? BusinessNumber, ApplicationStatus? Status, HeardBy? HeardBy,
    IssuedCertificate? Certificate, OneWindowApiException? Refusal);

/// <summary>Settings of a run.</summary>
public sealed class MortgageRunOptions
{
    /// <summary>How many loans are filed at once (each: its materials uploaded, then the submission).</summary>
    public int FilingConcurrency { get; set; } = 8;

    /// <summary>
    /// How often an application whose subscription has said nothing is read once more. A subscription hears only what
    /// happens while it is open, so this closes any gap (a step taken before the platform registered it, a dropped
    /// socket); it is not the way the run normally learns of a recording.
    /// </summary>
    public TimeSpan Recheck { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The circumstances declared on each filing. The loans were signed at a branch that checked every borrower in person
    /// (面签), so by default the bank files as an authorised channel: the in-person check stands for the borrowers'
    /// confirmation (docs/applications.md). Empty: each filing waits for its borrower to confirm in the citizen portal.
    /// </summary>
    public IReadOnlyList<string> Circumstances { get; set; } = ["AUTHORISED_CHANNEL"];

    /// <summary>The bank as mortgagee: its name and credit code of record (the platform checks both against the caller).</summary>
    public required string BankName { get; init; }

    public required string BankCreditCode { get; init; }

    /// <summary>The scan of material <c>code</c> for loan <c>loan</c>; the demo makes a small placeholder PDF.</summary>
    public Func<Loan, string, MaterialFile> MaterialFor { get; set; } = (loan, code) =>
        new MaterialFile(Encoding.ASCII.GetBytes($"%PDF-1.4\n% {code} {loan.LoanId} {Guid.NewGuid():N}\n%%EOF\n"), code.ToLowerInvariant() + ".pdf");

    /// <summary>Told of each loan's business number once it is filed (or found filed by an earlier run).</summary>
    public Action<Loan, string>? Filed { get; set; }

    /// <summary>
    /// Told of each business number once its subscription is open and the catch-up read found it still under way: from
    /// then on a step the registry takes is heard (the subscribe message is on its way before that read).
    /// </summary>
    public Action<string>? Watching { get; set; }

    /// <summary>Told of each loan's outcome when its wait is over (or its filing refused).</summary>
    public Action<LoanOutcome>? Finished { get; set; }
}

/// <summary>
/// The bank's side, on the SDK only: files every loan of the book as a general mortgage registration (抵押权首次登记),
/// each with its own Idempotency-Key (the loan id, so a retry — the SDK's or a rerun of this program — cannot store it
/// twice), waits by subscription for each to be recorded (登簿) and its certificate of registration issued (发证), and reads
/// and checks the certificates. A second run finds what the first filed and submits nothing again.
/// </summary>
public sealed class MortgageRun(OneWindowClient client, MortgageRunOptions options, AttemptCounter? attempts = null)
{
    private static readonly HashSet<ApplicationStatus> Ended =
        [ApplicationStatus.REFUSED, ApplicationStatus.RETURNED, ApplicationStatus.WITHDRAWN, ApplicationStatus.DECLINED];

    private static readonly HashSet<ApplicationStatus> Done = [ApplicationStatus.COMPLETED];

    private BankClient Bank => client.Banks;

    /// <summary>The Idempotency-Key of a loan's filing: the same on every attempt and every run.</summary>
    public static string KeyOf(Loan loan) => "loan-" + (loan ?? throw new ArgumentNullException(nameof(loan))).LoanId;

    /// <summary>Files, awaits and reads every loan; the outcomes in the book's order.</summary>
    public async Task<IReadOnlyList<LoanOutcome>> RunAsync(IReadOnlyList<Loan> loans, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(loans);
        var earlier = await FiledEarlierAsync(loans, cancellationToken).ConfigureAwait(false);
        using var filing = new SemaphoreSlim(Math.Max(1, options.FilingConcurrency));
        var outcomes = await Task.WhenAll(loans.Select(loan => OneAsync(loan, earlier.GetValueOrDefault(loan.UnitCode), filing, cancellationToken))).ConfigureAwait(false);
        return outcomes;
    }

    /// <summary>
    /// The bank's mortgage registrations on the book's units that did not end without a recording (a rerun must not file
    /// them again: the platform refuses a second open one, but would take a second mortgage on a recorded unit).
    /// </summary>
    private async Task<Dictionary<string, string>> FiledEarlierAsync(IReadOnlyList<Loan> loans, CancellationToken cancellationToken)
    {
        var units = loans.Select(l => l.UnitCode).ToHashSet(StringComparer.Ordinal);
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        var candidates = new List<string>();
        await foreach (var summary in Bank.ListApplicationsAsync(businessType: BusinessType.MORTGAGE_REGISTRATION_GENERAL, pageSize: 100, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (summary.Status is { } status && !Ended.Contains(status) && summary.UnitCount == 1)
            {
                candidates.Add(summary.BusinessNumber);
            }
        }
        foreach (var number in candidates)
        {
            var application = await Bank.GetApplicationAsync(number, cancellationToken).ConfigureAwait(false);
            var unit = application.UnitCodes?.SingleOrDefault();
            if (unit is not null && units.Contains(unit))
            {
                found.TryAdd(unit, number);
            }
        }
        return found;
    }

    private async Task<LoanOutcome> OneAsync(Loan loan, string? filedEarlier, SemaphoreSlim filing, CancellationToken cancellationToken)
    {
        var businessNumber = filedEarlier;
        var how = Filing.FiledEarlier;
        if (businessNumber is null)
        {
            await filing.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var materials = await Bank.UploadRequiredMaterialsAsync(BusinessType.MORTGAGE_REGISTRATION_GENERAL, options.Circumstances,
                    code => options.MaterialFor(loan, code), cancellationToken).ConfigureAwait(false);
                var request = new MortgageRegistrationRequest
                {
                    MortgageKind = "GENERAL",
                    UnitCodes = [loan.UnitCode],
                    Mortgagors = [new() { Kind = "PERSON", Name = loan.BorrowerName, IdNumber = loan.BorrowerIdNumber }],
                    Mortgagee = new() { Kind = "ORGANISATION", Name = options.BankName, IdNumber = options.BankCreditCode },
                    SecuredAmountFen = loan.AmountFen,
                    DebtStartsOn = loan.StartsOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    DebtEndsOn = loan.EndsOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    Circumstances = [.. options.Circumstances],
                    Materials = materials,
                    Notes = "贷款编号 " + loan.LoanId,
                };
                var application = await Bank.SubmitMortgageRegistrationAsync(request, KeyOf(loan), cancellationToken).ConfigureAwait(false);
                businessNumber = application.BusinessNumber;
                how = attempts?.WasReplayed(KeyOf(loan)) == true ? Filing.Replayed : Filing.Submitted;
            }
            catch (OneWindowApiException refusal) when ((int)refusal.Status is >= 400 and < 500)
            {
                var refused = new LoanOutcome(loan, Filing.Refused, null, null, null, null, refusal);
                options.Finished?.Invoke(refused);
                return refused;
            }
            finally
            {
                filing.Release();
            }
        }
        options.Filed?.Invoke(loan, businessNumber);

        var (reached, heardBy) = await WaitAsync(businessNumber, cancellationToken).ConfigureAwait(false);
        IssuedCertificate? certificate = null;
        if (reached.Status is { } status && Done.Contains(status))
        {
            certificate = await CertificateAsync(loan, reached, cancellationToken).ConfigureAwait(false);
        }
        var outcome = new LoanOutcome(loan, how, businessNumber, reached.Status, heardBy, certificate, null);
        options.Finished?.Invoke(outcome);
        return outcome;
    }

    /// <summary>
    /// Waits until the application's certificate is issued (发证, after 登簿 and 缮证) or it ends without a recording: by its
    /// subscription, after one catch-up read (a step taken before the subscription began is not heard), with a slow
    /// re-check as the safety net. Reports which of them said so.
    /// </summary>
    public async Task<(ApplicationResponse Application, HeardBy HeardBy)> WaitAsync(string businessNumber, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            using var watching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var steps = Bank.WatchApplicationAsync(businessNumber, watching.Token).GetAsyncEnumerator(watching.Token);
            var next = steps.MoveNextAsync().AsTask();   // opens the socket and subscribes
            try
            {
                var now = await Bank.GetApplicationAsync(businessNumber, cancellationToken).ConfigureAwait(false);
                if (Finished(now.Status))
                {
                    return (now, HeardBy.Read);
                }
                options.Watching?.Invoke(businessNumber);
                while (true)
                {
                    var recheck = Task.Delay(options.Recheck, cancellationToken);
                    if (await Task.WhenAny(next, recheck).ConfigureAwait(false) == recheck)
                    {
                        await recheck.ConfigureAwait(false);
                        now = await Bank.GetApplicationAsync(businessNumber, cancellationToken).ConfigureAwait(false);
                        if (Finished(now.Status))
                        {
                            return (now, HeardBy.Read);
                        }
                        continue;
                    }
                    if (!await next.ConfigureAwait(false))
                    {
                        break;   // the platform ended the subscription: subscribe again
                    }
                    if (steps.Current.Progress.Status is Gql.ApplicationStatus.Completed
                        or Gql.ApplicationStatus.Refused or Gql.ApplicationStatus.Returned or Gql.ApplicationStatus.Withdrawn or Gql.ApplicationStatus.Declined)
                    {
                        return (await Bank.GetApplicationAsync(businessNumber, cancellationToken).ConfigureAwait(false), HeardBy.Subscription);
                    }
                    next = steps.MoveNextAsync().AsTask();
                }
            }
            catch (OneWindowApiException e) when (e.Code is "NETWORK_ERROR" or "FORBIDDEN" or "TIMEOUT" && !cancellationToken.IsCancellationRequested)
            {
                // A dropped socket, or the token expiring under a long wait (4403): subscribe again, read once more.
            }
            finally
            {
                await watching.CancelAsync().ConfigureAwait(false);
                try
                {
                    await next.ConfigureAwait(false);
                }
                catch (Exception e) when (e is OperationCanceledException or OneWindowApiException)
                {
                    // The subscription stopped because this wait ended.
                }
                await steps.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static bool Finished(ApplicationStatus? status) => status is { } s && (Done.Contains(s) || Ended.Contains(s));

    /// <summary>The certificate of registration of the loan's unit, read and its QR token checked offline (published keys, cached).</summary>
    private async Task<IssuedCertificate?> CertificateAsync(Loan loan, ApplicationResponse application, CancellationToken cancellationToken)
    {
        var number = application.Recorded?.FirstOrDefault(r => r.UnitCode == loan.UnitCode && r.CertificateNumber is not null)?.CertificateNumber;
        if (number is null)
        {
            return null;
        }
        var certificate = await Bank.GetCertificateAsync(number, cancellationToken).ConfigureAwait(false);
        OfflineVerification? offline = certificate.Token is null ? null : await client.Verifier.Offline.VerifyAsync(certificate.Token, cancellationToken).ConfigureAwait(false);
        return new IssuedCertificate(certificate.Number, loan.UnitCode, certificate.SecuredAmountFen, certificate.Matter ?? "", offline?.Authentic == true, offline?.Algorithm);
    }
}

/// <summary>
/// The transport under the SDK's retries (the primary handler): counts the attempts of each submission by its
/// Idempotency-Key, so the console can show which calls the SDK retried and that every retry resent the same key.
/// </summary>
public sealed class AttemptCounter(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _replayed = new(StringComparer.Ordinal);

    /// <summary>Attempts per Idempotency-Key of the POSTs that carried one.</summary>
    public IReadOnlyDictionary<string, int> Attempts => _attempts;

    /// <summary>Whether the platform answered <paramref name="key"/> with the answer it had stored (Idempotent-Replayed).</summary>
    public bool WasReplayed(string key) => _replayed.ContainsKey(key);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string? key = null;
        if (request.Method == HttpMethod.Post && request.Headers.TryGetValues("Idempotency-Key", out var keys))
        {
            key = keys.First();
            _attempts.AddOrUpdate(key, 1, (_, n) => n + 1);
        }
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (key is not null && response.Headers.TryGetValues("Idempotent-Replayed", out var replayed) && replayed.Contains("true", StringComparer.OrdinalIgnoreCase))
        {
            _replayed[key] = true;
        }
        return response;
    }
}
