using OneWindow.Api.Auth;
using OneWindow.Api.Data;
using OneWindow.Api.Errors;

namespace OneWindow.Api.Features.Configuration;

/// <summary>A replacement of the materials catalogue: the whole document, and the version it replaces.</summary>
/// <param name="Content">The new catalogue (JSON; format: MaterialCatalogue, materials.json).</param>
/// <param name="Version">The version it was edited from (If-Match on REST); 0 replaces the shipped default.</param>
public sealed record MaterialsCatalogueChange(string? Content, int Version);

/// <summary>
/// Operators replace the materials catalogue. The domain parser validates it (INVALID_MATERIALS_CATALOGUE with the
/// parser's message as the reason; nothing stored); the stored version must still be the one edited
/// (CONCURRENT_CHANGE otherwise). Who and when are recorded. The checklist uses it on this instance at once, on the
/// others at once when Redis announces it and in any case within Configuration:RefreshInterval.
/// </summary>
public static class UpdateMaterialsCatalogue
{
    public static async Task<Result<ConfigurationDocumentResponse>> HandleAsync(
        MaterialsCatalogueChange change, Caller caller, RegistryDbContext db, RegistryConfiguration configuration, ConfigurationChanges changes,
        TimeProvider time, ConfigurationActivity activity, CancellationToken cancellationToken)
    {
        var kind = ConfigurationDocuments.MaterialsCatalogue;
        var catalogue = ConfigurationDocumentWriter.Validate(kind, change.Content, caller);
        if (catalogue.Error is { } invalid)
        {
            return invalid;
        }
        var saved = await ConfigurationDocumentWriter.WriteAsync(kind, change.Content!, change.Version, caller, db, time, check: null, cancellationToken);
        if (saved.Error is { } error)
        {
            activity.ConcurrentChange(caller.Name, kind.Name);
            return error;
        }
        var document = saved.Value!;
        configuration.Saved(kind, document.Version, catalogue.Value!);
        await changes.AnnounceAsync(kind.Name, document.Version);
        activity.DocumentSaved(caller.Name, kind.Name, document.Version);
        return document;
    }
}
