using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneWindow.Api.Data;
using OneWindow.Api.Hosting;

namespace OneWindow.Api.Features.Materials;

/// <summary>What one cleanup run deleted.</summary>
public sealed record MaterialCleanupResult(int Materials, int Contents);

/// <summary>
/// Every <c>Materials:CleanupInterval</c> (unless <c>Materials:CleanupEnabled</c> is false): deletes uploads no
/// application references that are older than <c>Materials:UnattachedRetention</c>, then the stored bytes no upload
/// references any more. Each instance may run it; the statements are idempotent and safe side by side.
/// </summary>
internal sealed class MaterialCleanup(IServiceScopeFactory scopes, IOptions<MaterialsOptions> options, TimeProvider time, ILogger<MaterialCleanup> logger)
    : PeriodicJob(scopes, time, logger)
{
    /// <summary>Rows deleted per transaction, so no run holds many locks for long.</summary>
    private const int BatchSize = 500;

    protected override TimeSpan Interval => options.Value.CleanupInterval;

    protected override bool Enabled => options.Value.CleanupEnabled;

    protected override async Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<RegistryDbContext>();
        var result = await RunOnceAsync(db, Time.GetUtcNow().UtcDateTime, options.Value.UnattachedRetention, cancellationToken);
        if (result.Materials > 0 || result.Contents > 0)
        {
            Logger.LogInformation("Deleted {Materials} unattached materials and {Contents} unreferenced contents", result.Materials, result.Contents);
        }
    }

    /// <summary>
    /// One run. Uploads older than <paramref name="retention"/> that no application references are deleted, then
    /// contents that no upload references and that were not stored (or stored again) within the retention.
    /// </summary>
    public static async Task<MaterialCleanupResult> RunOnceAsync(RegistryDbContext db, DateTime now, TimeSpan retention, CancellationToken cancellationToken)
    {
        var cutoff = now - retention;
        var materials = 0;
        while (true)
        {
            var (candidates, deleted) = await DeleteUnattachedBatchAsync(db, cutoff, cancellationToken);
            materials += deleted;
            if (candidates < BatchSize)
            {
                break;
            }
        }
        // An upload of bytes that are stored already marks them stored now and keeps the row locked until its
        // material is inserted (MaterialContentStore): the condition on stored_at is checked again on the row as it
        // is after such an upload (PostgreSQL re-evaluates it on the newest row version), so bytes being referenced
        // at this moment are never deleted — deleting them would cascade to the new material.
        var contents = await db.MaterialContents
            .Where(c => c.StoredAt < cutoff && !db.Materials.Any(m => m.Sha256 == c.Sha256))
            .ExecuteDeleteAsync(cancellationToken);
        return new MaterialCleanupResult(materials, contents);
    }

    /// <summary>
    /// One batch: the candidates are locked first, then deleted if still unattached, checked by a second statement
    /// that sees everything committed before the locks were taken. A submission attaching one of them either
    /// committed before (the check sees it: kept), holds its row lock now (skipped, SKIP LOCKED), or waits for this
    /// transaction and then finds the material gone — never is an attachment deleted along with its material (the
    /// foreign key cascades).
    /// </summary>
    private static async Task<(int Candidates, int Deleted)> DeleteUnattachedBatchAsync(RegistryDbContext db, DateTime cutoff, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        List<long> candidates;
        if (db.Database.IsNpgsql())
        {
            candidates = await db.Database.SqlQuery<long>($"""
                SELECT m.id AS "Value" FROM materials m
                WHERE m.uploaded_at < {cutoff} AND NOT EXISTS (SELECT 1 FROM application_materials a WHERE a.material_id = m.id)
                ORDER BY m.id LIMIT {BatchSize}
                FOR UPDATE OF m SKIP LOCKED
                """).ToListAsync(cancellationToken);
        }
        else
        {
            // SQLite (the embedded default) has one writer at a time: the transaction alone keeps submissions out.
            candidates = await db.Materials
                .Where(m => m.UploadedAt < cutoff && !db.ApplicationMaterials.Any(a => a.MaterialId == m.Id))
                .OrderBy(m => m.Id).Select(m => m.Id).Take(BatchSize)
                .ToListAsync(cancellationToken);
        }
        if (candidates.Count == 0)
        {
            return (0, 0);
        }
        var deleted = await db.Materials
            .Where(m => candidates.Contains(m.Id) && !db.ApplicationMaterials.Any(a => a.MaterialId == m.Id))
            .ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (candidates.Count, deleted);
    }
}
