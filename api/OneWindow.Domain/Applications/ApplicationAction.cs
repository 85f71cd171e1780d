namespace OneWindow.Domain.Applications;

/// <summary>What an actor does to an application. See <see cref="Workflow.Transitions"/> for who may do what, and when.</summary>
public enum ApplicationAction
{
    /// <summary>受理: staff accept a submitted application.</summary>
    Accept = 1,

    /// <summary>不予受理: staff refuse a submitted application, with reasons.</summary>
    Refuse = 2,

    /// <summary>补正: staff ask for missing or defective materials, all at once (一次性告知), with reasons.</summary>
    RequestCorrection = 3,

    /// <summary>补正材料已提交: the materials are supplied; the application goes back to where it was.</summary>
    Supplement = 4,

    /// <summary>审核: review starts.</summary>
    StartReview = 5,

    /// <summary>审核通过并登簿: the review approves and the registrar enters the registration in the register.</summary>
    Record = 6,

    /// <summary>不予登记: the review refuses registration, with reasons.</summary>
    Return = 7,

    /// <summary>缮证: the certificate (of title or of registration) is prepared.</summary>
    PrepareCertificate = 8,

    /// <summary>发证/归档: the certificate is issued and the file archived.</summary>
    Complete = 9,

    /// <summary>撤回: the applicant withdraws, only before the entry in the register.</summary>
    Withdraw = 10,

    /// <summary>
    /// 即办: an immediate type (time limit 0) is accepted, recorded and completed in one step;
    /// see <see cref="Workflow.ImmediatePath"/>.
    /// </summary>
    RecordImmediately = 11,

    /// <summary>确认: the last applicant named by the submitter confirms; the application is submitted.</summary>
    Confirm = 12,

    /// <summary>不同意: an applicant named by the submitter declines; the application ends.</summary>
    Decline = 13,

    /// <summary>延长时限: staff extend a complex case's time limit once, by up to 30 working days, with a reason.</summary>
    ExtendDeadline = 14,

    /// <summary>暂停计时: a survey, site inspection or public notice period starts; the clock stops.</summary>
    PauseClock = 15,

    /// <summary>恢复计时: the period ended; the clock runs again.</summary>
    ResumeClock = 16,
}
