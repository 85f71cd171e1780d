using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Data.Entities;
using OneWindow.Domain.Register;

namespace OneWindow.Api.Data.Register;

/// <summary>What is wrong with one unit's register.</summary>
public sealed record UnitProblem(string UnitCode, int Sequence, string Code, string Detail);

/// <summary>
/// Checks units' registers: the hash chain of their entries (RegisterChain); that the unit's attributes, and every
/// right and restriction on it with its holders' identities, are exactly what the newest entry about them recorded;
/// and, given the heads a signed checkpoint recorded, that the chain still extends what the checkpoint signed.
/// Units are checked a batch at a time, a few statements per batch, so a whole register is streamed, never loaded.
/// </summary>
public static class RegisterVerifier
{
    public const string StateMismatch = "STATE_MISMATCH";
    public const string Unrecorded = "UNRECORDED";
    /// <summary>A unit the checkpoint recorded is no longer in the register.</summary>
    public const string UnitMissing = "UNIT_MISSING";

    /// <summary>Units per batch: bounds memory whatever the register's size.</summary>
    public const int BatchSize = 500;

    /// <summary>One unit's chain and state (no checkpoint), or null when there is no such unit.</summary>
    public static async Task<IReadOnlyList<ChainProblem>?> VerifyUnitAsync(RegistryDbContext db, string unitCode, CancellationToken cancellationToken)
    {
        var unit = await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.UnitCode == unitCode, cancellationToken);
        if (unit is null)
        {
            return null;
        }
        var problems = await VerifyBatchAsync(db, [unit], checkpoint: null, cancellationToken);
        return [.. problems.Select(p => new ChainProblem(p.Sequence, p.Code, p.Detail))];
    }

    /// <summary>
    /// Checks a batch of units (read without tracking). With <paramref name="checkpoint"/>, each unit's chain is also
    /// checked against the head the checkpoint recorded for it.
    /// </summary>
    public static async Task<IReadOnlyList<UnitProblem>> VerifyBatchAsync(
        RegistryDbContext db, IReadOnlyList<RealEstateUnit> units, CheckpointHeads? checkpoint, CancellationToken cancellationToken)
    {
        var ids = units.Select(u => u.Id).ToArray();
        var entries = (await db.RegisterEntries.AsNoTracking().Where(e => ids.Contains(e.UnitId)).ToListAsync(cancellationToken))
            .ToLookup(e => e.UnitId);
        var rights = (await db.Rights.AsNoTracking().Include(r => r.Holders).Where(r => ids.Contains(r.UnitId)).AsSplitQuery().ToListAsync(cancellationToken))
            .ToLookup(r => r.UnitId);
        var restrictions = (await db.Restrictions.AsNoTracking().Where(r => ids.Contains(r.UnitId)).ToListAsync(cancellationToken))
            .ToLookup(r => r.UnitId);
        var partyIds = rights.SelectMany(g => g).SelectMany(r => r.Holders).Select(h => h.PartyId)
            .Concat(restrictions.SelectMany(g => g).Where(r => r.BeneficiaryPartyId is not null).Select(r => r.BeneficiaryPartyId!.Value))
            .Distinct().ToArray();
        var parties = (await db.Parties.AsNoTracking().Where(p => partyIds.Contains(p.Id)).ToListAsync(cancellationToken))
            .ToDictionary(p => p.Id, RegisterSnapshots.Identity);
        var leaves = checkpoint is null ? null : await checkpoint.ForUnitsAsync(db, [.. units.Select(u => u.UnitCode)], cancellationToken);

        var problems = new List<UnitProblem>();
        foreach (var unit in units)
        {
            var unitEntries = entries[unit.Id].OrderBy(e => e.Sequence).ToList();
            var chained = unitEntries.Select(e => new ChainedEntry(
                e.Sequence, e.Kind.ToString(), e.BusinessNumber, DateTime.SpecifyKind(e.RecordedAt, DateTimeKind.Utc), e.Content, e.PreviousHash, e.Hash)).ToList();
            var found = RegisterChain.Verify(unit.UnitCode, chained, unit.RegisterHead, unit.RegisterEntryCount).ToList();

            var unitRecord = unitEntries.LastOrDefault(e => e.Kind is RegisterEntryKind.UnitEntered or RegisterEntryKind.UnitChanged);
            Compare(found, unitRecord, RegisterSnapshots.Of(unit), "the unit's attributes");
            foreach (var right in rights[unit.Id])
            {
                Compare(found, unitEntries.LastOrDefault(e => e.RightId == right.Id), RegisterSnapshots.Of(right, Identity(parties)), $"right {right.Id}");
            }
            foreach (var restriction in restrictions[unit.Id])
            {
                Compare(found, unitEntries.LastOrDefault(e => e.RestrictionId == restriction.Id), RegisterSnapshots.Of(restriction, Identity(parties)), $"restriction {restriction.Id}");
            }
            if (checkpoint is not null && RegisterChain.VerifyAgainstCheckpoint(leaves!.GetValueOrDefault(unit.UnitCode), chained, checkpoint.Sequence) is { } moved)
            {
                found.Add(moved);
            }
            problems.AddRange(found.Select(p => new UnitProblem(unit.UnitCode, p.Sequence, p.Code, p.Detail)));
        }
        return problems;
    }

    /// <summary>A party that has gone from the table gives an identity that matches nothing an entry recorded.</summary>
    private static Func<long, PartyIdentity> Identity(Dictionary<long, PartyIdentity> parties) =>
        id => parties.GetValueOrDefault(id) ?? new PartyIdentity("MISSING", "MISSING", "", "");

    private static void Compare(List<ChainProblem> problems, RegisterEntry? recorded, string current, string what)
    {
        if (recorded is null)
        {
            problems.Add(new ChainProblem(0, Unrecorded, $"{what}: no register entry records it"));
        }
        else if (recorded.Content != current)
        {
            problems.Add(new ChainProblem(recorded.Sequence, StateMismatch, $"{what} differs from what entry {recorded.Sequence} recorded"));
        }
    }
}
