using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;
using OneWindow.Api.Errors;
using OneWindow.Domain.Identifiers;

namespace OneWindow.Api.Features.Materials;

/// <summary>
/// The parts of an upload (<c>multipart/form-data</c>): one file part <c>file</c>, the declared <c>sha256</c> and an
/// optional <c>materialCode</c>. Read here, at the edge, so the use case (<see cref="UploadMaterial"/>) gets plain values;
/// every endpoint that takes a material (this feature's, the applications' correction) reads it the same way and
/// maps itself with <see cref="MaterialUploadEndpoints.AcceptsMaterialUpload"/>.
/// </summary>
public sealed record MaterialUploadForm(IFormFile File, string? Sha256, string? MaterialCode)
{
    public const string FileField = "file";
    public const string Sha256Field = "sha256";
    public const string MaterialCodeField = "materialCode";

    /// <summary>What a body may hold beside the file: boundaries, part headers (a long file name), the two fields.</summary>
    public const long FormOverheadBytes = 64 * 1024;

    /// <summary>The largest request body an upload may have.</summary>
    public static long MaxBodyBytes(MaterialsOptions options) => options.MaxFileBytes + FormOverheadBytes;

    /// <summary>
    /// Reads the form. The file part is copied to a temporary file past 64 KiB (the form reader's threshold), so memory
    /// holds at most that much of it; the body is refused past <see cref="MaxBodyBytes"/> whether or not it announces
    /// its length.
    /// </summary>
    public static async Task<Result<MaterialUploadForm>> ReadAsync(HttpRequest request, MaterialsOptions options, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary).Length == 0)
        {
            return new ApiError(ErrorCodes.MaterialMultipartRequired, StatusCodes.Status400BadRequest);
        }
        // Kestrel also stops at the endpoint's request size limit (AcceptsMaterialUpload); this answers an announced
        // oversized body before reading any of it, on every server.
        if (request.ContentLength > MaxBodyBytes(options))
        {
            return TooLarge;
        }
        IFormCollection form;
        try
        {
            request.HttpContext.Features.Set<IFormFeature>(new FormFeature(request, Limits(options)));
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge;
        }
        catch (InvalidDataException)
        {
            // Not well-formed multipart, or past the form limits (part count, header or field length).
            return Malformed;
        }
        catch (IOException e) when (e.GetType() == typeof(IOException))
        {
            // The body ended before the closing boundary (the multipart reader's "unexpected end of stream").
            return Malformed;
        }
        if (form.Files.Count > 1)
        {
            return new ApiError(ErrorCodes.MaterialTooManyFiles, StatusCodes.Status400BadRequest, Field: FileField);
        }
        if (form.Files.GetFile(FileField) is not { } file)
        {
            return new ApiError(ErrorCodes.MaterialFileRequired, StatusCodes.Status400BadRequest, Field: FileField);
        }
        return new MaterialUploadForm(file, Value(form, Sha256Field), Value(form, MaterialCodeField));
    }

    private static ApiError Malformed => new(ErrorCodes.MaterialMultipartRequired, StatusCodes.Status400BadRequest, IdentifierErrorReasons.Format);

    private static ApiError TooLarge => new(ErrorCodes.MaterialTooLarge, StatusCodes.Status413PayloadTooLarge, Field: FileField);

    /// <summary>A field given once; given several times it is passed on joined, and so refused as malformed.</summary>
    private static string? Value(IFormCollection form, string field) => form.TryGetValue(field, out var values) ? values.ToString() : null;

    /// <summary>
    /// Note: the form reader's limits for uploads. A file part may be as long as the whole body; text fields are short
    /// and few (a 64-character hash, a 60-character code), so a body of fields cannot fill memory.
    /// </summary>
    private static FormOptions Limits(MaterialsOptions options) => new()
    {
        MultipartBodyLengthLimit = MaxBodyBytes(options),
        ValueCountLimit = 16,
        ValueLengthLimit = 4 * 1024,
        KeyLengthLimit = 256,
    };
}

/// <summary>How an endpoint that takes a material upload is mapped.</summary>
public static class MaterialUploadEndpoints
{
    /// <summary>
    /// The request size limit for uploads (Kestrel refuses a longer body with 413 while it is read, which the form
    /// reader turns into MATERIAL_TOO_LARGE), no anti-forgery check, and the multipart body in the OpenAPI document.
    /// </summary>
    public static RouteHandlerBuilder AcceptsMaterialUpload(this RouteHandlerBuilder builder, MaterialsOptions options) => builder
        .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaterialUploadForm.MaxBodyBytes(options)))
        .WithMetadata(new MaterialUploadMetadata(options.MaxFileBytes))
        // Note: anti-forgery protects cookie-authenticated forms. Uploads carry a bearer token, which a browser never
        // attaches by itself, so there is no cross-site request to forge; a token is required on this endpoint.
        .DisableAntiforgery();
}

/// <summary>Marks an endpoint whose body is a material upload form (read by the OpenAPI document's filter).</summary>
public sealed record MaterialUploadMetadata(long MaxFileBytes);
