using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Auth;
using OneWindow.Api.Data;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Errors;
using OneWindow.Api.Features.Configuration;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Calendar;
using OneWindow.Domain.Identifiers;
using Microsoft.Extensions.Options;

namespace OneWindow.Api.Features.Applications;

/// <summary>Filters of an application list; all optional.</summary>
/// <param name="Deadline">DUE_SOON (due within Applications:DueSoonWorkingDays working days, or overdue) or OVERDUE.</param>
public sealed record ApplicationFilter(string? Status, string? BusinessType, string? Deadline, string? After, int? Limit);

/// <summary>
/// Reading applications: one by business number (its submitter, its parties, staff), a list (staff: all, with the
/// ones near or past their deadline; others: their own), and the public progress form (business number + an
/// applicant's ID number, both must match; a wrong pair and an unknown number get the same answer).
/// </summary>
public sealed class ApplicationQueries(
    RegistryDbContext db, ApplicationViews views, RegistryConfiguration configuration, TimeProvider time, IOptions<ApplicationsOptions> options)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    /// <summary>The application with its events and parties, or APPLICATION_NOT_FOUND / INVALID_BUSINESS_NUMBER.</summary>
    public static async Task<Result<RegistrationApplication>> FindAsync(RegistryDbContext db, string? businessNumber, bool tracked, CancellationToken cancellationToken)
    {
        if (!BusinessNumber.TryParse(businessNumber, out var number, out var error))
        {
            return ApiError.Invalid(error, "businessNumber");
        }
        var canonical = number.ToString();
        var query = db.Applications.Include(a => a.Events).ThenInclude(e => e.CorrectionItems).Include(a => a.Parties).AsSplitQuery();
        var application = await (tracked ? query : query.AsNoTracking()).SingleOrDefaultAsync(a => a.BusinessNumber == canonical, cancellationToken);
        return application is null ? ApiError.NotFound(ErrorCodes.ApplicationNotFound) : application;
    }

    public async Task<Result<ApplicationResponse>> GetAsync(string? businessNumber, Caller caller, CancellationToken cancellationToken)
    {
        var found = await FindAsync(db, businessNumber, tracked: false, cancellationToken);
        if (found.Error is { } error)
        {
            return error;
        }
        return await views.MaySeeAsync(caller, found.Value!, cancellationToken)
            ? await views.BuildAsync(found.Value!, caller, cancellationToken)
            : ApiError.NotFound(ErrorCodes.ApplicationNotFound);
    }

    public async Task<Result<ApplicationProgressResponse>> ProgressAsync(string? businessNumber, string? applicantIdNumber, CancellationToken cancellationToken)
    {
        var idNumber = ResidentIdNumber.TryParse(applicantIdNumber, out var id, out _) ? id.ToString()
            : UnifiedSocialCreditCode.TryParse(applicantIdNumber, out var code, out _) ? code.ToString()
            : null;
        if (idNumber is null)
        {
            return ApiError.BadRequest(IdentifierErrorCodes.InvalidIdNumber, "applicantIdNumber");
        }
        var found = await FindAsync(db, businessNumber, tracked: false, cancellationToken);
        if (found.Error is { } error)
        {
            return error;
        }
        return found.Value!.Parties.Any(p => p.IdNumber == idNumber)
            ? await views.ProgressAsync(found.Value!, cancellationToken)
            : ApiError.NotFound(ErrorCodes.ApplicationNotFound);
    }

    /// <summary>
    /// The progress of an application the caller may see (its submitter, its parties, staff: as <see cref="GetAsync"/>),
    /// nothing personal; APPLICATION_NOT_FOUND otherwise. What <c>applicationProgressChanged</c> delivers.
    /// </summary>
    public async Task<Result<ApplicationProgressResponse>> ProgressForAsync(string? businessNumber, Caller caller, CancellationToken cancellationToken)
    {
        var found = await FindAsync(db, businessNumber, tracked: false, cancellationToken);
        if (found.Error is { } error)
        {
            return error;
        }
        return await views.MaySeeAsync(caller, found.Value!, cancellationToken)
            ? await views.ProgressAsync(found.Value!, cancellationToken)
            : ApiError.NotFound(ErrorCodes.ApplicationNotFound);
    }

    public async Task<Result<ApplicationPage>> ListAsync(ApplicationFilter filter, Caller caller, CancellationToken cancellationToken)
    {
        var limit = filter.Limit ?? DefaultLimit;
        if (limit is < 1 or > MaxLimit)
        {
            return ApiError.BadRequest(ErrorCodes.InvalidLimit, "limit");
        }
        var query = db.Applications.AsNoTracking();
        if (!caller.IsStaff)
        {
            var key = caller.SubjectKey;
            var idNumber = await views.PartyIdNumberAsync(caller, cancellationToken);
            query = query.Where(a => a.SubmitterKey == key || (idNumber != null && a.Parties.Any(p => p.IdNumber == idNumber)));
        }
        if (!string.IsNullOrEmpty(filter.Status))
        {
            if (!TryEnum<ApplicationStatus>(filter.Status, out var status))
            {
                return ApiError.BadRequest(ErrorCodes.InvalidStatus, "status");
            }
            query = query.Where(a => a.Status == status);
        }
        if (!string.IsNullOrEmpty(filter.BusinessType))
        {
            if (!TryEnum<BusinessType>(filter.BusinessType, out var type))
            {
                return ApiError.BadRequest(ErrorCodes.InvalidBusinessType, "businessType");
            }
            query = query.Where(a => a.BusinessType == type);
        }
        var today = ChinaTime.DateOf(time.GetUtcNow().UtcDateTime);
        // The last due date that counts as due soon: the same bound DeadlineCalculator.StateAt applies to one deadline.
        var dueSoonBy = (await configuration.CalendarAsync(cancellationToken)).AddWorkingDays(today, options.Value.DueSoonWorkingDays).Value;
        if (!string.IsNullOrEmpty(filter.Deadline))
        {
            switch (filter.Deadline.Trim().ToUpperInvariant())
            {
                case "DUE_SOON":
                    query = query.Where(a => a.ClosedAt == null && a.RecordedAt == null && a.DueDate != null && a.DueDate <= dueSoonBy);
                    break;
                case "OVERDUE":
                    query = query.Where(a => a.ClosedAt == null && a.RecordedAt == null && a.DueDate != null && a.DueDate < today);
                    break;
                default:
                    return ApiError.BadRequest(ErrorCodes.InvalidDeadlineFilter, "deadline");
            }
        }
        if (!string.IsNullOrEmpty(filter.After))
        {
            if (!IdCursor.Applications.TryDecode(filter.After, out var after))
            {
                return ApiError.BadRequest(ErrorCodes.InvalidCursor, "after");
            }
            query = query.Where(a => a.Id < after);
        }
        var rows = await query.OrderByDescending(a => a.Id).Take(limit + 1)
            .Select(a => new { a.Id, a.BusinessNumber, a.BusinessType, a.Status, a.Summary, a.UnitCount, a.SubmittedAt, a.SubmittedBy, a.AcceptedAt, a.DueDate, a.DueDateProvisional, a.RecordedAt, a.ClosedAt, a.ExtendedWorkingDays })
            .ToListAsync(cancellationToken);
        var calculator = await views.CalculatorAsync(cancellationToken);
        var items = rows.Take(limit).Select(a => new ApplicationSummaryResponse(
            a.BusinessNumber, a.BusinessType, a.Status, a.Summary, a.UnitCount, a.SubmittedAt, a.SubmittedBy,
            views.StoredDeadline(a.BusinessType, a.AcceptedAt, a.DueDate, a.DueDateProvisional, a.ClosedAt is not null || a.RecordedAt is not null, calculator, a.ExtendedWorkingDays)))
            .ToList();
        return new ApplicationPage(items, rows.Count > limit ? IdCursor.Applications.Encode(rows[limit - 1].Id) : null)
        {
            Cursors = [.. rows.Take(limit).Select(a => IdCursor.Applications.Encode(a.Id))],
        };
    }

    private static bool TryEnum<T>(string text, out T value) where T : struct, Enum =>
        Enum.TryParse(text.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out value) && Enum.IsDefined(value) && !char.IsAsciiDigit(text[0]);
}
