using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Data.Entities;
using OneWindow.Domain.Register;

namespace OneWindow.Api.Data.Register;

/// <summary>A problem of the register as a whole (its checkpoint), not of one unit.</summary>
public sealed record RegisterProblem(string Code, string Detail);

/// <summary>What the check of a checkpoint found: which one, from where, and whether it holds.</summary>
public sealed record CheckpointCheck(long Sequence, DateTime TakenAt, string KeyId, string Source, bool SignatureValid, bool HeadsRollUp);

/// <summary>
/// The answer of a register check: every unit that does not match (<see cref="UnitsNotMatching"/>) with what is wrong,
/// the register-wide problems, the checkpoint checked against, and how long it took.
/// </summary>
public sealed record RegisterVerificationReport(
    DateTime CheckedAt,
    string? UnitCode,
    long UnitsChecked,
    bool Intact,
    IReadOnlyList<string> UnitsNotMatching,
    IReadOnlyList<UnitProblem> Problems,
    IReadOnlyList<RegisterProblem> RegisterProblems,
    CheckpointCheck? Checkpoint,
    long ElapsedMilliseconds);

/// <summary>
/// Checks one unit or the whole register: each unit's chain and state (RegisterVerifier), and the chain heads against
/// a signed checkpoint — the newest one in the database, or one kept elsewhere and given back. Units are read a batch
/// at a time, in id order; the checkpoint's heads are streamed once to check that they roll up to its signed root.
/// </summary>
public static class RegisterVerification
{
    public const string SignatureInvalid = "CHECKPOINT_SIGNATURE_INVALID";
    public const string KeyUnknown = "CHECKPOINT_KEY_UNKNOWN";
    public const string HeadsMismatch = "CHECKPOINT_HEADS_MISMATCH";
    public const string LinkBroken = "CHECKPOINT_LINK_BROKEN";
    public const string Malformed = "CHECKPOINT_MALFORMED";

    /// <summary>The report, or null when <paramref name="unitCode"/> names no unit.</summary>
    public static async Task<RegisterVerificationReport?> RunAsync(
        RegistryDbContext db, string? unitCode, ExportedCheckpoint? against, DateTime now, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var registerProblems = new List<RegisterProblem>();
        var problems = new List<UnitProblem>();
        long checkedUnits = 0;

        RealEstateUnit? single = null;
        if (unitCode is not null && (single = await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.UnitCode == unitCode, cancellationToken)) is null)
        {
            return null;
        }

        var (check, heads) = await CheckCheckpointAsync(db, against, registerProblems, cancellationToken);
        if (single is not null)
        {
            problems.AddRange(await RegisterVerifier.VerifyBatchAsync(db, [single], heads, cancellationToken));
            checkedUnits = 1;
        }
        else
        {
            var after = 0L;
            while (true)
            {
                var batch = await db.Units.AsNoTracking().Where(u => u.Id > after).OrderBy(u => u.Id).Take(RegisterVerifier.BatchSize).ToListAsync(cancellationToken);
                if (batch.Count == 0)
                {
                    break;
                }
                problems.AddRange(await RegisterVerifier.VerifyBatchAsync(db, batch, heads, cancellationToken));
                checkedUnits += batch.Count;
                after = batch[^1].Id;
                // Only the batch's rows are kept: the context tracks nothing (AsNoTracking).
            }
            if (heads is not null)
            {
                foreach (var missing in await heads.MissingUnitsAsync(db, cancellationToken))
                {
                    problems.Add(new UnitProblem(missing, 0, RegisterVerifier.UnitMissing, $"checkpoint {heads.Sequence} recorded this unit; the register no longer has it"));
                }
            }
        }

        var names = problems.Select(p => p.UnitCode).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return new RegisterVerificationReport(
            now, unitCode, checkedUnits, names.Count == 0 && registerProblems.Count == 0, names, problems, registerProblems, check, clock.ElapsedMilliseconds);
    }

    /// <summary>
    /// Checks the checkpoint (signature, link to the one before, its heads rolling up to its root) and gives the heads
    /// to check units against — null when there is no checkpoint or its heads cannot be trusted.
    /// </summary>
    private static async Task<(CheckpointCheck?, CheckpointHeads?)> CheckCheckpointAsync(
        RegistryDbContext db, ExportedCheckpoint? against, List<RegisterProblem> problems, CancellationToken cancellationToken)
    {
        string payloadJson, signature, algorithm, publicKey, source;
        if (against is not null)
        {
            (payloadJson, signature, algorithm, publicKey, source) = (against.Payload, against.Signature, against.Algorithm, against.PublicKey, "file");
        }
        else
        {
            var stored = await RegisterCheckpoints.LatestAsync(db, cancellationToken);
            if (stored is null)
            {
                return (null, null);
            }
            var key = await DatabaseRegistryKeys.PublicKeyAsync(db, stored.KeyId, cancellationToken);
            if (key is null)
            {
                problems.Add(new(KeyUnknown, $"checkpoint {stored.Sequence} names key {stored.KeyId}, which the register does not hold"));
            }
            (payloadJson, signature, algorithm, publicKey, source) = (stored.Payload, stored.Signature, key?.Algorithm ?? "", key?.PublicKey ?? "", "database");
            await CheckLinkAsync(db, stored, problems, cancellationToken);
        }

        var payload = CheckpointPayload.Parse(payloadJson);
        if (payload is null)
        {
            problems.Add(new(Malformed, "the checkpoint's payload cannot be read"));
            return (null, null);
        }
        var signed = CheckpointSignature.Verify(payloadJson, signature, algorithm, publicKey);
        if (!signed)
        {
            problems.Add(new(SignatureInvalid, $"checkpoint {payload.Sequence}'s signature does not verify with key {payload.KeyId}: it was forged or edited"));
        }
        var heads = new CheckpointHeads(payload.Sequence);
        var (root, units, entries) = await heads.RollUpAsync(db, cancellationToken);
        var rollsUp = root == payload.Root && units == payload.UnitCount && entries == payload.EntryCount;
        if (!rollsUp)
        {
            problems.Add(new(HeadsMismatch,
                $"the unit heads the register keeps for checkpoint {payload.Sequence} ({units} units, {entries} entries) do not roll up to its signed root ({payload.UnitCount} units, {payload.EntryCount} entries): they were altered"));
        }
        var check = new CheckpointCheck(payload.Sequence, DateTime.SpecifyKind(payload.TakenAt, DateTimeKind.Utc), payload.KeyId, source, signed, rollsUp);
        // Heads are compared with units only when a valid signature vouches for them.
        return (check, signed && rollsUp ? heads : null);
    }

    /// <summary>The stored checkpoint's hash is its payload's, and it names the hash of the checkpoint before it.</summary>
    private static async Task CheckLinkAsync(RegistryDbContext db, RegisterCheckpoint stored, List<RegisterProblem> problems, CancellationToken cancellationToken)
    {
        var payload = CheckpointPayload.Parse(stored.Payload);
        var previous = await db.RegisterCheckpoints.AsNoTracking().Where(c => c.Sequence < stored.Sequence).OrderByDescending(c => c.Sequence)
            .Select(c => new { c.Sequence, c.Payload }).FirstOrDefaultAsync(cancellationToken);
        var expected = previous is null ? CheckpointPayload.Genesis : CheckpointPayload.Hash(previous.Payload);
        if (payload is not null && (payload.PreviousHash != expected || stored.Hash != CheckpointPayload.Hash(stored.Payload) || payload.Sequence != stored.Sequence))
        {
            problems.Add(new(LinkBroken, $"checkpoint {stored.Sequence} does not follow the checkpoint before it"));
        }
    }
}
