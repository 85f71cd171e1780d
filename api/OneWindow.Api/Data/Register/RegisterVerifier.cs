using Microsoft.EntityFrameworkCore;
using OneWindow.Domain.Register;

namespace OneWindow.Api.Data.Register;

/// <summary>
/// Checks a unit's register: the hash chain of its entries (RegisterChain), and that every right and restriction
/// on the unit is exactly what the register's newest entry about it recorded.
/// </summary>
public static class RegisterVerifier
{
    public const string StateMismatch = "STATE_MISMATCH";
    public const string Unrecorded = "UNRECORDED";

    public static async Task<IReadOnlyList<ChainProblem>?> VerifyUnitAsync(RegistryDbContext db, string unitCode, CancellationToken cancellationToken)
    {
        var unit = await db.Units.AsNoTracking()
            .Where(u => u.UnitCode == unitCode)
            .Select(u => new { u.Id, u.UnitCode, u.RegisterHead, u.RegisterEntryCount })
            .SingleOrDefaultAsync(cancellationToken);
        if (unit is null)
        {
            return null;
        }
        var entries = await db.RegisterEntries.AsNoTracking().Where(e => e.UnitId == unit.Id).OrderBy(e => e.Sequence).ToListAsync(cancellationToken);
        var problems = RegisterChain.Verify(
            unit.UnitCode,
            entries.Select(e => new ChainedEntry(e.Sequence, e.Kind.ToString(), e.BusinessNumber, DateTime.SpecifyKind(e.RecordedAt, DateTimeKind.Utc), e.Content, e.PreviousHash, e.Hash)),
            unit.RegisterHead,
            unit.RegisterEntryCount).ToList();

        var rights = await db.Rights.AsNoTracking().Include(r => r.Holders).Where(r => r.UnitId == unit.Id).ToListAsync(cancellationToken);
        foreach (var right in rights)
        {
            var recorded = entries.LastOrDefault(e => e.RightId == right.Id);
            Compare(problems, recorded?.Sequence, recorded?.Content, RegisterSnapshots.Of(right), $"right {right.Id}");
        }
        var restrictions = await db.Restrictions.AsNoTracking().Where(r => r.UnitId == unit.Id).ToListAsync(cancellationToken);
        foreach (var restriction in restrictions)
        {
            var recorded = entries.LastOrDefault(e => e.RestrictionId == restriction.Id);
            Compare(problems, recorded?.Sequence, recorded?.Content, RegisterSnapshots.Of(restriction), $"restriction {restriction.Id}");
        }
        return problems;
    }

    private static void Compare(List<ChainProblem> problems, int? sequence, string? recorded, string current, string what)
    {
        if (recorded is null)
        {
            problems.Add(new ChainProblem(0, Unrecorded, $"{what} has no register entry"));
        }
        else if (recorded != current)
        {
            problems.Add(new ChainProblem(sequence ?? 0, StateMismatch, $"{what} differs from what entry {sequence} recorded"));
        }
    }
}
