using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Data;
using OneWindow.Api.Data.Entities;
using OneWindow.Domain.Restrictions;
using OneWindow.Domain.Applications;

namespace OneWindow.Api.Features.Applications;

/// <summary>A unit as the register check sees it: its natural state, rights in force (with holders) and restrictions in force.</summary>
public sealed class UnitState(
    RealEstateUnit unit, IReadOnlyList<Right> rights, IReadOnlyList<Restriction> restrictions, bool parcelUnderConstruction, DateOnly today,
    IReadOnlyDictionary<long, MortgageAdvanceNoticePayload>? mortgageNotices = null)
{
    public RealEstateUnit Unit { get; } = unit;

    public IReadOnlyList<Right> Rights { get; } = rights;

    public IReadOnlyList<Restriction> Restrictions { get; } = restrictions;

    /// <summary>Whether a building on the unit's parcel is still under construction (在建).</summary>
    public bool ParcelUnderConstruction { get; } = parcelUnderConstruction;

    /// <summary>The ownership or land use right in force, if any.</summary>
    public Right? Ownership => Rights.FirstOrDefault(r => r.Kind != RightKind.Mortgage);

    public IEnumerable<Right> Mortgages => Rights.Where(r => r.Kind == RightKind.Mortgage);

    /// <summary>
    /// The restrictions in force on the day the register was read: not a seizure queued or dated later, not a lapsed
    /// seizure, objection or advance notice (RestrictionVerdict.IsInForce).
    /// </summary>
    public IReadOnlyList<Restriction> InForce { get; } = [.. restrictions.Where(r => RestrictionVerdict.IsInForce(
        new RestrictionInForce(r.Kind, r.StartsOn, EndsOn(r, rights)), today))];

    public bool Has(RestrictionKind kind) => InForce.Any(r => r.Kind == kind);

    /// <summary>
    /// The advance notices that are a bank's mortgage notice (预购商品房抵押预告登记), by restriction id, with what it
    /// secures; the other advance notices protect a purchase.
    /// </summary>
    public IReadOnlyDictionary<long, MortgageAdvanceNoticePayload> MortgageNotices { get; } = mortgageNotices ?? new Dictionary<long, MortgageAdvanceNoticePayload>();

    /// <summary>The purchase notices in force (advance notices that are not a mortgage notice).</summary>
    public IEnumerable<Restriction> PurchaseNoticesInForce =>
        InForce.Where(r => r.Kind == RestrictionKind.AdvanceNotice && !MortgageNotices.ContainsKey(r.Id));

    /// <summary>The restriction's last day: stored, or for an advance notice following from the ownership (AdvanceNoticeLapse).</summary>
    private static DateOnly? EndsOn(Restriction restriction, IEnumerable<Right> rights) =>
        restriction.Kind == RestrictionKind.AdvanceNotice
            ? AdvanceNoticeLapse.EndsOn(restriction.StartsOn, rights.Where(r => r.Kind != RightKind.Mortgage).Select(r => (DateTime?)DateTime.SpecifyKind(r.RegisteredAt, DateTimeKind.Utc)).Min())
            : restriction.EndsOn;

    /// <summary>The holders (权利人) of a right, as parties.</summary>
    public static IEnumerable<Party> HoldersOf(Right right, HolderRole role = HolderRole.Holder) =>
        right.Holders.Where(h => h.Role == role).OrderBy(h => h.Position).Select(h => h.Party!);
}

/// <summary>
/// The register as a set of submissions needs it, read in a fixed handful of statements whatever the number of units
/// (a bulk of 1,000 mortgages or a building of 2,000 units): the units, their rights in force with holders, their
/// restrictions in force, and the applications still open for them.
/// </summary>
public sealed class RegisterState
{
    private readonly Dictionary<string, UnitState> _units;
    private readonly HashSet<(string UnitCode, string Group)> _open;

    private RegisterState(DateOnly today, Dictionary<string, UnitState> units, HashSet<(string, string)> open)
    {
        Today = today;
        _units = units;
        _open = open;
    }

    /// <summary>The day the register was read on (China time): what is in force is decided for this day.</summary>
    public DateOnly Today { get; }

    public UnitState? Unit(string unitCode) => _units.GetValueOrDefault(unitCode);

    /// <summary>Whether an application of <paramref name="group"/> is open for the unit (stored before this check).</summary>
    public bool HasOpenApplication(string unitCode, string group) => _open.Contains((unitCode, group));

    /// <param name="loaded">
    /// The units of <paramref name="unitCodes"/> that exist, when the caller has read them already (the entry in the
    /// register reads them tracked first); otherwise they are read here.
    /// </param>
    public static async Task<RegisterState> LoadAsync(
        RegistryDbContext db, DateOnly today, IReadOnlyCollection<string> unitCodes, CancellationToken cancellationToken, long? exceptApplicationId = null,
        IEnumerable<RealEstateUnit>? loaded = null)
    {
        var codes = unitCodes.Distinct(StringComparer.Ordinal).ToArray();
        if (codes.Length == 0)
        {
            return new RegisterState(today, [], []);
        }
        var units = loaded?.ToList() ?? await db.Units.AsNoTracking()
            .Where(u => codes.Contains(u.UnitCode))
            .ToListAsync(cancellationToken);
        var ids = units.Select(u => u.Id).ToArray();
        var rights = await db.Rights.AsNoTracking()
            .Where(r => ids.Contains(r.UnitId) && r.Status == RightStatus.Active)
            .Include(r => r.Holders).ThenInclude(h => h.Party)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        var restrictions = await db.Restrictions.AsNoTracking()
            .Where(r => ids.Contains(r.UnitId) && r.Status == RestrictionStatus.Active)
            .Include(r => r.BeneficiaryParty)
            .ToListAsync(cancellationToken);
        var parcels = units.Select(u => u.ParcelId).Distinct().ToArray();
        var underConstruction = (await db.Buildings.AsNoTracking()
            .Where(b => parcels.Contains(b.ParcelId) && b.Stage == BuildingStage.UnderConstruction)
            .Select(b => b.ParcelId)
            .Distinct()
            .ToListAsync(cancellationToken)).ToHashSet();
        var open = await db.ApplicationUnits.AsNoTracking()
            .Where(a => a.IsOpen && codes.Contains(a.UnitCode) && a.ApplicationId != exceptApplicationId)
            .Select(a => new { a.UnitCode, a.ConflictGroup })
            .ToListAsync(cancellationToken);

        // An advance notice entered by a mortgage notice application is the bank's; its application holds what it secures.
        var noticeNumbers = restrictions.Where(r => r.Kind == RestrictionKind.AdvanceNotice && r.BusinessNumber != null).Select(r => r.BusinessNumber!).ToArray();
        var mortgageNotices = noticeNumbers.Length == 0 ? [] : (await db.Applications.AsNoTracking()
                .Where(a => noticeNumbers.Contains(a.BusinessNumber) && a.BusinessType == BusinessType.MortgageAdvanceNotice)
                .Select(a => new { a.BusinessNumber, a.Payload })
                .ToListAsync(cancellationToken))
            .ToDictionary(a => a.BusinessNumber, a => PayloadJson.Read<MortgageAdvanceNoticePayload>(a.Payload), StringComparer.Ordinal);
        var rightsByUnit = rights.ToLookup(r => r.UnitId);
        var restrictionsByUnit = restrictions.ToLookup(r => r.UnitId);
        return new RegisterState(
            today,
            units.ToDictionary(
                u => u.UnitCode,
                u => new UnitState(u, [.. rightsByUnit[u.Id]], [.. restrictionsByUnit[u.Id]], underConstruction.Contains(u.ParcelId), today,
                    restrictionsByUnit[u.Id].Where(r => r.BusinessNumber != null && mortgageNotices.ContainsKey(r.BusinessNumber))
                        .ToDictionary(r => r.Id, r => mortgageNotices[r.BusinessNumber!])),
                StringComparer.Ordinal),
            [.. open.Select(o => (o.UnitCode, o.ConflictGroup))]);
    }
}
