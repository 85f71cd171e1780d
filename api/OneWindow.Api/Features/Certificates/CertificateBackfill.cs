using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneWindow.Api.Data;
using OneWindow.Api.Data.Entities;

namespace OneWindow.Api.Features.Certificates;

/// <summary>
/// Signs the register's older certificates (the demo region's, stored without payload by the seed) in the background
/// once the host has started, in batches by id, so that a verification never pays for signing and for SQLite's single
/// writer on its first read. A read that comes first still produces its certificate itself; whichever stores first wins
/// (<see cref="CertificateProduction.StoreProducedAsync"/>). On PostgreSQL one instance at a time does a batch (a
/// transaction-scoped advisory lock); the others find nothing left or wait.
/// </summary>
internal sealed class CertificateBackfill(
    IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, IOptions<CertificatesOptions> options, TimeProvider time,
    ILogger<CertificateBackfill> logger) : BackgroundService
{
    /// <summary>The advisory lock key of the backfill (any fixed number no other code uses).</summary>
    private const long LockKey = 0x4f57_4345_5254;

    /// <summary>How long an instance waits while another holds the backfill's lock.</summary>
    private static readonly TimeSpan BusyWait = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var size = options.Value.BackfillBatchSize;
        if (size <= 0)
        {
            return;
        }
        try
        {
            // Not while the host starts: the database initializer and the key warm-up come first.
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
            {
                await started.Task.WaitAsync(stoppingToken);
            }
            var clock = Stopwatch.StartNew();
            var signed = 0;
            var after = 0L;
            while (true)
            {
                BatchResult result;
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    result = await RunBatchAsync(scope.ServiceProvider, after, size, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Signing the register's older certificates failed after id {After}; it tries again in {Wait}", after, BusyWait);
                    await Task.Delay(BusyWait, time, stoppingToken);
                    continue;
                }
                if (result.Busy)
                {
                    await Task.Delay(BusyWait, time, stoppingToken);
                    continue;
                }
                signed += result.Signed;
                after = result.LastId;
                if (result.Read < size)
                {
                    break;
                }
            }
            if (signed > 0)
            {
                logger.LogInformation("Signed {Count} of the register's older certificates in {Seconds:F1} s", signed, clock.Elapsed.TotalSeconds);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping; the next start goes on where this one stopped.
        }
    }

    private readonly record struct BatchResult(bool Busy, int Read, int Signed, long LastId);

    /// <summary>Signs and stores up to <paramref name="size"/> unsigned certificates with ids after <paramref name="after"/>.</summary>
    private static async Task<BatchResult> RunBatchAsync(IServiceProvider services, long after, int size, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<RegistryDbContext>();
        var production = services.GetRequiredService<CertificateProduction>();
        if (!db.Database.IsNpgsql())
        {
            // SQLite's transactions take the one write lock at BEGIN: sign first, then store the batch in one short one.
            var (read, lastId, certificates) = await SignBatchAsync(db, production, after, size, cancellationToken);
            await using var write = await db.Database.BeginTransactionAsync(cancellationToken);
            var stored = 0;
            foreach (var certificate in certificates)
            {
                stored += await production.StoreProducedAsync(certificate, cancellationToken) ? 1 : 0;
            }
            await write.CommitAsync(cancellationToken);
            return new BatchResult(false, read, stored, lastId);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var locked = await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({LockKey}) AS \"Value\"").SingleAsync(cancellationToken);
        if (!locked)
        {
            return new BatchResult(true, 0, 0, after);
        }
        var batch = await SignBatchAsync(db, production, after, size, cancellationToken);
        var count = 0;
        foreach (var certificate in batch.Certificates)
        {
            count += await production.StoreProducedAsync(certificate, cancellationToken) ? 1 : 0;
        }
        await transaction.CommitAsync(cancellationToken);
        return new BatchResult(false, batch.Read, count, batch.LastId);
    }

    private static async Task<(int Read, long LastId, List<Certificate> Certificates)> SignBatchAsync(
        RegistryDbContext db, CertificateProduction production, long after, int size, CancellationToken cancellationToken)
    {
        var certificates = await db.Certificates.AsNoTracking()
            .Where(c => c.Id > after && c.Payload == null)
            .OrderBy(c => c.Id).Take(size).ToListAsync(cancellationToken);
        var signed = new List<Certificate>(certificates.Count);
        foreach (var certificate in certificates)
        {
            var content = await CertificateContent.LoadAsync(db, certificate.Number, cancellationToken);
            if (content is null)
            {
                // A number no right or registration carries: a read answers it as unknown, as before.
                continue;
            }
            await production.SignAsync(certificate, content, cancellationToken);
            signed.Add(certificate);
        }
        return (certificates.Count, certificates.Count == 0 ? after : certificates[^1].Id, signed);
    }
}
