using OneWindow.Api.Data.Entities;

namespace OneWindow.Api.Features.Materials;

/// <summary>An uploaded material: how to reference it, and what was received.</summary>
/// <param name="Id">The material's id (<c>mat_</c> and 32 hex digits): what a submission's materials name.</param>
/// <param name="FileName">The file's name as uploaded, without any path (at most 260 characters).</param>
/// <param name="ContentType">Its media type: application/pdf, image/jpeg, image/png or application/ofd.</param>
/// <param name="Size">Its length in bytes.</param>
/// <param name="Sha256">The SHA-256 of its bytes, lower-case hex: the one the uploader declared, verified.</param>
/// <param name="MaterialCode">The material code (资料代码) the uploader declared, if any; the catalogue check is the submission's.</param>
/// <param name="UploadedAt">When it was received (UTC).</param>
public sealed record MaterialResponse(
    string Id,
    string FileName,
    string ContentType,
    long Size,
    string Sha256,
    string? MaterialCode,
    DateTime UploadedAt)
{
    public static MaterialResponse From(Material material) => new(
        material.PublicId,
        material.FileName,
        material.ContentType,
        material.Size,
        material.Sha256,
        material.MaterialCode,
        Utc(material.UploadedAt));

    /// <summary>Times are stored in UTC; SQLite hands them back unmarked.</summary>
    internal static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);
}
