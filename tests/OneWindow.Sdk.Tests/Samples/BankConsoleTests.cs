using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Data.Seeding;
using OneWindow.Api.Tests.Infrastructure;
using OneWindow.Samples.BankConsole;
using OneWindow.Sdk.Tests.Infrastructure;

namespace OneWindow.Sdk.Tests.Samples;

/// <summary>
/// portal-samples/BankConsole: a loan book's mortgages filed with idempotent retries through lost answers, awaited by
/// subscription while the registry (the demo registrar, signed in as a person) records them, their certificates read.
/// </summary>
[Collection(SdkHostCollection.Name)]
public sealed class BankConsoleTests(SdkHost host)
{
    private static CancellationToken Ct => SdkHost.Ct;

    private static string LoanBookPath => Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "portal-samples", "BankConsole", "loans-100.csv");

    [Fact]
    public void Every_bad_line_of_a_loan_book_is_reported_with_its_number_and_no_loan_is_kept_from_it()
    {
        var text = string.Join('\n',
            "# comment",                                                                              // line 1
            LoanBook.Header,                                                                          // line 2
            "L1,441202001001GB00001F00010101,陈伟,441202198001010011,50000000,2026-12-01,2046-11-30", // line 3
            "L1,441202001001GB00001F00010102,陈伟,441202198001010011,50000000,2026-12-01,2046-11-30", // line 4: the loan again
            "L2,441202001001GB00001F00010101,陈伟,441202198001010011,50000000,2026-12-01,2046-11-30", // line 5: the unit again
            "L3,4412,,123,-5,2026-12-01,2026-11-30",                                                   // line 6
            "L4,441202001001GB00001F00010104");                                                       // line 7

        var book = LoanBook.Read(new StringReader(text));

        Assert.Equal(["L1"], book.Loans.Select(l => l.LoanId));
        Assert.Equal(4, book.Errors.Count);
        Assert.Contains("line 4: loan_id L1 already on line 3", book.Errors[0], StringComparison.Ordinal);
        Assert.Contains("line 5: unit 441202001001GB00001F00010101 already on line 3", book.Errors[1], StringComparison.Ordinal);
        Assert.StartsWith("line 6: unit_code '4412' is not 28 characters; borrower_name is empty", book.Errors[2], StringComparison.Ordinal);
        Assert.Contains("amount_fen '-5'", book.Errors[2], StringComparison.Ordinal);
        Assert.Contains("not two yyyy-MM-dd dates in order", book.Errors[2], StringComparison.Ordinal);
        Assert.Equal("line 7: 2 field(s), 7 expected", book.Errors[3]);
        Assert.Equal("the header must be " + LoanBook.Header, Assert.Single(LoanBook.Read(new StringReader("a,b\n")).Errors)[8..]);
    }

    /// <summary>
    /// The committed book is the embedded default's demo region as seeded: 100 homes from the end of the region (tests
    /// take theirs from the start), each with one owner, a person, and nothing registered against it; the borrower is
    /// that owner. ONEWINDOW_UPDATE_LOANS=1 writes it again after a change of the demo seed.
    /// </summary>
    [Fact]
    public async Task The_committed_loan_book_pledges_free_homes_each_by_its_owner_of_record()
    {
        var expected = await LoanBookOfTheDemoRegionAsync(100);
        if (Environment.GetEnvironmentVariable("ONEWINDOW_UPDATE_LOANS") == "1")
        {
            await File.WriteAllTextAsync(LoanBookPath, expected, new UTF8Encoding(false), Ct);
        }

        Assert.Equal(expected, (await File.ReadAllTextAsync(LoanBookPath, Ct)).ReplaceLineEndings("\n"));
        var book = LoanBook.Read(new StringReader(expected));
        Assert.Empty(book.Errors);
        Assert.Equal(100, book.Loans.Count);
    }

    [Fact]
    public async Task A_loan_book_is_filed_once_through_lost_answers_recorded_by_the_registrar_and_heard_by_subscription()
    {
        var loans = new List<Loan>();
        for (var i = 1; i <= 5; i++)
        {
            var (unit, owner) = await host.FreeHouseAsync();
            loans.Add(new Loan($"T{Guid.NewGuid():N}"[..12] + i, unit, owner.Name, owner.IdNumber, 40_000_000 + i * 1_000_000, new DateOnly(2026, 12, 1), new DateOnly(2046, 11, 30)));
        }
        var bankCode = await host.CreditCodeAsync(SdkHost.BankName);
        var registry = new RegistryDemo((user, _) => PersonSignIn.ClientAsync(host.App, user));
        await registry.ApproveChannelAsync(bankCode, Ct);
        // The first three submissions reach the platform and are stored, but their answers are lost (a 503, a reset).
        FlakyHandler? flaky = null;
        AttemptCounter? attempts = null;
        using var client = host.Client("demo-bank", server => attempts = new AttemptCounter(flaky = new FlakyHandler(server,
            (request, _) => request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath.EndsWith("/mortgage-registrations", StringComparison.Ordinal), failures: 3)));
        // The registrar works a filing once the bank watches it, so the test does not depend on who is faster.
        var watched = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        var options = new MortgageRunOptions
        {
            BankName = SdkHost.BankName,
            BankCreditCode = bankCode,
            FilingConcurrency = 2,
            // The safety net's re-read should never be what ends a wait here: it would count as "by read" and fail.
            Recheck = TimeSpan.FromMinutes(10),
            Watching = number => watched[number] = true,
            MaterialFor = (_, code) => SdkHost.Pdf(code),
        };
        using var stopRegistry = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var registrar = registry.WorkAsync(watched.ContainsKey, TimeSpan.FromMilliseconds(50), stopRegistry.Token);

        var outcomes = await new MortgageRun(client, options, attempts).RunAsync(loans, Ct);

        await stopRegistry.CancelAsync();
        await registrar;
        Assert.All(outcomes, o => Assert.Null(o.Refusal));
        Assert.All(outcomes, o => Assert.Equal(Rest.ApplicationStatus.COMPLETED, o.Status));
        Assert.All(outcomes, o => Assert.Equal(HeardBy.Subscription, o.HeardBy));
        // Three answers were lost, each after the platform had stored the filing: the SDK retried with the same key and
        // got the stored answer (replayed). Five filings, eight attempts, every attempt of a loan under the loan's key.
        Assert.Equal(8, flaky!.Keys.Count);
        Assert.Equal(loans.Select(MortgageRun.KeyOf).Order(), flaky.Keys.Distinct().Order());
        var retried = attempts!.Attempts.Where(a => a.Value > 1).Select(a => a.Key).Order().ToList();
        Assert.Equal(3, attempts.Attempts.Values.Sum(n => n - 1));
        Assert.Equal(retried, outcomes.Where(o => o.Filing == Filing.Replayed).Select(o => MortgageRun.KeyOf(o.Loan)).Order());
        Assert.Equal(5 - retried.Count, outcomes.Count(o => o.Filing == Filing.Submitted));
        foreach (var outcome in outcomes)
        {
            var certificate = Assert.IsType<IssuedCertificate>(outcome.Certificate);
            Assert.Equal(outcome.Loan.UnitCode, certificate.UnitCode);
            Assert.Equal(outcome.Loan.AmountFen, certificate.SecuredAmountFen);
            Assert.Contains("不动产证明", certificate.Number, StringComparison.Ordinal);
            Assert.True(certificate.Authentic);
        }
        await AssertStoredOnceAsync(loans);

        // A second run finds every loan filed and sends nothing: no submission, no second mortgage on a recorded unit.
        var before = attempts.Attempts.Count;
        var again = await new MortgageRun(client, options, attempts).RunAsync(loans, Ct);

        Assert.All(again, o => Assert.Equal(Filing.FiledEarlier, o.Filing));
        Assert.Equal(outcomes.Select(o => o.BusinessNumber), again.Select(o => o.BusinessNumber));
        Assert.All(again, o => Assert.Equal(HeardBy.Read, o.HeardBy));
        Assert.Equal(outcomes.Select(o => o.Certificate!.Number), again.Select(o => o.Certificate?.Number));
        Assert.Equal(before, attempts.Attempts.Count);
        await AssertStoredOnceAsync(loans);
    }

    [Fact]
    public async Task A_loan_whose_borrower_is_not_the_owner_of_record_is_refused_and_stores_nothing()
    {
        var (unit, owner) = await host.FreeHouseAsync();
        var loan = new Loan("T-" + Guid.NewGuid().ToString("N")[..8], unit, owner.Name + "某", owner.IdNumber, 30_000_000, new DateOnly(2026, 12, 1), new DateOnly(2036, 11, 30));
        using var client = host.Client("demo-bank");
        var options = new MortgageRunOptions
        {
            BankName = SdkHost.BankName,
            BankCreditCode = await host.CreditCodeAsync(SdkHost.BankName),
            MaterialFor = (_, code) => SdkHost.Pdf(code),
        };

        var outcome = Assert.Single(await new MortgageRun(client, options).RunAsync([loan], Ct));

        Assert.Equal(Filing.Refused, outcome.Filing);
        Assert.Equal("APPLICATION_INVALID", outcome.Refusal!.Code);
        Assert.Contains(outcome.Refusal.FieldErrors, f => f.Field?.StartsWith("mortgagors[0]", StringComparison.Ordinal) == true);
        Assert.Null(outcome.BusinessNumber);
        Assert.Null(outcome.Certificate);
        Assert.Equal(0, await host.ReadAsync(db => db.ApplicationUnits.CountAsync(u => u.UnitCode == unit, Ct)));
    }

    /// <summary>Each loan's unit is in one application, and carries one mortgage in force.</summary>
    private async Task AssertStoredOnceAsync(IEnumerable<Loan> loans)
    {
        foreach (var loan in loans)
        {
            Assert.Equal(1, await host.ReadAsync(db => db.ApplicationUnits.CountAsync(u => u.UnitCode == loan.UnitCode, Ct)));
            Assert.Equal(1, await host.ReadAsync(db => db.Rights.CountAsync(r => r.Unit!.UnitCode == loan.UnitCode && r.Kind == RightKind.Mortgage && r.Status == RightStatus.Active, Ct)));
        }
    }

    /// <summary>The loan book of the demo region as seeded: the last <paramref name="count"/> free homes with one person as owner.</summary>
    private async Task<string> LoanBookOfTheDemoRegionAsync(int count)
    {
        var citizen = DemoRegion.Citizen.IdNumber;
        var homes = await host.ReadAsync(db => db.Units.AsNoTracking()
            .Where(u => u.Kind == UnitKind.House && u.Use == "住宅" && u.Building!.Stage == BuildingStage.Completed
                && !u.Restrictions.Any(r => r.Status == RestrictionStatus.Active)
                && u.Rights.Count(r => r.Status == RightStatus.Active) == 1
                && u.Rights.Any(r => r.Status == RightStatus.Active && r.Kind == RightKind.LandUseAndHouseOwnership && r.Holders.Count == 1
                    && r.Holders.All(h => h.Party!.Kind == PartyKind.Person && h.Party.IdNumber != citizen))
                && !db.ApplicationUnits.Any(a => a.UnitCode == u.UnitCode))
            .OrderByDescending(u => u.UnitCode)
            .Take(count)
            .Select(u => new
            {
                u.UnitCode,
                u.Area,
                Owner = u.Rights.Where(r => r.Status == RightStatus.Active).SelectMany(r => r.Holders).Select(h => new { h.Party!.Name, h.Party.IdNumber }).First(),
            })
            .ToListAsync(Ct));
        Assert.Equal(count, homes.Count);
        var text = new StringBuilder()
            .Append("# The demo bank's loan book: homes of the embedded default's demo region (the last free ones, each with one owner),\n")
            .Append("# the borrower being that owner, checked in person at a branch. Written by BankConsoleTests (ONEWINDOW_UPDATE_LOANS=1).\n")
            .Append(LoanBook.Header).Append('\n');
        var n = 0;
        foreach (var home in homes.OrderBy(h => h.UnitCode, StringComparer.Ordinal))
        {
            n++;
            // 60 % of the home's value at 7,000 元/m², in whole thousands of yuan; 20 or 30 years.
            var amountFen = (long)Math.Round(home.Area * 7_000m * 0.6m / 1_000m, MidpointRounding.AwayFromZero) * 1_000 * 100;
            var years = n % 3 == 0 ? 20 : 30;
            text.Append(CultureInfo.InvariantCulture, $"ZQ2026-{n:D4},{home.UnitCode},{home.Owner.Name},{home.Owner.IdNumber},{amountFen},2026-12-01,{new DateOnly(2026, 12, 1).AddYears(years).AddDays(-1):yyyy-MM-dd}\n");
        }
        return text.ToString();
    }
}
