using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Caching;
using OneWindow.Api.Data;
using OneWindow.Api.Data.Entities;
using OneWindow.Domain.Restrictions;

namespace OneWindow.Api.Features.Properties;

/// <summary>
/// Reads property views by unit code: from the cache when the unit's version token is current, else from the
/// database — any number of units in one statement (units with parcel and building, rights in force with their
/// holders, restrictions in force with their beneficiary), whatever their count. Views are cached unmasked and
/// shared by every caller: PropertyDisclosure masks per caller when it makes a response.
/// </summary>
public sealed class PropertyViewStore(IServiceScopeFactory scopes, RegistryCache cache)
{
    /// <summary>The cache key's kind; it names the view's shape, so a host reading another shape never meets its entries.</summary>
    private const string CacheKind = "property-v3";

    /// <summary>The views of the units that exist, keyed by unit code.</summary>
    public async Task<IReadOnlyDictionary<string, PropertyView>> GetAsync(IReadOnlyList<string> unitCodes, CancellationToken cancellationToken)
    {
        if (unitCodes.Count == 0)
        {
            return new Dictionary<string, PropertyView>();
        }
        return await cache.GetManyAsync(unitCodes, CacheKind, LoadAsync, cancellationToken);
    }

    public async Task<PropertyView?> GetAsync(string unitCode, CancellationToken cancellationToken) =>
        (await GetAsync([unitCode], cancellationToken)).GetValueOrDefault(unitCode);

    /// <summary>
    /// The units with their parcel and building, rights in force with their holders, and restrictions in force with
    /// their beneficiary, in one statement (a single query: the two collections are joined, not split), so an uncached
    /// read costs one round trip and one plan (docs/decisions/0028).
    /// </summary>
    private async Task<IReadOnlyDictionary<string, PropertyView>> LoadAsync(IReadOnlyList<string> unitCodes, CancellationToken cancellationToken)
    {
        // A context of its own, taken only on a miss: a cached read never rents one from the pool.
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var query = db.Units.AsNoTracking();
        if (unitCodes.Count == 1)
        {
            // One unit (every uncached single read) compares with a scalar: a prepared statement's generic plan then
            // knows it finds at most one unit, where an array of unknown length may make it hash whole tables.
            var unitCode = unitCodes[0];
            query = query.Where(u => u.UnitCode == unitCode);
        }
        else
        {
            query = query.Where(u => unitCodes.Contains(u.UnitCode));
        }
        var units = await query
            .Select(u => new
            {
                u.Id, u.UnitCode, u.Location, u.Area, u.InteriorArea, u.Use, u.Kind, u.Floor, u.RoomNumber,
                Parcel = new ParcelView(u.Parcel!.ParcelCode, u.Parcel.Location, u.Parcel.LandArea, u.Parcel.LandUse, u.Parcel.LandRightNature, u.Parcel.LandTermEnd),
                Building = u.Building == null ? null : new BuildingView(u.Building.BuildingNumber, u.Building.Name, u.Building.Floors, u.Building.Stage),
                Rights = u.Rights.Where(r => r.Status == RightStatus.Active).Select(r => new
                {
                    r.Id, r.UnitId, r.Kind, r.MortgageKind, r.CoOwnership, r.CertificateNumber, r.SecuredAmountFen, r.TermStart, r.TermEnd,
                    r.Nature, r.Notes, r.RegisteredAt, r.TransferAgreement,
                    Holders = r.Holders.Select(h => new
                    {
                        h.Position,
                        View = new HolderView(h.PartyId, h.Party!.Kind, h.Party.Name, h.Party.IdType, h.Party.IdNumber, h.Role, h.SharePercent, h.Party.Nationality),
                    }).ToList(),
                }).ToList(),
                Restrictions = u.Restrictions.Where(r => r.Status == RestrictionStatus.Active).Select(r => new
                {
                    r.UnitId, r.Id, r.Kind, r.Authority, r.DocumentNumber, r.StartsOn, r.EndsOn, r.Notes, r.RegisteredAt, r.RightId,
                    Beneficiary = r.BeneficiaryParty == null ? null : new { r.BeneficiaryParty.Kind, r.BeneficiaryParty.Name, r.BeneficiaryParty.IdNumber },
                }).ToList(),
            })
            .AsSingleQuery()
            .ToListAsync(cancellationToken);
        if (units.Count == 0)
        {
            return new Dictionary<string, PropertyView>();
        }
        // A right is shown with its holders in position order; one without holders is not shown.
        var holders = units
            .SelectMany(u => u.Rights)
            .Where(r => r.Holders.Count > 0)
            .OrderBy(r => r.Id)
            .SelectMany(r => r.Holders.OrderBy(h => h.Position).Select(h => (Right: r, Holder: h.View)))
            .ToList();
        var restrictions = units
            .SelectMany(u => u.Restrictions)
            .OrderBy(r => r.RegisteredAt).ThenBy(r => r.Id)
            .ToList();
        var rightParties = holders.ToLookup(h => h.Right.Id, h => h.Holder);

        var rightsByUnit = holders
            .GroupBy(h => h.Right.Id)
            .Select(g =>
            {
                var r = g.First().Right;
                return (r.UnitId, View: new RightView(
                    r.Id, r.Kind, r.MortgageKind, r.CoOwnership, r.CertificateNumber, r.SecuredAmountFen, r.TermStart, r.TermEnd,
                    r.Nature, r.Notes, Utc(r.RegisteredAt), [.. g.Select(h => h.Holder)], r.TransferAgreement));
            })
            .ToLookup(r => r.UnitId, r => r.View);
        var restrictionsByUnit = restrictions.ToLookup(r => r.UnitId, r =>
        {
            var (names, idNumbers) = r.Kind switch
            {
                // The authority lists the buyers (、-separated) or is the objector; the beneficiary is the first of them.
                RestrictionKind.AdvanceNotice or RestrictionKind.Objection => (
                    r.Authority.Split('、', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                        .Where(n => !(r.Beneficiary is { Kind: PartyKind.Organisation } b && b.Name == n))
                        .Concat(r.Beneficiary is { Kind: PartyKind.Person } p ? new[] { p.Name } : [])
                        .ToList(),
                    r.Beneficiary is { Kind: PartyKind.Person } person ? [person.IdNumber] : new List<string>()),
                // A mortgage mirrors its right: a person mortgagee, and the mortgagors.
                RestrictionKind.Mortgage when r.RightId is { } right => (
                    rightParties[right].Where(h => h.PartyKind == PartyKind.Person).Select(h => h.Name).ToList(),
                    rightParties[right].Where(h => h.PartyKind == PartyKind.Person && h.Role == HolderRole.Holder).Select(h => h.IdNumber).ToList()),
                _ => (new List<string>(), new List<string>()),
            };
            // An advance notice's last day follows from the unit's ownership (Civil Code art. 221, AdvanceNoticeLapse).
            var endsOn = r.Kind == RestrictionKind.AdvanceNotice
                ? AdvanceNoticeLapse.EndsOn(r.StartsOn, rightsByUnit[r.UnitId].Where(v => v.Kind != RightKind.Mortgage).Select(v => (DateTime?)v.RegisteredAt).Min())
                : r.EndsOn;
            return new RestrictionView(
                r.Id, r.Kind, r.Authority, r.DocumentNumber, r.StartsOn, endsOn, r.Notes, Utc(r.RegisteredAt), r.RightId,
                [.. names.Distinct(StringComparer.Ordinal)], [.. idNumbers.Distinct(StringComparer.Ordinal)]);
        });

        return units.ToDictionary(
            u => u.UnitCode,
            u => new PropertyView(
                u.Id, u.UnitCode, u.Location, u.Area, u.InteriorArea, u.Use, u.Kind, u.Floor, u.RoomNumber, u.Parcel, u.Building,
                [.. rightsByUnit[u.Id].OrderBy(r => r.RegisteredAt)],
                [.. restrictionsByUnit[u.Id]]),
            StringComparer.Ordinal);
    }

    /// <summary>SQLite gives times back without a kind; they were stored in UTC.</summary>
    private static DateTime Utc(DateTime time) => DateTime.SpecifyKind(time, DateTimeKind.Utc);
}
