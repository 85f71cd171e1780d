using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using OneWindow.Api.Auth;
using OneWindow.Api.Data;
using OneWindow.Api.Errors;
using OneWindow.Domain.Applications;

namespace OneWindow.Api.Features.Configuration;

/// <summary>
/// REST: the materials checklist and the business types for applicants (applications:read), and the operators'
/// documents under <c>/api/v1/admin/…</c> (platform:admin) — the same use cases as the GraphQL fields (ConfigurationFields).
/// </summary>
public static class ConfigurationEndpoints
{
    public static void MapConfigurationEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/material-checklists", GetMaterialChecklist)
            .WithTags("Materials")
            .WithName("GetMaterialChecklist")
            .WithSummary("The materials (资料清单) an application of a business type needs in the given circumstances: required, optional or not applicable, and why.")
            .RequireScope(Scopes.ApplicationsRead);

        api.MapGet("/business-types", ListBusinessTypes)
            .WithTags("Materials")
            .WithName("ListBusinessTypes")
            .WithSummary("Every business type: names, time limit in working days, immediate or not, the scope to submit it, who may apply, its circumstances and choices.")
            .RequireScope(Scopes.ApplicationsRead);

        var admin = api.MapGroup("/admin").WithTags("Configuration administration");

        admin.MapGet("/materials-catalogue", GetMaterialsCatalogue)
            .WithName("GetMaterialsCatalogue")
            .WithSummary("The materials catalogue as stored (the shipped one until the first save); its version is the ETag.")
            .Produces(StatusCodes.Status200OK, typeof(object), "application/json")
            .RequireScope(Scopes.PlatformAdmin);

        admin.MapPut("/materials-catalogue", UpdateMaterialsCatalogue)
            .WithName("UpdateMaterialsCatalogue")
            .WithSummary("Replaces the materials catalogue (If-Match: the version edited). Validated first; nothing is stored when it is invalid.")
            .Accepts<object>("application/json")
            .ReadsItsOwnJsonBody()
            .RequireScope(Scopes.PlatformAdmin);

        admin.MapGet("/holiday-calendar", GetHolidayCalendar)
            .WithName("GetHolidayCalendar")
            .WithSummary("The working-day calendar as stored (the shipped one until the first save); its version is the ETag.")
            .Produces(StatusCodes.Status200OK, typeof(object), "application/json")
            .RequireScope(Scopes.PlatformAdmin);

        admin.MapPut("/holiday-calendar", UpdateHolidayCalendar)
            .WithName("UpdateHolidayCalendar")
            .WithSummary("Replaces the holiday calendar (If-Match: the version edited) and recomputes the provisional deadlines it settles.")
            .Accepts<object>("application/json")
            .ReadsItsOwnJsonBody()
            .RequireScope(Scopes.PlatformAdmin);
    }

    /// <param name="businessType">An UPPER_SNAKE business type, e.g. MORTGAGE_CANCELLATION (see GET /api/v1/business-types).</param>
    /// <param name="circumstances">Circumstance codes: comma-separated (A,B), or the parameter repeated.</param>
    public static async Task<Results<Ok<MaterialChecklistResponse>, ProblemHttpResult>> GetMaterialChecklist(
        string? businessType, string[]? circumstances, RegistryConfiguration configuration, HttpContext context, CancellationToken cancellationToken)
    {
        var result = await Configuration.GetMaterialChecklist.HandleAsync(businessType, circumstances, Caller.From(context), configuration, cancellationToken);
        return result.Error is { } error ? error.ToProblem(context) : TypedResults.Ok(result.Value);
    }

    public static async Task<Ok<BusinessTypeList>> ListBusinessTypes(
        RegistryConfiguration configuration, TimeLimitPolicy policy, HttpContext context, CancellationToken cancellationToken) =>
        TypedResults.Ok(await Configuration.ListBusinessTypes.HandleAsync(Caller.From(context), configuration, policy, cancellationToken));

    public static Task<Results<ContentHttpResult, ProblemHttpResult>> GetMaterialsCatalogue(
        RegistryDbContext db, HttpContext context, CancellationToken cancellationToken) =>
        Document(ConfigurationDocuments.MaterialsCatalogue, db, context, cancellationToken);

    public static Task<Results<ContentHttpResult, ProblemHttpResult>> GetHolidayCalendar(
        RegistryDbContext db, HttpContext context, CancellationToken cancellationToken) =>
        Document(ConfigurationDocuments.HolidayCalendar, db, context, cancellationToken);

    /// <param name="ifMatch">The ETag of the version edited, e.g. "3" ("0": the shipped default). Required.</param>
    public static async Task<Results<Ok<MaterialsCatalogueSaved>, ProblemHttpResult>> UpdateMaterialsCatalogue(
        [FromHeader(Name = "If-Match")] string? ifMatch, RegistryDbContext db, RegistryConfiguration configuration, ConfigurationChanges changes,
        TimeProvider time, ConfigurationActivity activity, HttpContext context, CancellationToken cancellationToken)
    {
        if (ConfigurationRules.IfMatch(ifMatch, out var version) is { } precondition)
        {
            return precondition.ToProblem(context);
        }
        if (await ReadBodyAsync(context.Request, cancellationToken) is not { } content)
        {
            return TooLarge(context);
        }
        var result = await Configuration.UpdateMaterialsCatalogue.HandleAsync(
            new MaterialsCatalogueChange(content, version), Caller.From(context), db, configuration, changes, time, activity, cancellationToken);
        if (result.Error is { } error)
        {
            return error.ToProblem(context);
        }
        var saved = result.Value!;
        context.Response.Headers.ETag = ConfigurationRules.ETag(saved.Version);
        return TypedResults.Ok(new MaterialsCatalogueSaved(saved.Version, saved.UpdatedAt!.Value, saved.UpdatedBy!));
    }

    /// <param name="ifMatch">The ETag of the version edited, e.g. "3" ("0": the shipped default). Required.</param>
    /// <param name="removeYears">Announced years the new calendar leaves out on purpose, comma-separated (2024) or repeated.</param>
    public static async Task<Results<Ok<HolidayCalendarSaved>, ProblemHttpResult>> UpdateHolidayCalendar(
        [FromHeader(Name = "If-Match")] string? ifMatch, [FromQuery] string[]? removeYears, RegistryDbContext db, RegistryConfiguration configuration,
        ConfigurationChanges changes, TimeLimitPolicy policy, Applications.ApplicationKinds kinds, TimeProvider time, ConfigurationActivity activity, HttpContext context,
        CancellationToken cancellationToken)
    {
        if (ConfigurationRules.IfMatch(ifMatch, out var version) is { } precondition)
        {
            return precondition.ToProblem(context);
        }
        if (ConfigurationRules.Years(removeYears, out var years) is { } invalidYears)
        {
            return invalidYears.ToProblem(context);
        }
        if (await ReadBodyAsync(context.Request, cancellationToken) is not { } content)
        {
            return TooLarge(context);
        }
        var result = await Configuration.UpdateHolidayCalendar.HandleAsync(
            new HolidayCalendarChange(content, version, years), Caller.From(context), db, configuration, changes, policy, kinds, time, activity, cancellationToken);
        if (result.Error is { } error)
        {
            return error.ToProblem(context);
        }
        var saved = result.Value!;
        context.Response.Headers.ETag = ConfigurationRules.ETag(saved.Document.Version);
        return TypedResults.Ok(new HolidayCalendarSaved(saved.Document.Version, saved.Document.UpdatedAt!.Value, saved.Document.UpdatedBy!, saved.RecomputedDeadlines));
    }

    /// <summary>The stored document as the body (application/json, as saved), its version as the ETag.</summary>
    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> Document<T>(
        ConfigurationDocumentKind<T> kind, RegistryDbContext db, HttpContext context, CancellationToken cancellationToken) where T : class
    {
        var result = await GetConfigurationDocument.HandleAsync(kind, Caller.From(context), db, cancellationToken);
        if (result.Error is { } error)
        {
            return error.ToProblem(context);
        }
        var document = result.Value!;
        context.Response.Headers.ETag = ConfigurationRules.ETag(document.Version);
        // Note: always the current version; nothing between the operator and us may answer from a copy.
        context.Response.Headers.CacheControl = "no-cache";
        if (document.UpdatedAt is { } updatedAt)
        {
            context.Response.Headers.LastModified = updatedAt.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        }
        return TypedResults.Text(document.Content, "application/json", Encoding.UTF8);
    }

    /// <summary>The body as text, or null when it is longer than a document may be (read no further than that).</summary>
    private static async Task<string?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        var text = new StringBuilder();
        var buffer = new char[16 * 1024];
        int read;
        while ((read = await reader.ReadAsync(buffer, cancellationToken)) > 0)
        {
            text.Append(buffer, 0, read);
            if (text.Length > ConfigurationDocuments.MaxContentLength)
            {
                return null;
            }
        }
        return text.ToString();
    }

    private static ProblemHttpResult TooLarge(HttpContext context) =>
        new ApiError(ErrorCodes.RequestTooLarge, StatusCodes.Status413PayloadTooLarge, Field: "content").ToProblem(context);
}
