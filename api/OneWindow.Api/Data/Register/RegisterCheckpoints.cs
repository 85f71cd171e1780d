using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Data.Entities;
using OneWindow.Domain.Register;

namespace OneWindow.Api.Data.Register;

/// <summary>
/// A checkpoint as it is exported and kept elsewhere: <see cref="Payload"/> is the signed text (its fields repeated
/// beside it for readers), <see cref="Signature"/> its signature by key <see cref="KeyId"/>, whose public key comes
/// along. Checking one needs nothing else: <see cref="CheckpointSignature.Verify"/>.
/// </summary>
public sealed record ExportedCheckpoint(
    long Sequence, DateTime TakenAt, long UnitCount, long EntryCount, string Root, string PreviousHash, string Hash,
    string KeyId, string Algorithm, string PublicKey, string Payload, string Signature);

/// <summary>
/// Registry-wide checkpoints: every unit's chain head rolled up into one root (<see cref="CheckpointRoot"/>), chained
/// to the checkpoint before and signed with the registry key. Taking one stores the heads that changed since the
/// checkpoint before (<see cref="RegisterCheckpointHead"/>), so the register can later say which unit a rewritten
/// chain belongs to; everything happens in one transaction and the sequence is unique, so of two instances taking the
/// same checkpoint one stores it and the other gets null.
/// </summary>
public static class RegisterCheckpoints
{
    public static async Task<RegisterCheckpoint?> TakeAsync(RegistryDbContext db, IRegistryKeys keys, DateTime now, CancellationToken cancellationToken)
    {
        using var signer = await keys.SignerAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var previous = await db.RegisterCheckpoints.AsNoTracking().OrderByDescending(c => c.Sequence)
            .Select(c => new { c.Sequence, c.Hash }).FirstOrDefaultAsync(cancellationToken);
        var sequence = (previous?.Sequence ?? 0) + 1;
        var genesis = RegisterChain.Genesis;
        try
        {
            // One statement, so the heads are those of one moment: each unit whose head is not the one the last
            // checkpoint recorded for it.
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO register_checkpoint_heads (unit_code, checkpoint_sequence, entry_count, head)
                SELECT u.unit_code, {sequence}, u.register_entry_count, COALESCE(u.register_head, {genesis})
                FROM units u
                WHERE NOT EXISTS (
                    SELECT 1 FROM register_checkpoint_heads h
                    WHERE h.unit_code = u.unit_code AND h.entry_count = u.register_entry_count
                      AND h.head = COALESCE(u.register_head, {genesis})
                      AND h.checkpoint_sequence = (SELECT MAX(l.checkpoint_sequence) FROM register_checkpoint_heads l WHERE l.unit_code = u.unit_code))
                """, cancellationToken);
            var heads = new CheckpointHeads(sequence);
            var (root, units, entries) = await heads.RollUpAsync(db, cancellationToken);
            var payload = new CheckpointPayload(sequence, RegisterChain.Normalise(now), units, entries, root, previous?.Hash ?? CheckpointPayload.Genesis,
                signer.KeyId, signer.Algorithm).ToJson();
            var checkpoint = new RegisterCheckpoint
            {
                Sequence = sequence,
                TakenAt = RegisterChain.Normalise(now),
                UnitCount = units,
                EntryCount = entries,
                Root = root,
                PreviousHash = previous?.Hash ?? CheckpointPayload.Genesis,
                Hash = CheckpointPayload.Hash(payload),
                Payload = payload,
                KeyId = signer.KeyId,
                Signature = signer.Sign(payload),
            };
            db.RegisterCheckpoints.Add(checkpoint);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return checkpoint;
        }
        catch (Exception e) when (e is DbUpdateException update && update.IsUniqueViolation() || e is System.Data.Common.DbException db2 && db2.IsUniqueViolation())
        {
            // Another instance took this checkpoint first.
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return null;
        }
    }

    /// <summary>The newest checkpoint, or null before the first.</summary>
    public static Task<RegisterCheckpoint?> LatestAsync(RegistryDbContext db, CancellationToken cancellationToken) =>
        db.RegisterCheckpoints.AsNoTracking().OrderByDescending(c => c.Sequence).FirstOrDefaultAsync(cancellationToken);

    /// <summary>A checkpoint (the newest when <paramref name="sequence"/> is null) ready to keep elsewhere, or null.</summary>
    public static async Task<ExportedCheckpoint?> ExportAsync(RegistryDbContext db, long? sequence, CancellationToken cancellationToken)
    {
        var checkpoint = sequence is { } n
            ? await db.RegisterCheckpoints.AsNoTracking().SingleOrDefaultAsync(c => c.Sequence == n, cancellationToken)
            : await LatestAsync(db, cancellationToken);
        if (checkpoint is null)
        {
            return null;
        }
        var key = await DatabaseRegistryKeys.PublicKeyAsync(db, checkpoint.KeyId, cancellationToken);
        return Export(checkpoint, key?.Algorithm ?? "", key?.PublicKey ?? "");
    }

    public static ExportedCheckpoint Export(RegisterCheckpoint checkpoint, string algorithm, string publicKey) => new(
        checkpoint.Sequence, DateTime.SpecifyKind(checkpoint.TakenAt, DateTimeKind.Utc), checkpoint.UnitCount, checkpoint.EntryCount,
        checkpoint.Root, checkpoint.PreviousHash, checkpoint.Hash, checkpoint.KeyId, algorithm, publicKey, checkpoint.Payload, checkpoint.Signature);
}

/// <summary>
/// The unit heads checkpoint <see cref="Sequence"/> recorded: per unit, the stored head with the highest checkpoint
/// sequence not after it. Read in unit code order, streamed.
/// </summary>
public sealed class CheckpointHeads(long sequence)
{
    public long Sequence => sequence;

    private IQueryable<RegisterCheckpointHead> Query(RegistryDbContext db) =>
        db.RegisterCheckpointHeads.AsNoTracking().Where(h => h.CheckpointSequence == db.RegisterCheckpointHeads
            .Where(l => l.UnitCode == h.UnitCode && l.CheckpointSequence <= sequence).Max(l => l.CheckpointSequence));

    public async IAsyncEnumerable<CheckpointLeaf> AllAsync(RegistryDbContext db, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var head in Query(db).OrderBy(h => h.UnitCode).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return new CheckpointLeaf(head.UnitCode, head.EntryCount, head.Head);
        }
    }

    /// <summary>The root, unit count and entry count the heads roll up to.</summary>
    public async Task<(string Root, long Units, long Entries)> RollUpAsync(RegistryDbContext db, CancellationToken cancellationToken)
    {
        using var root = new CheckpointRoot();
        await foreach (var leaf in AllAsync(db, cancellationToken))
        {
            root.Add(leaf);
        }
        return (root.Complete(), root.UnitCount, root.EntryCount);
    }

    public async Task<Dictionary<string, CheckpointLeaf>> ForUnitsAsync(RegistryDbContext db, string[] unitCodes, CancellationToken cancellationToken) =>
        (await Query(db).Where(h => unitCodes.Contains(h.UnitCode)).ToListAsync(cancellationToken))
            .ToDictionary(h => h.UnitCode, h => new CheckpointLeaf(h.UnitCode, h.EntryCount, h.Head), StringComparer.Ordinal);

    /// <summary>Units the checkpoint recorded that the register no longer has.</summary>
    public Task<List<string>> MissingUnitsAsync(RegistryDbContext db, CancellationToken cancellationToken) =>
        Query(db).Where(h => !db.Units.Any(u => u.UnitCode == h.UnitCode)).OrderBy(h => h.UnitCode).Select(h => h.UnitCode).ToListAsync(cancellationToken);
}
