using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using OneWindow.Api.Caching;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Events;
using OneWindow.Domain.Register;

namespace OneWindow.Api.Data.Register;

/// <summary>
/// Changes the register (登簿): rights and restrictions are added or ended together with their hash-chained entries,
/// in one transaction, and the units' cached reads are invalidated on every instance after it commits. A change
/// either is stored whole or not at all; two changes to one unit at once cannot both append (the unit's entry
/// count is a concurrency token). Other rows changed on the same context (an application's status) are saved in
/// the same transaction, and so are the change's events (<see cref="RegisterEvents"/>).
/// </summary>
public sealed class RegisterWriter(RegistryDbContext db, RegistryCache cache, TimeProvider time)
{
    /// <summary>Starts a change; add to it, then <see cref="RegisterChange.CommitAsync"/>.</summary>
    public async Task<RegisterChange> BeginAsync(CancellationToken cancellationToken)
    {
        // The change owns its transaction: the caches may only be invalidated once it has committed.
        if (db.Database.CurrentTransaction is not null)
        {
            throw new InvalidOperationException("A register change runs in its own transaction.");
        }
        return new RegisterChange(db, cache, time, await db.Database.BeginTransactionAsync(cancellationToken));
    }
}

public sealed class RegisterChange : IAsyncDisposable
{
    private readonly RegistryDbContext _db;
    private readonly RegistryCache _cache;
    private readonly IDbContextTransaction _transaction;
    private readonly List<PendingEntry> _entries = [];
    private readonly Dictionary<long, RealEstateUnit> _units = [];
    private readonly List<RealEstateUnit> _newUnits = [];
    private readonly HashSet<string> _cacheKeys = new(StringComparer.Ordinal);

    internal RegisterChange(RegistryDbContext db, RegistryCache cache, TimeProvider time, IDbContextTransaction transaction)
    {
        _db = db;
        _cache = cache;
        _transaction = transaction;
        Now = time.GetUtcNow().UtcDateTime;
    }

    /// <summary>The time every entry of this change is recorded at.</summary>
    public DateTime Now { get; }

    /// <summary>The units that exist among <paramref name="unitCodes"/>, tracked, in one statement.</summary>
    public async Task<IReadOnlyDictionary<string, RealEstateUnit>> UnitsAsync(IReadOnlyCollection<string> unitCodes, CancellationToken cancellationToken)
    {
        var codes = unitCodes.Distinct(StringComparer.Ordinal).ToArray();
        var units = await _db.Units.Where(u => codes.Contains(u.UnitCode)).ToDictionaryAsync(u => u.UnitCode, StringComparer.Ordinal, cancellationToken);
        foreach (var unit in units.Values)
        {
            _units[unit.Id] = unit;
        }
        return units;
    }

    /// <summary>A unit entering the register (a new building's first registration): its entries start a new chain.</summary>
    public void AddUnit(RealEstateUnit unit)
    {
        _db.Units.Add(unit);
        _newUnits.Add(unit);
        _entries.Add(new(_ => RegisterAppend.UnitEntered(unit, Now), () => [], null));
    }

    /// <summary>The unit, tracked, so its chain head can move.</summary>
    public async Task<RealEstateUnit?> UnitAsync(string unitCode, CancellationToken cancellationToken)
    {
        var unit = await _db.Units.SingleOrDefaultAsync(u => u.UnitCode == unitCode, cancellationToken);
        if (unit is not null)
        {
            _units[unit.Id] = unit;
        }
        return unit;
    }

    /// <summary>
    /// The unit's attributes (area, use, …) changed on the tracked row: a new entry records them as they now are; the
    /// entries before it keep what they were (变更登记, 更正登记).
    /// </summary>
    public void ChangeUnit(RealEstateUnit unit, string? businessNumber)
    {
        _units[unit.Id] = unit;
        _entries.Add(new(_ => RegisterAppend.UnitChanged(unit, businessNumber, Now), () => [], null));
    }

    /// <param name="transfer">
    /// The right is the new owners' title of a transfer (转移, 协助执行, 带押过户): the mortgagees of record whose mortgages
    /// stay on the unit are told of it with the entry (Civil Code art. 406, <see cref="RegisterEvents"/>).
    /// </param>
    public void AddRight(RealEstateUnit unit, Right right, bool transfer = false)
    {
        right.Unit = unit;
        right.Status = RightStatus.Active;
        right.RegisteredAt = Now;
        _db.Rights.Add(right);
        _units[unit.Id] = unit;
        Add(parties => RegisterAppend.RightRegistered(unit, right, parties, Now), () => right.Holders.Select(h => h.PartyId),
            new(unit, RegisterEntryKind.RightRegistered, right, null, right.BusinessNumber, transfer));
    }

    public async Task EndRightAsync(RealEstateUnit unit, Right right, string? businessNumber, CancellationToken cancellationToken)
    {
        // The entry records the right with its holders.
        await _db.Entry(right).Collection(r => r.Holders).LoadAsync(cancellationToken);
        right.Status = RightStatus.Ended;
        right.EndedAt = Now;
        _units[unit.Id] = unit;
        Add(parties => RegisterAppend.RightEnded(unit, right, parties, businessNumber, Now), () => right.Holders.Select(h => h.PartyId),
            new(unit, RegisterEntryKind.RightEnded, right, null, businessNumber));
    }

    public void AddRestriction(RealEstateUnit unit, Restriction restriction)
    {
        restriction.Unit = unit;
        restriction.Status = RestrictionStatus.Active;
        restriction.RegisteredAt = Now;
        _db.Restrictions.Add(restriction);
        _units[unit.Id] = unit;
        Add(parties => RegisterAppend.RestrictionRegistered(unit, restriction, parties, Now), () => Beneficiary(restriction),
            new(unit, RegisterEntryKind.RestrictionRegistered, null, restriction, restriction.BusinessNumber));
    }

    public void ReleaseRestriction(RealEstateUnit unit, Restriction restriction, string? businessNumber, string? releaseDocumentNumber)
    {
        restriction.Status = RestrictionStatus.Released;
        restriction.ReleasedAt = Now;
        restriction.ReleaseDocumentNumber = releaseDocumentNumber;
        _units[unit.Id] = unit;
        Add(parties => RegisterAppend.RestrictionReleased(unit, restriction, parties, businessNumber, Now), () => Beneficiary(restriction),
            new(unit, RegisterEntryKind.RestrictionReleased, null, restriction, businessNumber));
    }

    /// <summary>A right in force changed (a mortgage's obligors): an entry records it with its holders as they now are.</summary>
    public void AmendRight(RealEstateUnit unit, Right right, string? businessNumber)
    {
        _units[unit.Id] = unit;
        Add(parties => RegisterAppend.RightAmended(unit, right, parties, businessNumber, Now), () => right.Holders.Select(h => h.PartyId),
            new(unit, RegisterEntryKind.RightAmended, right, null, businessNumber));
    }

    /// <summary>A restriction in force changed (an objection's lawsuit recorded): an entry records its new state.</summary>
    public void AmendRestriction(RealEstateUnit unit, Restriction restriction, string? businessNumber)
    {
        _units[unit.Id] = unit;
        Add(parties => RegisterAppend.RestrictionAmended(unit, restriction, parties, businessNumber, Now), () => Beneficiary(restriction),
            new(unit, RegisterEntryKind.RestrictionAmended, null, restriction, businessNumber));
    }

    /// <summary>
    /// Stores the rows, then the entries (which hash the rows' ids), inside the change's transaction: the change can
    /// be read back (e.g. for the answer) before <see cref="CommitAsync"/>.
    /// </summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _db.SaveChangesAsync(cancellationToken);
        // The identities the entries record, read as stored (the rows are saved, so every party has its id).
        var ids = _entries.SelectMany(e => e.PartyIds()).Distinct().ToArray();
        var identities = (await _db.Parties.AsNoTracking().Where(p => ids.Contains(p.Id)).ToListAsync(cancellationToken))
            .ToDictionary(p => p.Id, RegisterSnapshots.Identity);
        // In the order they were made: each entry takes the chain head the one before it left.
        var facts = new List<RegisterFact>();
        foreach (var entry in _entries)
        {
            var created = entry.Create(id => identities[id]);
            _db.RegisterEntries.Add(created);
            if (entry.Fact is { } fact)
            {
                facts.Add(fact with { Entry = created });
            }
        }
        _entries.Clear();
        // The change's events, with their audience as the rows now stand and the entries they report, saved with them.
        await RegisterEvents.AddAsync(_db, facts, Now, cancellationToken);
        await _db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Another cached read this change makes stale (a certificate whose status follows the register): its version
    /// token changes with the units' after the commit.
    /// </summary>
    public void InvalidateAfterCommit(string cacheKey) => _cacheKeys.Add(cacheKey);

    /// <summary>
    /// Flushes what is pending, commits, and invalidates the units' cached reads. Throws
    /// <see cref="DbUpdateConcurrencyException"/> when another change appended to one of the units first.
    /// </summary>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken);
        await _transaction.CommitAsync(cancellationToken);
        await _cache.InvalidateUnitsAsync([.. _units.Values.Concat(_newUnits).Select(u => u.UnitCode).Concat(_cacheKeys).Distinct()], cancellationToken);
    }

    public ValueTask DisposeAsync() => _transaction.DisposeAsync();

    private static IEnumerable<long> Beneficiary(Restriction restriction) =>
        restriction.BeneficiaryPartyId is { } id ? [id] : [];

    private void Add(Func<Func<long, PartyIdentity>, RegisterEntry> create, Func<IEnumerable<long>> partyIds, RegisterFact fact) =>
        _entries.Add(new(create, partyIds, fact));

    /// <summary>An entry to append once the rows are saved, the parties whose identities it records, and what it reports as an event.</summary>
    private sealed record PendingEntry(Func<Func<long, PartyIdentity>, RegisterEntry> Create, Func<IEnumerable<long>> PartyIds, RegisterFact? Fact);
}
