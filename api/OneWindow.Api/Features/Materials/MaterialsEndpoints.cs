using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using OneWindow.Api.Auth;
using OneWindow.Api.Data;
using OneWindow.Api.Errors;

namespace OneWindow.Api.Features.Materials;

/// <summary>REST: <c>/api/v1/materials</c> — uploads (申请材料) that submissions then reference by id, and their reads.</summary>
public static class MaterialsEndpoints
{
    public static void MapMaterialsEndpoints(this RouteGroupBuilder api)
    {
        var options = ((IEndpointRouteBuilder)api).ServiceProvider.GetRequiredService<IOptions<MaterialsOptions>>().Value;
        var materials = api.MapGroup("/materials").WithTags("Materials");

        // Note: everyone who submits uploads — applicants (banks, developers, agencies, citizens) hold
        // applications:submit, courts hold seizures:submit instead; staff and verifiers hold neither and are refused.
        materials.MapPost("/", Upload)
            .WithName("UploadMaterial")
            .WithSummary("Uploads one file (multipart/form-data: file, sha256, optional materialCode) as a material to reference in a submission.")
            .AcceptsMaterialUpload(options)
            // Note: staff upload the materials of what they file themselves (依职权更正登记's notice).
            .RequireAnyScope(Scopes.ApplicationsSubmit, Scopes.SeizuresSubmit, Scopes.RegistryStaff);

        // Note: applications:read is held by every applicant and by staff; the use case then shows a material only to
        // its uploader and to staff (anyone else: MATERIAL_NOT_FOUND).
        materials.MapGet("/{materialId}", Get)
            .WithName("GetMaterial")
            .WithSummary("A material's metadata, for its uploader and registry staff.")
            .RequireScope(Scopes.ApplicationsRead);

        materials.MapGet("/{materialId}/content", GetContent)
            .WithName("GetMaterialContent")
            .WithSummary("A material's bytes, as an attachment with its content type and its SHA-256 as ETag, for its uploader and registry staff.")
            .Produces(StatusCodes.Status200OK, typeof(Stream), MaterialsOptions.DefaultContentTypes[0], [.. MaterialsOptions.DefaultContentTypes.Skip(1)])
            .RequireScope(Scopes.ApplicationsRead);
    }

    public static async Task<Results<Created<MaterialResponse>, ProblemHttpResult>> Upload(
        RegistryDbContext db, IOptions<MaterialsOptions> options, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        var form = await MaterialUploadForm.ReadAsync(context.Request, options.Value, cancellationToken);
        if (form.Error is { } invalid)
        {
            return invalid.ToProblem(context);
        }
        var (file, sha256, materialCode) = form.Value!;
        var result = await UploadMaterial.HandleAsync(file, sha256, materialCode, Caller.From(context), db, options, time, cancellationToken);
        return result.Error is { } error
            ? error.ToProblem(context)
            : TypedResults.Created($"/api/v1/materials/{result.Value!.Id}", result.Value);
    }

    public static async Task<Results<Ok<MaterialResponse>, ProblemHttpResult>> Get(
        string materialId, RegistryDbContext db, HttpContext context, CancellationToken cancellationToken)
    {
        var result = await GetMaterial.HandleAsync(materialId, Caller.From(context), db, cancellationToken);
        return result.Error is { } error ? error.ToProblem(context) : TypedResults.Ok(result.Value);
    }

    public static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> GetContent(
        string materialId, RegistryDbContext db, HttpContext context, CancellationToken cancellationToken)
    {
        var result = await GetMaterial.HandleAsync(materialId, Caller.From(context), db, cancellationToken);
        if (result.Error is { } error)
        {
            return error.ToProblem(context);
        }
        var material = result.Value!;
        var headers = context.Response.Headers;
        // Note: the bytes are the uploader's, not ours: a browser must not sniff them into something it would run,
        // and scans of identity documents must not stay in shared caches.
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "private, no-store";
        context.Response.ContentLength = material.Size;
        // The file name goes out as filename*=UTF-8''… (RFC 5987) with an ASCII fallback (RFC 6266); the ETag lets a
        // client check what it received against the SHA-256 it holds.
        return TypedResults.Stream(
            body => MaterialContentStore.CopyToAsync(db, material.Sha256, body, cancellationToken),
            material.ContentType,
            material.FileName,
            entityTag: new EntityTagHeaderValue($"\"{material.Sha256}\""));
    }
}
