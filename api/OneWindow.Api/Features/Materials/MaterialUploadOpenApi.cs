using System.Globalization;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace OneWindow.Api.Features.Materials;

/// <summary>
/// Describes the multipart body of endpoints mapped with <see cref="MaterialUploadEndpoints.AcceptsMaterialUpload"/>.
/// Their handlers read the form themselves (to answer with precise codes), so nothing in their signature tells the
/// document; an <c>Accepts</c> declaration would instead make routing answer a bare 415 to other media types, before
/// authentication.
/// </summary>
internal sealed class MaterialUploadOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<MaterialUploadMetadata>().FirstOrDefault() is not { } upload)
        {
            return;
        }
        var schema = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Required = new HashSet<string> { MaterialUploadForm.FileField, MaterialUploadForm.Sha256Field },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                [MaterialUploadForm.FileField] = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Format = "binary",
                    Description = string.Create(CultureInfo.InvariantCulture,
                        $"The file, with its media type in the part's Content-Type (application/pdf, image/jpeg, image/png or application/ofd by default); at most {upload.MaxFileBytes} bytes."),
                },
                [MaterialUploadForm.Sha256Field] = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Pattern = "^[0-9A-Fa-f]{64}$",
                    Description = "The SHA-256 of the file as the uploader computed it, 64 hex digits; a file whose bytes differ is refused (MATERIAL_CHECKSUM_MISMATCH).",
                },
                [MaterialUploadForm.MaterialCodeField] = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Pattern = "^[A-Z][A-Z0-9_]*$",
                    MaxLength = UploadMaterial.MaxMaterialCodeLength,
                    Description = "Optional: which material of the checklist this is (资料代码); checked against the catalogue at submission.",
                },
            },
        };
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, IOpenApiMediaType> { ["multipart/form-data"] = new OpenApiMediaType { Schema = schema } },
        };
    }
}
