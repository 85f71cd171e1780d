using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Auth;
using OneWindow.Api.Data;
using OneWindow.Api.Errors;
using OneWindow.Api.Features.Applications;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Calendar;

namespace OneWindow.Api.Features.Configuration;

/// <summary>A replacement of the holiday calendar: the whole document, the version it replaces, and the years it drops on purpose.</summary>
/// <param name="Content">The new calendar (JSON; format: HolidayCalendar, holidays.json), every announced year in it.</param>
/// <param name="Version">The version it was edited from (If-Match on REST); 0 replaces the shipped default.</param>
/// <param name="RemoveYears">Announced years the new calendar leaves out on purpose; any other left out is refused.</param>
public sealed record HolidayCalendarChange(string? Content, int Version, IReadOnlyCollection<int> RemoveYears);

/// <summary>The saved calendar and how many provisional deadlines it settled.</summary>
public sealed record HolidayCalendarUpdate(ConfigurationDocumentResponse Document, int RecomputedDeadlines);

/// <summary>
/// Operators replace the working-day calendar, typically to add the next year once the State Council has announced
/// it. The document replaces the stored one whole, so it must carry the years already announced: one that is left
/// out is refused (HOLIDAY_YEARS_REMOVED) unless named in <see cref="HolidayCalendarChange.RemoveYears"/>. In the same
/// transaction, every application in progress whose deadline was provisional (it rested on a year without an
/// announced schedule) has it recomputed on the new calendar; the answer says how many.
/// </summary>
public static class UpdateHolidayCalendar
{
    /// <summary>Attempts at the recomputation when a staff action changes one of the applications at the same moment.</summary>
    private const int RecomputeAttempts = 3;

    public static async Task<Result<HolidayCalendarUpdate>> HandleAsync(
        HolidayCalendarChange change, Caller caller, RegistryDbContext db, RegistryConfiguration configuration, ConfigurationChanges changes,
        TimeLimitPolicy policy, Applications.ApplicationKinds kinds, TimeProvider time, ConfigurationActivity activity, CancellationToken cancellationToken)
    {
        var kind = ConfigurationDocuments.HolidayCalendar;
        var validated = ConfigurationDocumentWriter.Validate(kind, change.Content, caller);
        if (validated.Error is { } invalid)
        {
            return invalid;
        }
        var calendar = validated.Value!;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var saved = await ConfigurationDocumentWriter.WriteAsync(kind, change.Content!, change.Version, caller, db, time,
            current => KeepsAnnouncedYears(kind, current, calendar, change.RemoveYears), cancellationToken);
        if (saved.Error is { } error)
        {
            if (error.Code == ErrorCodes.ConcurrentChange)
            {
                activity.ConcurrentChange(caller.Name, kind.Name);
            }
            return error;
        }
        int recomputed;
        try
        {
            recomputed = await RecomputeAsync(db, calendar, policy, kinds, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Nothing is kept: the calendar and the deadlines change together or not at all.
            activity.ConcurrentChange(caller.Name, kind.Name);
            return ConfigurationDocumentWriter.Conflict;
        }
        await transaction.CommitAsync(cancellationToken);

        var document = saved.Value!;
        configuration.Saved(kind, document.Version, calendar);
        await changes.AnnounceAsync(kind.Name, document.Version);
        activity.DocumentSaved(caller.Name, kind.Name, document.Version);
        activity.DeadlinesRecomputed(recomputed);
        return new HolidayCalendarUpdate(document, recomputed);
    }

    /// <summary>The announced years of the stored calendar that the new one leaves out without saying so.</summary>
    private static ApiError? KeepsAnnouncedYears(
        ConfigurationDocumentKind<HolidayCalendar> kind, string currentContent, HolidayCalendar next, IReadOnlyCollection<int> removeYears)
    {
        HolidayCalendar current;
        try
        {
            current = kind.Parse(currentContent);
        }
        catch (FormatException)
        {
            // A stored calendar that does not parse is not in use (RegistryConfiguration kept the last good one).
            return null;
        }
        var dropped = current.Years.Select(y => y.Year).Where(year => !next.IsAnnounced(year) && !removeYears.Contains(year)).ToArray();
        return dropped.Length == 0
            ? null
            : new ApiError(ErrorCodes.HolidayYearsRemoved, StatusCodes.Status409Conflict, string.Join(",", dropped), "removeYears");
    }

    /// <summary>
    /// The provisional deadlines on the new calendar. A staff action on one of the applications at the same moment
    /// makes the save fail on its version; the failed statement is rolled back to its savepoint and the
    /// recomputation starts again from the current rows.
    /// </summary>
    private static async Task<int> RecomputeAsync(
        RegistryDbContext db, HolidayCalendar calendar, TimeLimitPolicy policy, Applications.ApplicationKinds kinds, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ApplicationDeadlines.RecomputeProvisionalAsync(db, new DeadlineCalculator(calendar), policy, kinds, cancellationToken);
            }
            catch (DbUpdateConcurrencyException) when (attempt < RecomputeAttempts)
            {
                db.ChangeTracker.Clear();
            }
        }
    }
}
