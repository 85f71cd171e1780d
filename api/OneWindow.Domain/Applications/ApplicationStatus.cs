namespace OneWindow.Domain.Applications;

/// <summary>
/// Where an application stands. Stored by name; the numbers are fixed as well.
/// See <see cref="Workflow"/> for the transitions.
/// </summary>
public enum ApplicationStatus
{
    /// <summary>申请: submitted, not yet accepted.</summary>
    Submitted = 1,

    /// <summary>受理: accepted; the time limit runs from here.</summary>
    Accepted = 2,

    /// <summary>不予受理: refused at acceptance, with reasons. Final.</summary>
    Refused = 3,

    /// <summary>审核: under review.</summary>
    UnderReview = 4,

    /// <summary>补正中: waiting for the applicant to supply materials; the clock is stopped.</summary>
    CorrectionRequested = 5,

    /// <summary>登簿: entered in the register. Withdrawal is no longer possible.</summary>
    Recorded = 6,

    /// <summary>缮证: certificate prepared.</summary>
    CertificatePrepared = 7,

    /// <summary>发证/归档: issued and archived. Final.</summary>
    Completed = 8,

    /// <summary>不予登记 / 退回: registration refused by review, with reasons. Final.</summary>
    Returned = 9,

    /// <summary>撤回: withdrawn by the applicant before the entry in the register. Final.</summary>
    Withdrawn = 10,

    /// <summary>
    /// 待确认: stored, waiting until every applicant other than the submitter has confirmed it with its own identity.
    /// No deadline runs; nothing is accepted yet.
    /// </summary>
    AwaitingConfirmation = 11,

    /// <summary>申请人不同意: an applicant named by the submitter declined it. Final.</summary>
    Declined = 12,
}
