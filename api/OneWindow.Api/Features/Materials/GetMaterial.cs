using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Auth;
using OneWindow.Api.Data;
using OneWindow.Api.Errors;

namespace OneWindow.Api.Features.Materials;

/// <summary>
/// One material's metadata, for its uploader (the same partner or person) and for registry staff. Anyone else gets
/// MATERIAL_NOT_FOUND, exactly as for an id that does not exist: an id never tells whether someone else uploaded it.
/// </summary>
public static class GetMaterial
{
    public static async Task<Result<MaterialResponse>> HandleAsync(string? materialId, Caller caller, RegistryDbContext db, CancellationToken cancellationToken)
    {
        var owner = caller.SubjectKey;
        var staff = caller.IsStaff;
        if (!MaterialIds.IsWellFormed(materialId) || (owner is null && !staff))
        {
            return NotFound;
        }
        var material = await db.Materials.AsNoTracking()
            .Where(m => m.PublicId == materialId && (staff || m.OwnerKey == owner))
            .Select(m => new MaterialResponse(m.PublicId, m.FileName, m.ContentType, m.Size, m.Sha256, m.MaterialCode, m.UploadedAt))
            .SingleOrDefaultAsync(cancellationToken);
        return material is null ? NotFound : material with { UploadedAt = MaterialResponse.Utc(material.UploadedAt) };
    }

    private static ApiError NotFound => ApiError.NotFound(ErrorCodes.MaterialNotFound);
}
