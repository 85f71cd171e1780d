using OneWindow.Api.Data.Entities;
using OneWindow.Api.Errors;

namespace OneWindow.Api.Features.Applications;

/// <summary>How an application enters the workflow once stored.</summary>
public enum FilingRoute
{
    /// <summary>Some applicant named by the submitter has not confirmed yet: 待确认, no deadline runs.</summary>
    AwaitConfirmation,

    /// <summary>Submitted; staff accept it (受理) and the time limit runs from then.</summary>
    Submit,

    /// <summary>
    /// An immediate type (time limit 0) that the platform may not enter by itself: deemed accepted at once (暂行条例
    /// art. 17), due the same working day, entered only by a registrar.
    /// </summary>
    DeemAccepted,

    /// <summary>即办: entered in the register by the platform in the submission's transaction.</summary>
    EnterAtOnce,
}

/// <summary>
/// Who stands behind a submission, decided by identity of record, never by the names a request gives: whether the
/// submitter is one of the applicants (its credit code, or a citizen's ID number of record, is an applicant's) or files
/// as an agent for them, which applicants have consented, and the circumstances that follow (an agent always declares
/// 委托代理人申请, so the power of attorney and the agent's identity are required).
/// </summary>
/// <param name="AsAgent">The submitter is not an applicant: it files for the named principals.</param>
/// <param name="Circumstances">The declared circumstances with those that follow from who files.</param>
/// <param name="Consents">Per applicant (in the draft's order): how it consented, or null while it has not.</param>
public sealed record Filing(bool AsAgent, IReadOnlyList<string> Circumstances, IReadOnlyList<ConfirmationMethod?> Consents)
{
    /// <summary>Where the stored application goes (<see cref="Routed"/> decides it once the register check passed).</summary>
    public FilingRoute Route { get; init; } = FilingRoute.Submit;

    /// <summary>Whether an applicant has still to confirm with its own identity.</summary>
    public bool AwaitsConfirmation => Consents.Any(c => c is null);

    /// <summary>
    /// Reads who files <paramref name="draft"/>: the submitter must be an applicant, unless it is an agency (登记代理),
    /// which files only as agent. An authorised channel (operator-approved, <see cref="Partner.IsAuthorisedChannel"/>)
    /// that declares <see cref="Domain.Applications.Circumstances.AuthorisedChannel"/> vouches, with its in-person check,
    /// for every applicant's consent; no one else may declare it. Every other applicant confirms later.
    /// </summary>
    public static Filing Of<TPayload>(Draft<TPayload> draft, SubmitContext context, Problems problems, string path)
    {
        if (draft.Applicants.Count == 0 && context.Caller.IsStaff)
        {
            // A registry's own filing (依职权更正登记): no applicant to confirm, nobody files as agent.
            return new Filing(false, draft.Circumstances, []);
        }
        var self = context.SelfIdNumber;
        var asAgent = self is null || draft.Applicants.All(a => a.Party.IdNumber != self);
        var agency = context.Partner is { Kind: PartnerKind.Agency };
        if (asAgent && !agency)
        {
            // Banks, developers, courts and citizens file their own business; only an agency files for others.
            problems.Add(ErrorCodes.ApplicantNotCaller, path + draft.ApplicantsField);
        }
        var circumstances = draft.Circumstances.ToList();
        if (asAgent && agency && !circumstances.Contains(Domain.Applications.Circumstances.AgentApplies))
        {
            circumstances.Add(Domain.Applications.Circumstances.AgentApplies);
        }
        var channel = circumstances.Contains(Domain.Applications.Circumstances.AuthorisedChannel);
        if (channel && (asAgent || context.Partner is not { IsAuthorisedChannel: true }))
        {
            problems.Add(ErrorCodes.NotAnAuthorisedChannel, path + "circumstances", Domain.Applications.Circumstances.AuthorisedChannel);
        }
        var consents = draft.Applicants
            .Select(a => a.Party.IdNumber == self ? ConfirmationMethod.Submitter : channel ? ConfirmationMethod.AuthorisedChannel : (ConfirmationMethod?)null)
            .ToArray();
        return new Filing(asAgent, circumstances, consents);
    }

    /// <summary>
    /// The filing with its route: consent first, then the type's time limit, then whether the platform may enter it
    /// (<paramref name="entersAtOnce"/>: the type's rules say this submitter takes no one else's right without their
    /// say; an agent's filing never enters without a registrar).
    /// </summary>
    public Filing Routed(bool immediateType, bool entersAtOnce) => this with
    {
        Route = AwaitsConfirmation ? FilingRoute.AwaitConfirmation
            : !immediateType ? FilingRoute.Submit
            : entersAtOnce && !AsAgent ? FilingRoute.EnterAtOnce
            : FilingRoute.DeemAccepted,
    };
}
