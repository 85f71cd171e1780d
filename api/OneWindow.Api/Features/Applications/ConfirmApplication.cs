using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Auth;
using OneWindow.Api.Data;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Errors;
using OneWindow.Domain.Applications;

namespace OneWindow.Api.Features.Applications;

/// <summary>
/// Consent of the applicants a submitter named (共同申请): each confirms, or declines, with its own identity of record —
/// an organisation through one of its own clients (its verified credit code is the applicant's), a person signed in with
/// their real-name account (their ID number of record is the applicant's). Nobody confirms for someone else. When the
/// last one confirms, the application is submitted (and, for an immediate type, deemed accepted); one who declines
/// ends it, and so does the platform when nobody confirmed within <see cref="ApplicationsOptions.ConfirmationWindow"/>.
/// Each answer is recorded on the applicant (who, when, how) and as a step of the timeline.
/// </summary>
public sealed class ConfirmApplication(RegistryDbContext db, ApplicationViews views, TimeLimitPolicy policy, TimeProvider time)
{
    public async Task<StepResult> AnswerAsync(
        string? businessNumber, bool confirm, ApplicationActionRequest? request, Caller caller, CancellationToken cancellationToken)
    {
        var (application, reason, refusal) = await ApplicationWorkflow.OpenForStepAsync(db, views, businessNumber, request, caller, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        var action = confirm ? ApplicationAction.Confirm : ApplicationAction.Decline;
        if (!Workflow.CanApply(application!.Status, action))
        {
            return new ApiError(WorkflowErrors.IllegalTransition, StatusCodes.Status409Conflict);
        }
        var self = await views.PartyIdNumberAsync(caller, cancellationToken);
        var mine = application.Parties.Where(p => self is not null && p.IdNumber == self && p.Confirmation == ConfirmationState.Pending).ToList();
        if (mine.Count == 0)
        {
            return new ApiError(ErrorCodes.NotAConfirmingParty, StatusCodes.Status403Forbidden);
        }

        var now = time.GetUtcNow().UtcDateTime;
        foreach (var party in mine)
        {
            party.Confirmation = confirm ? ConfirmationState.Confirmed : ConfirmationState.Declined;
            party.ConfirmationMethod = caller.PersonId is not null ? ConfirmationMethod.PersonSignIn : ConfirmationMethod.PartnerClient;
            party.ConfirmedBy = caller.Name;
            party.ConfirmedAt = now;
        }
        var settles = !confirm || application.Parties.All(p => p.Confirmation == ConfirmationState.Confirmed);
        // An answer that leaves others still to confirm is a step of the timeline that keeps the status.
        var to = settles ? Workflow.Apply(application.Status, action, ActorKind.Applicant, reason).Status : application.Status;
        Step(application, action, to, ActorKind.Applicant, caller.Name, reason, now);
        if (to == ApplicationStatus.Submitted && policy.IsImmediate(application.BusinessType))
        {
            SubmitApplication.DeemAccepted(application, now, await views.CalculatorAsync(cancellationToken), policy);
        }
        if (!await SaveAsync(application, now, cancellationToken))
        {
            return new ApiError(ErrorCodes.ConcurrentChange, StatusCodes.Status409Conflict);
        }
        return new StepResult(await views.BuildAsync(application, caller, cancellationToken), null, []);
    }

    /// <summary>
    /// Ends the applications still waiting for confirmation that were submitted before <paramref name="cutoff"/>: the
    /// platform declines them (no applicant did), with the reason on the timeline, and frees their units. Each is its own
    /// change: one an applicant answers at the same moment is left to that answer. Returns how many ended.
    /// </summary>
    public async Task<int> LapseAsync(DateTime cutoff, CancellationToken cancellationToken)
    {
        var ids = await db.Applications.AsNoTracking()
            .Where(a => a.Status == ApplicationStatus.AwaitingConfirmation && a.SubmittedAt < cutoff)
            .OrderBy(a => a.Id).Select(a => a.Id).Take(500).ToListAsync(cancellationToken);
        var ended = 0;
        foreach (var id in ids)
        {
            db.ChangeTracker.Clear();
            var application = await db.Applications.Include(a => a.Events).SingleAsync(a => a.Id == id, cancellationToken);
            var transition = Workflow.Apply(application.Status, ApplicationAction.Decline, ActorKind.System);
            if (!transition.Succeeded)
            {
                continue;
            }
            var now = time.GetUtcNow().UtcDateTime;
            Step(application, ApplicationAction.Decline, transition.Status, ActorKind.System, "system", "申请人未在期限内确认", now);
            // An applicant who answered meanwhile changed the version: their answer stands.
            if (await SaveAsync(application, now, cancellationToken))
            {
                ended++;
            }
        }
        db.ChangeTracker.Clear();
        return ended;
    }

    /// <summary>A step of the timeline: the event, the new status and the version.</summary>
    private static void Step(
        RegistrationApplication application, ApplicationAction action, ApplicationStatus to, ActorKind actorKind, string actor, string? reason, DateTime now)
    {
        application.Events.Add(new ApplicationEvent
        {
            Action = action, FromStatus = application.Status, ToStatus = to, ActorKind = actorKind, Actor = actor, Reason = reason, OccurredAt = now,
        });
        application.Status = to;
        application.Version++;
    }

    /// <summary>
    /// Saves the application in one transaction, closing it and freeing its units when its status is final; false (and
    /// nothing saved) when it changed meanwhile.
    /// </summary>
    private async Task<bool> SaveAsync(RegistrationApplication application, DateTime now, CancellationToken cancellationToken)
    {
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (Workflow.IsTerminal(application.Status))
            {
                application.ClosedAt = now;
                await ApplicationWorkflow.FreeUnitsAsync(db, application.Id, cancellationToken);
            }
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }
}
