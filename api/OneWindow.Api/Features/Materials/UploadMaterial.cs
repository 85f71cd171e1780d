using System.Buffers;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using OneWindow.Api.Auth;
using OneWindow.Api.Data;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Errors;
using OneWindow.Domain.Identifiers;

namespace OneWindow.Api.Features.Materials;

/// <summary>
/// Takes an uploaded file as a material of the caller: checks the declared hash and code, the size, the type and
/// the bytes, then stores the material and — unless the same bytes are stored already — its content, in one
/// transaction. Any failure stores nothing. Reused by the applications feature for uploads during a correction.
/// </summary>
public static partial class UploadMaterial
{
    public const int MaxMaterialCodeLength = 60;

    /// <summary>
    /// The checks, in order: the declared sha256 (400 INVALID_MATERIAL_CHECKSUM) and material code (400
    /// INVALID_MATERIAL_CODE), the size (413 MATERIAL_TOO_LARGE, 400 MATERIAL_EMPTY), the declared type (415
    /// MATERIAL_TYPE_NOT_ALLOWED, reason NOT_ALLOWED), the bytes against the hash (422 MATERIAL_CHECKSUM_MISMATCH) and
    /// against the type's signature (415, reason SIGNATURE). Joins the caller's transaction when one is open on
    /// <paramref name="db"/>; pending changes of the context are saved with the material.
    /// </summary>
    public static async Task<Result<MaterialResponse>> HandleAsync(
        IFormFile file, string? declaredSha256, string? materialCode, Caller caller, RegistryDbContext db, IOptions<MaterialsOptions> options,
        TimeProvider time, CancellationToken cancellationToken)
    {
        if (caller.SubjectKey is not { } owner)
        {
            // Only an anonymous caller has no subject, and the endpoints refuse those first.
            return new ApiError(ErrorCodes.Forbidden, StatusCodes.Status403Forbidden);
        }
        var settings = options.Value;
        string declared;
        string? code = null;
        var invalid = Checksum(declaredSha256, out declared) ?? Code(materialCode, out code);
        if (invalid is not null)
        {
            return invalid;
        }
        if (file.Length > settings.MaxFileBytes)
        {
            return new ApiError(ErrorCodes.MaterialTooLarge, StatusCodes.Status413PayloadTooLarge, Field: MaterialUploadForm.FileField);
        }
        if (file.Length == 0)
        {
            return ApiError.BadRequest(ErrorCodes.MaterialEmpty, MaterialUploadForm.FileField);
        }
        var contentType = MaterialFiles.MediaType(file.ContentType);
        if (!settings.ContentTypes.Contains(contentType))
        {
            return TypeNotAllowed(MaterialErrorReasons.NotAllowed);
        }

        var (sha256, head) = await HashAsync(file, cancellationToken);
        if (!string.Equals(sha256, declared, StringComparison.Ordinal))
        {
            return new ApiError(ErrorCodes.MaterialChecksumMismatch, StatusCodes.Status422UnprocessableEntity, Field: MaterialUploadForm.Sha256Field);
        }
        if (!MaterialFiles.MatchesSignature(contentType, head))
        {
            return TypeNotAllowed(MaterialErrorReasons.Signature);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var material = new Material
        {
            PublicId = MaterialIds.New(),
            OwnerKey = owner,
            UploadedBy = caller.Name,
            FileName = MaterialFiles.DisplayName(file.FileName),
            ContentType = contentType,
            Size = file.Length,
            Sha256 = sha256,
            MaterialCode = code,
            UploadedAt = now,
        };
        await MaterialContentStore.SaveAsync(db, material, file.OpenReadStream, now, cancellationToken);
        return MaterialResponse.From(material);
    }

    /// <summary>64 hex digits, any case; kept in lower case.</summary>
    private static ApiError? Checksum(string? text, out string sha256)
    {
        sha256 = text?.Trim().ToLowerInvariant() ?? "";
        var reason = sha256.Length == 0 ? IdentifierErrorReasons.Empty
            : sha256.Length != 64 ? IdentifierErrorReasons.Length
            : sha256.AsSpan().ContainsAnyExcept("0123456789abcdef") ? IdentifierErrorReasons.Characters
            : null;
        return reason is null ? null : ApiError.BadRequest(ErrorCodes.InvalidMaterialChecksum, MaterialUploadForm.Sha256Field, reason);
    }

    /// <summary>Optional; when given, a catalogue-style code (<c>ID_CARD</c>, <c>MORTGAGE_CONTRACT</c>), at most 60 characters.</summary>
    private static ApiError? Code(string? text, out string? code)
    {
        code = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        var reason = code is null ? null
            : code.Length > MaxMaterialCodeLength ? IdentifierErrorReasons.Length
            : !MaterialCodePattern().IsMatch(code) ? IdentifierErrorReasons.Format
            : null;
        return reason is null ? null : ApiError.BadRequest(ErrorCodes.InvalidMaterialCode, MaterialUploadForm.MaterialCodeField, reason);
    }

    private static ApiError TypeNotAllowed(string reason) =>
        new(ErrorCodes.MaterialTypeNotAllowed, StatusCodes.Status415UnsupportedMediaType, reason, MaterialUploadForm.FileField);

    /// <summary>
    /// SHA-256 of the file, hashed as it is read in 80 KiB pieces (nothing keeps the whole file), and its first bytes
    /// for the signature check.
    /// </summary>
    private static async Task<(string Sha256, byte[] Head)> HashAsync(IFormFile file, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var head = new byte[MaterialFiles.SignatureLength];
        var headLength = 0;
        var buffer = ArrayPool<byte>.Shared.Rent(80 * 1024);
        try
        {
            await using var stream = file.OpenReadStream();
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
            {
                if (headLength < head.Length)
                {
                    var take = Math.Min(head.Length - headLength, read);
                    buffer.AsSpan(0, take).CopyTo(head.AsSpan(headLength));
                    headLength += take;
                }
                hash.AppendData(buffer, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return (Convert.ToHexStringLower(hash.GetHashAndReset()), head[..headLength]);
    }

    [GeneratedRegex("^[A-Z][A-Z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex MaterialCodePattern();
}
