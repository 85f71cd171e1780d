using System.Collections.Frozen;

namespace OneWindow.Domain.Applications;

/// <summary>
/// The registration workflow: 申请 → 受理 (or 不予受理) → 审核 → 登簿 → 缮证 → 发证/归档, with 补正 (correction,
/// returning to the stage it came from), 不予登记 (return by review) and 撤回 (withdrawal before recording).
/// The allowed transitions are the data in <see cref="Transitions"/>.
/// </summary>
public static class Workflow
{
    private static readonly ActorKind[] StaffOnly = [ActorKind.Staff];
    private static readonly ActorKind[] ApplicantOnly = [ActorKind.Applicant];
    private static readonly ActorKind[] StaffOrSystem = [ActorKind.Staff, ActorKind.System];

    /// <summary>Every allowed (status, action) pair, with its target, actors and conditions.</summary>
    public static IReadOnlyList<WorkflowTransition> Transitions { get; } =
    [
        // A joint application waits for every applicant the submitter named; one who declines ends it, and so does the
        // system when nobody confirmed in time. The confirming parties act as applicants (with their own identity); the
        // submitter may withdraw meanwhile.
        new(ApplicationStatus.AwaitingConfirmation, ApplicationAction.Confirm, ApplicationStatus.Submitted, ApplicantOnly),
        new(ApplicationStatus.AwaitingConfirmation, ApplicationAction.Decline, ApplicationStatus.Declined, [ActorKind.Applicant, ActorKind.System]),
        new(ApplicationStatus.AwaitingConfirmation, ApplicationAction.Withdraw, ApplicationStatus.Withdrawn, ApplicantOnly),

        // The system accepts on submission what is deemed accepted (暂行条例 art. 17: an immediate type not entered at once).
        new(ApplicationStatus.Submitted, ApplicationAction.Accept, ApplicationStatus.Accepted, StaffOrSystem),
        new(ApplicationStatus.Submitted, ApplicationAction.Refuse, ApplicationStatus.Refused, StaffOnly, RequiresReason: true),
        new(ApplicationStatus.Submitted, ApplicationAction.Withdraw, ApplicationStatus.Withdrawn, ApplicantOnly),
        // 受理前补正: the materials are incomplete or not in the required form; the time limit starts only at acceptance.
        new(ApplicationStatus.Submitted, ApplicationAction.RequestCorrection, ApplicationStatus.CorrectionRequested, StaffOnly,
            RequiresReason: true),
        new(ApplicationStatus.Submitted, ApplicationAction.RecordImmediately, ApplicationStatus.Completed, StaffOrSystem,
            ImmediateTypesOnly: true),

        new(ApplicationStatus.Accepted, ApplicationAction.StartReview, ApplicationStatus.UnderReview, StaffOrSystem),
        new(ApplicationStatus.Accepted, ApplicationAction.RequestCorrection, ApplicationStatus.CorrectionRequested, StaffOnly,
            RequiresReason: true),
        new(ApplicationStatus.Accepted, ApplicationAction.Withdraw, ApplicationStatus.Withdrawn, ApplicantOnly),
        // The time limit's own steps leave the status as it is: an extension (once, with reasons) and the survey or
        // public-notice periods that stop the clock.
        new(ApplicationStatus.Accepted, ApplicationAction.ExtendDeadline, ApplicationStatus.Accepted, StaffOnly, RequiresReason: true),
        new(ApplicationStatus.Accepted, ApplicationAction.PauseClock, ApplicationStatus.Accepted, StaffOnly, RequiresReason: true),
        new(ApplicationStatus.Accepted, ApplicationAction.ResumeClock, ApplicationStatus.Accepted, StaffOnly),

        new(ApplicationStatus.UnderReview, ApplicationAction.RequestCorrection, ApplicationStatus.CorrectionRequested, StaffOnly,
            RequiresReason: true),
        new(ApplicationStatus.UnderReview, ApplicationAction.Record, ApplicationStatus.Recorded, StaffOnly),
        new(ApplicationStatus.UnderReview, ApplicationAction.Return, ApplicationStatus.Returned, StaffOnly, RequiresReason: true),
        new(ApplicationStatus.UnderReview, ApplicationAction.Withdraw, ApplicationStatus.Withdrawn, ApplicantOnly),
        new(ApplicationStatus.UnderReview, ApplicationAction.ExtendDeadline, ApplicationStatus.UnderReview, StaffOnly, RequiresReason: true),
        new(ApplicationStatus.UnderReview, ApplicationAction.PauseClock, ApplicationStatus.UnderReview, StaffOnly, RequiresReason: true),
        new(ApplicationStatus.UnderReview, ApplicationAction.ResumeClock, ApplicationStatus.UnderReview, StaffOnly),

        // Supplied at the window, staff scan the materials for the applicant; online, the applicant uploads them.
        new(ApplicationStatus.CorrectionRequested, ApplicationAction.Supplement, null, [ActorKind.Applicant, ActorKind.Staff]),
        // Not supplied in time: the registry refuses registration in writing (不予登记).
        new(ApplicationStatus.CorrectionRequested, ApplicationAction.Return, ApplicationStatus.Returned, StaffOnly,
            RequiresReason: true),
        new(ApplicationStatus.CorrectionRequested, ApplicationAction.Withdraw, ApplicationStatus.Withdrawn, ApplicantOnly),

        new(ApplicationStatus.Recorded, ApplicationAction.PrepareCertificate, ApplicationStatus.CertificatePrepared, StaffOrSystem),
        new(ApplicationStatus.CertificatePrepared, ApplicationAction.Complete, ApplicationStatus.Completed, StaffOrSystem),
    ];

    /// <summary>
    /// The statuses an immediate type (即办, time limit 0) passes through with
    /// <see cref="ApplicationAction.RecordImmediately"/> where the platform may enter it by itself (a bank cancelling its
    /// own mortgage, a court's seizure or its own release): acceptance, entry in the register and completion happen at
    /// the same moment. These entries issue no certificate to prepare.
    /// </summary>
    public static IReadOnlyList<ApplicationStatus> ImmediatePath { get; } =
        [ApplicationStatus.Submitted, ApplicationStatus.Recorded, ApplicationStatus.Completed];

    /// <summary>The statuses a correction may be requested from, and that <see cref="ApplicationAction.Supplement"/> returns to.</summary>
    public static IReadOnlyList<ApplicationStatus> CorrectionOrigins { get; } =
        [ApplicationStatus.Submitted, ApplicationStatus.Accepted, ApplicationStatus.UnderReview];

    /// <summary>The steps of the time limit itself, which leave the status as it is.</summary>
    public static IReadOnlyList<ApplicationAction> ClockActions { get; } =
        [ApplicationAction.ExtendDeadline, ApplicationAction.PauseClock, ApplicationAction.ResumeClock];

    /// <summary>The statuses from which nothing further happens.</summary>
    public static IReadOnlyList<ApplicationStatus> TerminalStatuses { get; } =
        [ApplicationStatus.Refused, ApplicationStatus.Returned, ApplicationStatus.Withdrawn, ApplicationStatus.Completed, ApplicationStatus.Declined];

    private static readonly FrozenDictionary<(ApplicationStatus, ApplicationAction), WorkflowTransition> ByKey =
        Transitions.ToFrozenDictionary(transition => (transition.From, transition.Action));

    private static readonly ApplicationStatus[] RecordedOrLater =
        [ApplicationStatus.Recorded, ApplicationStatus.CertificatePrepared, ApplicationStatus.Completed];

    /// <summary>Whether <paramref name="action"/> applies to an application in <paramref name="from"/>, by someone.</summary>
    public static bool CanApply(ApplicationStatus from, ApplicationAction action) => ByKey.ContainsKey((from, action));

    /// <summary>The actions <paramref name="actor"/> may take on an application in <paramref name="from"/> (to show as buttons).</summary>
    public static IReadOnlyList<ApplicationAction> AvailableActions(ApplicationStatus from, ActorKind actor) =>
        Transitions.Where(t => t.From == from && t.Actors.Contains(actor)).Select(t => t.Action).ToArray();

    /// <summary>Whether <paramref name="status"/> is final.</summary>
    public static bool IsTerminal(ApplicationStatus status) => TerminalStatuses.Contains(status);

    /// <summary>Whether the application may still be withdrawn: before the entry in the register and not final.</summary>
    public static bool CanWithdraw(ApplicationStatus status) => CanApply(status, ApplicationAction.Withdraw);

    /// <summary>The status's name on the timeline.</summary>
    public static string ChineseName(ApplicationStatus status) => status switch
    {
        ApplicationStatus.Submitted => "申请",
        ApplicationStatus.Accepted => "受理",
        ApplicationStatus.Refused => "不予受理",
        ApplicationStatus.UnderReview => "审核",
        ApplicationStatus.CorrectionRequested => "补正",
        ApplicationStatus.Recorded => "登簿",
        ApplicationStatus.CertificatePrepared => "缮证",
        ApplicationStatus.Completed => "发证归档",
        ApplicationStatus.Returned => "不予登记",
        ApplicationStatus.Withdrawn => "撤回",
        ApplicationStatus.AwaitingConfirmation => "待申请人确认",
        ApplicationStatus.Declined => "申请人不同意",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Not a defined status."),
    };

    /// <summary>
    /// Applies <paramref name="action"/> by <paramref name="actor"/> to an application in <paramref name="from"/>.
    /// Checks, in order: the pair is in <see cref="Transitions"/> (ILLEGAL_TRANSITION, or ALREADY_RECORDED for a
    /// withdrawal after the entry in the register), the actor may do it (NOT_ALLOWED_FOR_ACTOR), a reason is
    /// given where one is required (REASON_REQUIRED), and the immediate path is only used for an immediate
    /// type (NOT_IMMEDIATE_TYPE).
    /// </summary>
    /// <param name="from">The current status.</param>
    /// <param name="action">The action.</param>
    /// <param name="actor">Who does it.</param>
    /// <param name="reason">The written reason for Refuse, RequestCorrection and Return; ignored otherwise.</param>
    /// <param name="statusBeforeCorrection">
    /// For <see cref="ApplicationAction.Supplement"/>: the status recorded when the correction was requested
    /// (one of <see cref="CorrectionOrigins"/>); the application returns to it. Ignored otherwise.
    /// </param>
    /// <param name="isImmediateType">
    /// Whether the application's business type is immediate (<see cref="TimeLimitPolicy.IsImmediate"/>);
    /// only consulted for <see cref="ApplicationAction.RecordImmediately"/>.
    /// </param>
    /// <exception cref="ArgumentException">
    /// Supplement without a valid <paramref name="statusBeforeCorrection"/>: the caller lost data it must keep.
    /// </exception>
    public static TransitionResult Apply(
        ApplicationStatus from,
        ApplicationAction action,
        ActorKind actor,
        string? reason = null,
        ApplicationStatus? statusBeforeCorrection = null,
        bool isImmediateType = false)
    {
        if (!ByKey.TryGetValue((from, action), out var transition))
        {
            return action == ApplicationAction.Withdraw && RecordedOrLater.Contains(from)
                ? TransitionResult.Failure(from, WorkflowErrors.AlreadyRecorded,
                    $"An application cannot be withdrawn once entered in the register (status {from}).")
                : TransitionResult.Failure(from, WorkflowErrors.IllegalTransition,
                    $"{action} does not apply to an application in status {from}.");
        }

        if (!transition.Actors.Contains(actor))
        {
            return TransitionResult.Failure(from, WorkflowErrors.NotAllowedForActor,
                $"{action} may be done by {string.Join(" or ", transition.Actors)}, not by {actor}.");
        }

        if (transition.RequiresReason && string.IsNullOrWhiteSpace(reason))
        {
            return TransitionResult.Failure(from, WorkflowErrors.ReasonRequired, $"{action} requires a written reason.");
        }

        if (transition.ImmediateTypesOnly && !isImmediateType)
        {
            return TransitionResult.Failure(from, WorkflowErrors.NotImmediateType,
                "Only business types with a time limit of 0 working days are recorded immediately.");
        }

        if (transition.To is { } to)
        {
            return TransitionResult.Success(action == ApplicationAction.RecordImmediately ? ImmediatePath.Skip(1).ToArray() : [to]);
        }

        if (statusBeforeCorrection is not { } origin || !CorrectionOrigins.Contains(origin))
        {
            throw new ArgumentException(
                $"Supplement needs the status the correction was requested from ({string.Join(" or ", CorrectionOrigins)}).",
                nameof(statusBeforeCorrection));
        }

        return TransitionResult.Success([origin]);
    }
}
