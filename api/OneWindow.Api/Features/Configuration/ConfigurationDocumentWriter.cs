using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Auth;
using OneWindow.Api.Data;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Errors;

namespace OneWindow.Api.Features.Configuration;

/// <summary>
/// What the replacements of the two documents share: the operator check, the domain parser as the validator, and
/// the optimistic write (the stored version must still be the one the operator edited).
/// </summary>
internal static class ConfigurationDocumentWriter
{
    /// <summary>The length of configuration_documents.updated_by.</summary>
    private const int MaxUpdatedByLength = 100;

    /// <summary>Who may replace it, and whether the domain parser accepts it (its message as the reason when not).</summary>
    public static Result<T> Validate<T>(ConfigurationDocumentKind<T> kind, string? content, Caller caller) where T : class
    {
        if (ConfigurationRules.RefuseUnlessOperator(caller) is { } refused)
        {
            return refused;
        }
        if (content is { Length: > ConfigurationDocuments.MaxContentLength })
        {
            return new ApiError(ErrorCodes.RequestTooLarge, StatusCodes.Status413PayloadTooLarge, Field: "content");
        }
        try
        {
            return kind.Parse(content ?? "");
        }
        catch (FormatException exception)
        {
            return ApiError.BadRequest(kind.InvalidCode, "content", exception.Message);
        }
    }

    /// <summary>
    /// Stores <paramref name="content"/> as the next version if the stored one is still <paramref name="expectedVersion"/>
    /// (0: none stored yet), recording who and when. <paramref name="check"/> sees the current document's text first
    /// and may refuse. Another save in between → CONCURRENT_CHANGE, nothing written.
    /// </summary>
    public static async Task<Result<ConfigurationDocumentResponse>> WriteAsync<T>(
        ConfigurationDocumentKind<T> kind, string content, int expectedVersion, Caller caller, RegistryDbContext db, TimeProvider time,
        Func<string, ApiError?>? check, CancellationToken cancellationToken) where T : class
    {
        var row = await db.ConfigurationDocuments.SingleOrDefaultAsync(d => d.Name == kind.Name, cancellationToken);
        if ((row?.Version ?? ConfigurationDocuments.DefaultVersion) != expectedVersion)
        {
            return Conflict;
        }
        if (check?.Invoke(row?.Content ?? kind.DefaultJson) is { } refused)
        {
            return refused;
        }
        var now = time.GetUtcNow().UtcDateTime;
        var by = caller.Name.Length <= MaxUpdatedByLength ? caller.Name : caller.Name[..MaxUpdatedByLength];
        var inserting = row is null;
        row ??= db.ConfigurationDocuments.Add(new ConfigurationDocument { Name = kind.Name, Content = content, UpdatedBy = by }).Entity;
        row.Content = content;
        // The version is the row's concurrency token: the UPDATE matches only the version read above.
        row.Version = expectedVersion + 1;
        row.UpdatedAt = now;
        row.UpdatedBy = by;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Conflict;
        }
        catch (DbUpdateException) when (inserting)
        {
            // The first save of the document raced with another (the primary key refused the second insert).
            db.ChangeTracker.Clear();
            if (await db.ConfigurationDocuments.AnyAsync(d => d.Name == kind.Name, cancellationToken))
            {
                return Conflict;
            }
            throw;
        }
        return new ConfigurationDocumentResponse(kind.Name, content, row.Version, now, by);
    }

    public static ApiError Conflict => new(ErrorCodes.ConcurrentChange, StatusCodes.Status409Conflict, Field: "version");
}
