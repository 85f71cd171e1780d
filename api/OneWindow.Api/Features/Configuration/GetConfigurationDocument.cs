using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Auth;
using OneWindow.Api.Data;
using OneWindow.Api.Errors;

namespace OneWindow.Api.Features.Configuration;

/// <summary>
/// Operators read a configuration document as stored, with its version (the shipped default, version 0, until the
/// first save). Read from the database, not from this instance's copy, so it is always the current one.
/// </summary>
public static class GetConfigurationDocument
{
    public static async Task<Result<ConfigurationDocumentResponse>> HandleAsync<T>(
        ConfigurationDocumentKind<T> kind, Caller caller, RegistryDbContext db, CancellationToken cancellationToken) where T : class
    {
        if (ConfigurationRules.RefuseUnlessOperator(caller) is { } refused)
        {
            return refused;
        }
        var row = await db.ConfigurationDocuments.AsNoTracking().SingleOrDefaultAsync(d => d.Name == kind.Name, cancellationToken);
        return row is null
            ? new ConfigurationDocumentResponse(kind.Name, kind.DefaultJson, ConfigurationDocuments.DefaultVersion, null, null)
            : new ConfigurationDocumentResponse(row.Name, row.Content, row.Version, DateTime.SpecifyKind(row.UpdatedAt, DateTimeKind.Utc), row.UpdatedBy);
    }
}
