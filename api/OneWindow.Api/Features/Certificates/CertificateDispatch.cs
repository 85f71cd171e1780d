using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Data;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Errors;
using OneWindow.Api.Features.Applications;
using OneWindow.Domain.Applications;

namespace OneWindow.Api.Features.Certificates;

/// <summary>The courier and tracking number of the paper certificates an applicant chose to receive by post.</summary>
public sealed record CertificateDispatchRequest(string? Courier = null, string? TrackingNumber = null);

/// <summary>GraphQL's input: the application too (REST has it in the path).</summary>
public sealed record CertificateDispatchInput(string? BusinessNumber = null, string? Courier = null, string? TrackingNumber = null);

/// <summary>
/// How an application's certificates reach the applicant (快递查询 in progress): ELECTRONIC only, or POST with the courier
/// and tracking number a registrar recorded and when. Null in an answer until 发证 or a recorded dispatch.
/// </summary>
public sealed record CertificateDeliveryStatus(CertificateDelivery Method, string? Courier, string? TrackingNumber, DateTime? DispatchedAt);

/// <summary>
/// 邮寄: a registrar records the courier and tracking number of the paper certificates of an application whose applicant
/// chose delivery by post, at 缮证 or after 发证 (again to correct it). Every certificate the application produced is
/// sent in the one parcel; the application's progress shows it to its submitter and parties (REST and GraphQL, and the
/// public progress form).
/// </summary>
public sealed class CertificateDispatch(RegistryDbContext db, TimeProvider time)
{
    public const int MaxCourierLength = 40;
    public const int MinTrackingLength = 6;
    public const int MaxTrackingLength = 30;

    public async Task<Result<CertificateDeliveryStatus>> RecordAsync(string? businessNumber, CertificateDispatchRequest? request, CancellationToken cancellationToken)
    {
        var problems = new Problems();
        var courier = Inputs.Text(request?.Courier, "courier", problems, MaxCourierLength, required: true);
        if (problems.Any)
        {
            return problems.Items[0] with { Status = StatusCodes.Status400BadRequest };
        }
        if (TrackingNumber(request?.TrackingNumber) is not { } tracking)
        {
            return string.IsNullOrWhiteSpace(request?.TrackingNumber)
                ? ApiError.BadRequest(ErrorCodes.FieldRequired, "trackingNumber")
                : ApiError.BadRequest(ErrorCodes.InvalidTrackingNumber, "trackingNumber", $"{MinTrackingLength}_TO_{MaxTrackingLength}_LETTERS_DIGITS_OR_HYPHENS");
        }
        var found = await ApplicationQueries.FindAsync(db, businessNumber, tracked: false, cancellationToken);
        if (found.Error is { } error)
        {
            return error;
        }
        var application = found.Value!;
        if (application.Status is not (ApplicationStatus.CertificatePrepared or ApplicationStatus.Completed))
        {
            return new ApiError(ErrorCodes.NoCertificateToDispatch, StatusCodes.Status409Conflict, "NOT_YET_PREPARED");
        }
        var now = time.GetUtcNow().UtcDateTime;
        var id = application.Id;
        var updated = await db.Certificates.Where(c => c.ApplicationId == id).ExecuteUpdateAsync(set => set
            .SetProperty(c => c.Delivery, CertificateDelivery.Post)
            .SetProperty(c => c.Courier, courier)
            .SetProperty(c => c.TrackingNumber, tracking)
            .SetProperty(c => c.DispatchedAt, now), cancellationToken);
        if (updated == 0)
        {
            return new ApiError(ErrorCodes.NoCertificateToDispatch, StatusCodes.Status409Conflict, "NONE_PRODUCED");
        }
        return new CertificateDeliveryStatus(CertificateDelivery.Post, courier, tracking, DateTime.SpecifyKind(now, DateTimeKind.Utc));
    }

    /// <summary>The delivery of an application's certificates, or null before 发证 (or when it produced none).</summary>
    public static async Task<CertificateDeliveryStatus?> OfApplicationAsync(RegistryDbContext db, long applicationId, CancellationToken cancellationToken)
    {
        var row = await db.Certificates.AsNoTracking().Where(c => c.ApplicationId == applicationId && c.Delivery != null)
            .OrderBy(c => c.Id).Select(c => new { c.Delivery, c.Courier, c.TrackingNumber, c.DispatchedAt }).FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : new CertificateDeliveryStatus(row.Delivery!.Value, row.Courier, row.TrackingNumber,
            row.DispatchedAt is { } at ? DateTime.SpecifyKind(at, DateTimeKind.Utc) : null);
    }

    /// <summary>Upper case without spaces; null unless 6–30 ASCII letters, digits or hyphens (SF1234567890123, EMS…CN).</summary>
    public static string? TrackingNumber(string? text)
    {
        var value = text?.Replace(" ", "", StringComparison.Ordinal).Trim().ToUpperInvariant();
        return value is { Length: >= MinTrackingLength and <= MaxTrackingLength } && value.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') ? value : null;
    }
}
