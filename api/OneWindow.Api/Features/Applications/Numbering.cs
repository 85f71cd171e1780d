using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneWindow.Api.Data;
using OneWindow.Domain.Calendar;
using OneWindow.Domain.Identifiers;

namespace OneWindow.Api.Features.Applications;

/// <summary>
/// Hands out the registry's numbers: business numbers (业务号) per registry and day, and certificate numbers per kind
/// and year. Each is a row of <c>sequences</c> advanced by one atomic statement, outside the caller's transaction: a
/// number is never given twice, even by two instances at once; a failed submission leaves a gap, which is allowed.
/// A sequence's first use starts after the highest number the register already holds (the demo region's history, or
/// a registry's migrated data). On the embedded SQLite file, which has one writer at a time, a number taken while the
/// caller's transaction is open is taken inside it (another connection would wait for that transaction's lock).
/// </summary>
public sealed class Numbering(RegistryDatabase database, IOptions<ApplicationsOptions> options, TimeProvider time)
{
    private ApplicationsOptions Options => options.Value;

    /// <summary><paramref name="count"/> consecutive business numbers of today (China date).</summary>
    public async Task<IReadOnlyList<BusinessNumber>> BusinessNumbersAsync(int count, CancellationToken cancellationToken)
    {
        var today = ChinaTime.DateOf(time.GetUtcNow().UtcDateTime);
        var prefix = Options.Division + today.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var last = await AdvanceAsync($"bn:{prefix}", count, current: null, async db =>
        {
            // Business numbers are digits only, so a range is a prefix search on any collation.
            var low = prefix + "000000";
            var high = prefix + "999999Z";
            var inRegister = await db.RegisterEntries.Where(e => e.BusinessNumber != null && string.Compare(e.BusinessNumber, low) >= 0 && string.Compare(e.BusinessNumber, high) <= 0)
                .MaxAsync(e => e.BusinessNumber, cancellationToken);
            var inApplications = await db.Applications.Where(a => string.Compare(a.BusinessNumber, low) >= 0 && string.Compare(a.BusinessNumber, high) <= 0)
                .MaxAsync(a => (string?)a.BusinessNumber, cancellationToken);
            return new[] { inRegister, inApplications }.Max(n => n is null ? 0 : BusinessNumber.Parse(n).Sequence);
        }, cancellationToken);
        if (last > 999_999)
        {
            throw new InvalidOperationException($"The registry has used every business number of {today}.");
        }
        return [.. Enumerable.Range((int)last - count + 1, count).Select(sequence => BusinessNumber.Create(Options.Division, today, sequence))];
    }

    /// <summary>
    /// <paramref name="count"/> consecutive certificate numbers of <paramref name="kind"/> for this year (China date);
    /// <paramref name="current"/> is the caller's context, whose transaction may be open (the entry in the register).
    /// </summary>
    public async Task<IReadOnlyList<CertificateNumber>> CertificateNumbersAsync(CertificateKind kind, int count, RegistryDbContext current, CancellationToken cancellationToken)
    {
        var year = ChinaTime.DateOf(time.GetUtcNow().UtcDateTime).Year;
        var province = Options.CertificateProvince[0];
        var sample = CertificateNumber.Create(province, year, Options.CertificateRegistryName, kind, 1).ToString();
        var prefix = sample[..^"0000001号".Length];
        var last = await AdvanceAsync($"cn:{kind}:{year}", count, current, async db =>
        {
            var pattern = prefix + "%";
            var rights = await db.Rights.Where(r => r.CertificateNumber != null && EF.Functions.Like(r.CertificateNumber, pattern))
                .MaxAsync(r => r.CertificateNumber, cancellationToken);
            var restrictions = await db.Restrictions.Where(r => r.DocumentNumber != null && EF.Functions.Like(r.DocumentNumber, pattern))
                .MaxAsync(r => r.DocumentNumber, cancellationToken);
            // The sequence is seven digits, so the greatest text is the greatest number.
            return new[] { rights, restrictions }.Max(n => n is null ? 0 : CertificateNumber.Parse(n).Sequence);
        }, cancellationToken);
        return [.. Enumerable.Range((int)last - count + 1, count).Select(sequence => CertificateNumber.Create(province, year, Options.CertificateRegistryName, kind, sequence))];
    }

    /// <summary>Advances a sequence by <paramref name="count"/> and returns its new value (the last number handed out).</summary>
    private async Task<long> AdvanceAsync(string name, int count, RegistryDbContext? current, Func<RegistryDbContext, Task<long>> start, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        // On PostgreSQL a context of its own: the numbers are taken at once, and the sequence's row is not locked for
        // the length of the caller's transaction.
        var own = database.IsEmbedded && current?.Database.CurrentTransaction is not null ? null : RegistryDataExtensions.CreateContext(database);
        await using var disposable = own;
        var db = own ?? current!;
        var exists = await db.Sequences.AnyAsync(s => s.Name == name, cancellationToken);
        var initial = exists ? 0 : await start(db);
        // One statement on both databases: two instances creating the row at once end with both increments applied.
        var values = await db.Database.SqlQuery<long>($"""
            INSERT INTO sequences (name, value) VALUES ({name}, {initial + count})
            ON CONFLICT (name) DO UPDATE SET value = sequences.value + {(long)count}
            RETURNING value AS "Value"
            """).ToListAsync(cancellationToken);
        return values.Single();
    }
}
