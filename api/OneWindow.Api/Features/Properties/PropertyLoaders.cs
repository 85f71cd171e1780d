using GraphQL;
using GraphQL.DataLoader;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Auth;
using OneWindow.Api.Data;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.GraphQL.Schema;

namespace OneWindow.Api.Features.Properties;

/// <summary>Property views by unit code, batched per request (property, node, nodes).</summary>
public sealed class PropertyLoader(PropertyViewStore store, PropertyDisclosure disclosure)
{
    private readonly BatchLoader<string, PropertyView> _views = new(store.GetAsync);

    /// <summary>The unit as this caller may see it; null when it does not exist or they may not see it.</summary>
    public IDataLoaderResult<PropertyResponse?> Load(string unitCode, Caller caller) =>
        _views.Load(unitCode).Then(view => view is null ? null : disclosure.Respond(caller, view));
}

/// <summary>A unit's newest register entries, batched by unit: one statement for all units of a page, limited in SQL.</summary>
public sealed class RegisterHistoryLoader
{
    public sealed record Key(long UnitId, int Last);

    private readonly BatchLoader<Key, IReadOnlyList<RegisterEntryResponse>> _loader;

    public RegisterHistoryLoader(RegistryDbContext db)
    {
        _loader = new(async (keys, cancellationToken) =>
        {
            var ids = keys.Select(k => k.UnitId).Distinct().ToList();
            var last = keys.Max(k => k.Last);
            // Only the newest `last` entries leave the database: a unit's entries are numbered 1 … its entry count
            // (RegisterAppend; RegisterVerifier checks it), so they are those numbered above count − last.
            var entries = await db.RegisterEntries.AsNoTracking()
                .Where(e => ids.Contains(e.UnitId)
                    && e.Sequence > db.Units.Where(u => u.Id == e.UnitId).Select(u => u.RegisterEntryCount).First() - last)
                .Select(e => new { e.UnitId, e.Sequence, e.Kind, e.BusinessNumber, e.RecordedAt, e.RightId, e.RestrictionId, e.PreviousHash, e.Hash })
                .ToListAsync(cancellationToken);
            var byUnit = entries.ToLookup(e => e.UnitId);
            return keys.ToDictionary(
                k => k,
                k => (IReadOnlyList<RegisterEntryResponse>)[.. byUnit[k.UnitId]
                    .OrderByDescending(e => e.Sequence)
                    .Take(Math.Min(k.Last, last))
                    .Select(e => new RegisterEntryResponse(
                        e.Sequence, e.Kind, e.BusinessNumber, DateTime.SpecifyKind(e.RecordedAt, DateTimeKind.Utc),
                        e.RightId is { } r ? GlobalId.Encode(GlobalId.Right, r) : null,
                        e.RestrictionId is { } s ? GlobalId.Encode(GlobalId.Restriction, s) : null,
                        e.PreviousHash, e.Hash))]);
        });
    }

    public IDataLoaderResult<IReadOnlyList<RegisterEntryResponse>> Load(Key key) => _loader.Load(key).Then(list => list ?? []);
}

/// <summary>One entry of a unit's register.</summary>
public sealed record RegisterEntryResponse(
    int Sequence, RegisterEntryKind Kind, string? BusinessNumber, DateTime RecordedAt, string? RightId, string? RestrictionId, string PreviousHash, string Hash);

public sealed class RegisterEntryType : ObjectGraphType<RegisterEntryResponse>
{
    public RegisterEntryType()
    {
        Name = "RegisterEntry";
        Description = "An entry of a unit's register (登记簿): what changed, when, under which business number, and its place in the hash chain.";
        this.RequireScope(Scopes.PropertiesRead);
        Field(e => e.Sequence);
        Field(e => e.Kind, type: typeof(NonNullGraphType<EnumerationGraphType<RegisterEntryKind>>));
        Field(e => e.BusinessNumber, nullable: true);
        Field(e => e.RecordedAt);
        Field(e => e.RightId, type: typeof(IdGraphType)).Description("Global id of the right it concerns.");
        Field(e => e.RestrictionId, type: typeof(IdGraphType)).Description("Global id of the restriction it concerns.");
        Field(e => e.PreviousHash).Description("SHA-256 of the entry before (64 zeros for the first).");
        Field(e => e.Hash).Description("SHA-256 over the previous hash and this entry's fields.");
    }
}

/// <summary>node(id:) for Property, Right and Restriction ids.</summary>
public sealed class PropertyNodeResolver(PropertyLoader loader) : INodeResolver
{
    public string TypeName => GlobalId.Property;

    public IDataLoaderResult<object?> Resolve(IResolveFieldContext context, string key) =>
        loader.Load(key, PropertyFields.CallerOf(context)).Then(p => (object?)p);
}

/// <summary>
/// Rights and restrictions in force, by id: their units' views are loaded and the item picked from them. All ids of
/// one type asked for at one level are one batch: one statement finds their units, one loads the units' views (those
/// not cached), however many units they are on.
/// </summary>
public sealed class RightAndRestrictionNodeResolvers
{
    public sealed class Rights(RegistryDbContext db, PropertyViewStore store, PropertyDisclosure disclosure) : INodeResolver
    {
        private readonly BatchLoader<long, PropertyView> _viewOf = new((ids, ct) =>
            ViewsOfAsync(store, db.Rights.AsNoTracking().Where(r => ids.Contains(r.Id)).Select(r => new UnitOf(r.Id, r.Unit!.UnitCode)), ct));

        public string TypeName => GlobalId.Right;

        public IDataLoaderResult<object?> Resolve(IResolveFieldContext context, string key) =>
            !long.TryParse(key, System.Globalization.CultureInfo.InvariantCulture, out var id)
                ? new Nothing()
                : _viewOf.Load(id).Then(view => view is null ? null
                    : (object?)disclosure.Respond(PropertyFields.CallerOf(context), view)?.Rights.FirstOrDefault(r => r.Id == GlobalId.Encode(GlobalId.Right, id)));
    }

    public sealed class Restrictions(RegistryDbContext db, PropertyViewStore store, PropertyDisclosure disclosure) : INodeResolver
    {
        private readonly BatchLoader<long, PropertyView> _viewOf = new((ids, ct) =>
            ViewsOfAsync(store, db.Restrictions.AsNoTracking().Where(r => ids.Contains(r.Id)).Select(r => new UnitOf(r.Id, r.Unit!.UnitCode)), ct));

        public string TypeName => GlobalId.Restriction;

        public IDataLoaderResult<object?> Resolve(IResolveFieldContext context, string key) =>
            !long.TryParse(key, System.Globalization.CultureInfo.InvariantCulture, out var id)
                ? new Nothing()
                : _viewOf.Load(id).Then(view => view is null ? null
                    : (object?)disclosure.Respond(PropertyFields.CallerOf(context), view)?.Restrictions.FirstOrDefault(r => r.Id == GlobalId.Encode(GlobalId.Restriction, id)));
    }

    private sealed record UnitOf(long Id, string UnitCode);

    /// <summary>The views of the items' units, by item id, in one batch.</summary>
    private static async Task<IReadOnlyDictionary<long, PropertyView>> ViewsOfAsync(PropertyViewStore store, IQueryable<UnitOf> unitsOf, CancellationToken cancellationToken)
    {
        var items = await unitsOf.ToListAsync(cancellationToken);
        var views = await store.GetAsync([.. items.Select(i => i.UnitCode).Distinct(StringComparer.Ordinal)], cancellationToken);
        return items.Where(i => views.ContainsKey(i.UnitCode)).ToDictionary(i => i.Id, i => views[i.UnitCode]);
    }

    private sealed class Nothing : IDataLoaderResult<object?>
    {
        public Task<object?> GetResultAsync(CancellationToken cancellationToken = default) => Task.FromResult<object?>(null);
    }
}
