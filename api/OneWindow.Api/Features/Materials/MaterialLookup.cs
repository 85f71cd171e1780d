using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Data;
using OneWindow.Api.Data.Entities;

namespace OneWindow.Api.Features.Materials;

/// <summary>The materials a submission names, split into those the submitter owns and the rest.</summary>
/// <param name="Owned">By public id: the submitter's own uploads, tracked by the context (attach them as they are).</param>
/// <param name="Missing">
/// The ids that name nothing the submitter owns, in the order given: malformed, unknown, or someone else's — not told
/// apart, so a submission cannot probe for other callers' uploads.
/// </param>
public sealed record OwnedMaterials(IReadOnlyDictionary<string, Material> Owned, IReadOnlyList<string> Missing)
{
    public bool AllFound => Missing.Count == 0;
}

/// <summary>For the applications feature: resolves the material ids of a submission for its submitter.</summary>
public static class MaterialLookup
{
    /// <summary>
    /// The <see cref="Material"/> rows among <paramref name="publicIds"/> whose owner is <paramref name="ownerKey"/>
    /// (<see cref="Auth.Caller.SubjectKey"/>), in one query. Duplicates in the list are looked up once.
    /// </summary>
    public static async Task<OwnedMaterials> FindOwnedAsync(RegistryDbContext db, string ownerKey, IEnumerable<string> publicIds, CancellationToken cancellationToken)
    {
        var requested = publicIds.Distinct(StringComparer.Ordinal).ToList();
        var wellFormed = requested.Where(MaterialIds.IsWellFormed).ToList();
        var owned = wellFormed.Count == 0
            ? new Dictionary<string, Material>(StringComparer.Ordinal)
            : await db.Materials.Where(m => m.OwnerKey == ownerKey && wellFormed.Contains(m.PublicId))
                .ToDictionaryAsync(m => m.PublicId, StringComparer.Ordinal, cancellationToken);
        return new OwnedMaterials(owned, [.. requested.Where(id => !owned.ContainsKey(id))]);
    }
}
