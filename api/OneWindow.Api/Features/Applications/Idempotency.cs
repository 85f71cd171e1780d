using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Data;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Errors;

namespace OneWindow.Api.Features.Applications;

/// <summary>
/// <c>Idempotency-Key</c> on every submission: the first answer is stored with what it created, in the same
/// transaction, under (caller, key); a retry with the same request gets that answer again, the same key with another
/// request is refused (409 IDEMPOTENCY_KEY_REUSED). The key is claimed first in the transaction, so two requests with
/// one key at once are serialised by the database: the second waits for the first and then answers with its result.
/// </summary>
public static class Idempotency
{
    public const string Header = "Idempotency-Key";
    public const int MaxKeyLength = 100;

    /// <summary>A key is required: 1 to 100 printable ASCII characters (a UUID is a good one).</summary>
    public static ApiError? Validate(string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return ApiError.BadRequest(ErrorCodes.IdempotencyKeyRequired, Header);
        }
        return key.Length > MaxKeyLength || key.Any(c => c is < '!' or > '~')
            ? ApiError.BadRequest(ErrorCodes.InvalidIdempotencyKey, Header, "PRINTABLE_ASCII_1_TO_100")
            : null;
    }

    /// <summary>SHA-256 of the operation and the request in its one JSON form.</summary>
    public static string Hash(string operation, object request) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(operation + "\n" + PayloadJson.Write(request))));

    public static Task<IdempotencyRecord?> FindAsync(RegistryDbContext db, string callerKey, string key, CancellationToken cancellationToken) =>
        db.IdempotencyRecords.AsNoTracking().SingleOrDefaultAsync(r => r.CallerKey == callerKey && r.Key == key, cancellationToken);

    /// <summary>The stored answer for a repeated request, or the refusal of a reused key.</summary>
    public static Result<T> Replay<T>(IdempotencyRecord record, string operation, string hash) =>
        record.Operation == operation && record.RequestHash == hash && record.Response.Length > 0
            ? PayloadJson.Read<T>(record.Response)
            : new ApiError(ErrorCodes.IdempotencyKeyReused, StatusCodes.Status409Conflict, Field: Header);

    /// <summary>Deletes the records older than the retention (every instance may run it; it is one statement).</summary>
    public static Task<int> PruneAsync(RegistryDbContext db, DateTime olderThanUtc, CancellationToken cancellationToken) =>
        db.IdempotencyRecords.Where(r => r.CreatedAt < olderThanUtc).ExecuteDeleteAsync(cancellationToken);
}
