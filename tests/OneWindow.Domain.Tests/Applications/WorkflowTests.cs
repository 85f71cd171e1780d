using OneWindow.Domain.Applications;

namespace OneWindow.Domain.Tests.Applications;

public sealed class WorkflowTests
{
    // The workflow table written out independently of Workflow.Transitions: if either changes, this test fails.
    private static readonly (ApplicationStatus From, ApplicationAction Action)[] AllowedPairs =
    [
        (ApplicationStatus.AwaitingConfirmation, ApplicationAction.Confirm),
        (ApplicationStatus.AwaitingConfirmation, ApplicationAction.Decline),
        (ApplicationStatus.AwaitingConfirmation, ApplicationAction.Withdraw),
        (ApplicationStatus.Submitted, ApplicationAction.Accept),
        (ApplicationStatus.Submitted, ApplicationAction.Refuse),
        (ApplicationStatus.Submitted, ApplicationAction.Withdraw),
        (ApplicationStatus.Submitted, ApplicationAction.RequestCorrection),
        (ApplicationStatus.Submitted, ApplicationAction.RecordImmediately),
        (ApplicationStatus.Accepted, ApplicationAction.StartReview),
        (ApplicationStatus.Accepted, ApplicationAction.RequestCorrection),
        (ApplicationStatus.Accepted, ApplicationAction.Withdraw),
        (ApplicationStatus.Accepted, ApplicationAction.ExtendDeadline),
        (ApplicationStatus.Accepted, ApplicationAction.PauseClock),
        (ApplicationStatus.Accepted, ApplicationAction.ResumeClock),
        (ApplicationStatus.UnderReview, ApplicationAction.RequestCorrection),
        (ApplicationStatus.UnderReview, ApplicationAction.Record),
        (ApplicationStatus.UnderReview, ApplicationAction.Return),
        (ApplicationStatus.UnderReview, ApplicationAction.Withdraw),
        (ApplicationStatus.UnderReview, ApplicationAction.ExtendDeadline),
        (ApplicationStatus.UnderReview, ApplicationAction.PauseClock),
        (ApplicationStatus.UnderReview, ApplicationAction.ResumeClock),
        (ApplicationStatus.CorrectionRequested, ApplicationAction.Supplement),
        (ApplicationStatus.CorrectionRequested, ApplicationAction.Return),
        (ApplicationStatus.CorrectionRequested, ApplicationAction.Withdraw),
        (ApplicationStatus.Recorded, ApplicationAction.PrepareCertificate),
        (ApplicationStatus.CertificatePrepared, ApplicationAction.Complete),
    ];

    public static TheoryData<ApplicationStatus, ApplicationAction> EveryStatusAndAction()
    {
        var data = new TheoryData<ApplicationStatus, ApplicationAction>();
        foreach (var status in Enum.GetValues<ApplicationStatus>())
        {
            foreach (var action in Enum.GetValues<ApplicationAction>())
            {
                data.Add(status, action);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryStatusAndAction))]
    public void CanApply_EveryStatusAndAction_AllowedExactlyWhenListed(ApplicationStatus from, ApplicationAction action)
    {
        Assert.Equal(AllowedPairs.Contains((from, action)), Workflow.CanApply(from, action));
    }

    [Fact]
    public void Transitions_Table_HasOneRowPerListedPair()
    {
        Assert.Equal(AllowedPairs.Length, Workflow.Transitions.Count);
        Assert.Equal(Workflow.Transitions.Count, Workflow.Transitions.Select(t => (t.From, t.Action)).Distinct().Count());
    }

    [Theory]
    [InlineData(ApplicationStatus.Submitted, ApplicationAction.Accept, ActorKind.Staff, ApplicationStatus.Accepted)]
    [InlineData(ApplicationStatus.Submitted, ApplicationAction.Refuse, ActorKind.Staff, ApplicationStatus.Refused)]
    [InlineData(ApplicationStatus.Submitted, ApplicationAction.Withdraw, ActorKind.Applicant, ApplicationStatus.Withdrawn)]
    [InlineData(ApplicationStatus.Submitted, ApplicationAction.RequestCorrection, ActorKind.Staff, ApplicationStatus.CorrectionRequested)]
    [InlineData(ApplicationStatus.Accepted, ApplicationAction.StartReview, ActorKind.Staff, ApplicationStatus.UnderReview)]
    [InlineData(ApplicationStatus.Accepted, ApplicationAction.StartReview, ActorKind.System, ApplicationStatus.UnderReview)]
    [InlineData(ApplicationStatus.Accepted, ApplicationAction.RequestCorrection, ActorKind.Staff, ApplicationStatus.CorrectionRequested)]
    [InlineData(ApplicationStatus.Accepted, ApplicationAction.Withdraw, ActorKind.Applicant, ApplicationStatus.Withdrawn)]
    [InlineData(ApplicationStatus.UnderReview, ApplicationAction.RequestCorrection, ActorKind.Staff, ApplicationStatus.CorrectionRequested)]
    [InlineData(ApplicationStatus.UnderReview, ApplicationAction.Record, ActorKind.Staff, ApplicationStatus.Recorded)]
    [InlineData(ApplicationStatus.UnderReview, ApplicationAction.Return, ActorKind.Staff, ApplicationStatus.Returned)]
    [InlineData(ApplicationStatus.UnderReview, ApplicationAction.Withdraw, ActorKind.Applicant, ApplicationStatus.Withdrawn)]
    [InlineData(ApplicationStatus.CorrectionRequested, ApplicationAction.Return, ActorKind.Staff, ApplicationStatus.Returned)]
    [InlineData(ApplicationStatus.CorrectionRequested, ApplicationAction.Withdraw, ActorKind.Applicant, ApplicationStatus.Withdrawn)]
    [InlineData(ApplicationStatus.Recorded, ApplicationAction.PrepareCertificate, ActorKind.Staff, ApplicationStatus.CertificatePrepared)]
    [InlineData(ApplicationStatus.Recorded, ApplicationAction.PrepareCertificate, ActorKind.System, ApplicationStatus.CertificatePrepared)]
    [InlineData(ApplicationStatus.CertificatePrepared, ApplicationAction.Complete, ActorKind.Staff, ApplicationStatus.Completed)]
    [InlineData(ApplicationStatus.CertificatePrepared, ApplicationAction.Complete, ActorKind.System, ApplicationStatus.Completed)]
    public void Apply_AllowedTransitionByPermittedActor_ReachesTarget(
        ApplicationStatus from, ApplicationAction action, ActorKind actor, ApplicationStatus expected)
    {
        var result = Workflow.Apply(from, action, actor, reason: "材料不齐全：缺少主债权合同");

        Assert.True(result.Succeeded, result.ErrorMessage);
        Assert.Equal(expected, result.Status);
        Assert.Equal([expected], result.Path);
    }

    public static TheoryData<ApplicationStatus, ApplicationAction, ActorKind, bool> EveryAllowedPairAndActor()
    {
        // Who may do what, written out independently of the table.
        var permitted = new Dictionary<ApplicationAction, ActorKind[]>
        {
            // The system accepts what is deemed accepted (暂行条例 art. 17).
            [ApplicationAction.Accept] = [ActorKind.Staff, ActorKind.System],
            [ApplicationAction.Refuse] = [ActorKind.Staff],
            [ApplicationAction.Confirm] = [ActorKind.Applicant],
            // The system ends what nobody confirmed in time.
            [ApplicationAction.Decline] = [ActorKind.Applicant, ActorKind.System],
            [ApplicationAction.RequestCorrection] = [ActorKind.Staff],
            [ApplicationAction.Supplement] = [ActorKind.Applicant, ActorKind.Staff],
            [ApplicationAction.StartReview] = [ActorKind.Staff, ActorKind.System],
            [ApplicationAction.Record] = [ActorKind.Staff],
            [ApplicationAction.Return] = [ActorKind.Staff],
            [ApplicationAction.PrepareCertificate] = [ActorKind.Staff, ActorKind.System],
            [ApplicationAction.Complete] = [ActorKind.Staff, ActorKind.System],
            [ApplicationAction.Withdraw] = [ActorKind.Applicant],
            [ApplicationAction.RecordImmediately] = [ActorKind.Staff, ActorKind.System],
            [ApplicationAction.ExtendDeadline] = [ActorKind.Staff],
            [ApplicationAction.PauseClock] = [ActorKind.Staff],
            [ApplicationAction.ResumeClock] = [ActorKind.Staff],
        };
        var data = new TheoryData<ApplicationStatus, ApplicationAction, ActorKind, bool>();
        foreach (var (from, action) in AllowedPairs)
        {
            foreach (var actor in Enum.GetValues<ActorKind>())
            {
                data.Add(from, action, actor, permitted[action].Contains(actor));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryAllowedPairAndActor))]
    public void Apply_EachActor_SucceedsOnlyForPermittedActors(
        ApplicationStatus from, ApplicationAction action, ActorKind actor, bool permitted)
    {
        var result = Workflow.Apply(from, action, actor, reason: "理由", statusBeforeCorrection: ApplicationStatus.Accepted,
            isImmediateType: true);

        Assert.Equal(permitted, result.Succeeded);
        if (!permitted)
        {
            Assert.Equal(WorkflowErrors.NotAllowedForActor, result.ErrorCode);
        }
    }

    [Theory]
    [InlineData(ApplicationStatus.Submitted, ApplicationAction.Record)]
    [InlineData(ApplicationStatus.Submitted, ApplicationAction.StartReview)]
    [InlineData(ApplicationStatus.Submitted, ApplicationAction.Supplement)]
    [InlineData(ApplicationStatus.Accepted, ApplicationAction.Accept)]
    [InlineData(ApplicationStatus.Accepted, ApplicationAction.Record)]
    [InlineData(ApplicationStatus.Accepted, ApplicationAction.Refuse)]
    [InlineData(ApplicationStatus.UnderReview, ApplicationAction.Complete)]
    [InlineData(ApplicationStatus.CorrectionRequested, ApplicationAction.Record)]
    [InlineData(ApplicationStatus.Recorded, ApplicationAction.Return)]
    [InlineData(ApplicationStatus.Recorded, ApplicationAction.Complete)]
    [InlineData(ApplicationStatus.Completed, ApplicationAction.PrepareCertificate)]
    [InlineData(ApplicationStatus.Refused, ApplicationAction.Accept)]
    [InlineData(ApplicationStatus.Returned, ApplicationAction.StartReview)]
    [InlineData(ApplicationStatus.Withdrawn, ApplicationAction.Supplement)]
    public void Apply_IllegalTransition_ReturnsIllegalTransitionAndKeepsStatus(ApplicationStatus from, ApplicationAction action)
    {
        var result = Workflow.Apply(from, action, ActorKind.Staff, reason: "理由", statusBeforeCorrection: ApplicationStatus.Accepted);

        Assert.False(result.Succeeded);
        Assert.Equal(WorkflowErrors.IllegalTransition, result.ErrorCode);
        Assert.Equal(from, result.Status);
        Assert.Empty(result.Path);
    }

    [Theory]
    [InlineData(ApplicationStatus.Recorded)]
    [InlineData(ApplicationStatus.CertificatePrepared)]
    [InlineData(ApplicationStatus.Completed)]
    public void Apply_WithdrawAfterRecording_ReturnsAlreadyRecorded(ApplicationStatus from)
    {
        var result = Workflow.Apply(from, ApplicationAction.Withdraw, ActorKind.Applicant);

        Assert.Equal(WorkflowErrors.AlreadyRecorded, result.ErrorCode);
        Assert.Equal(from, result.Status);
        Assert.False(Workflow.CanWithdraw(from));
    }

    [Theory]
    [InlineData(ApplicationStatus.Refused)]
    [InlineData(ApplicationStatus.Returned)]
    [InlineData(ApplicationStatus.Withdrawn)]
    public void Apply_WithdrawFromFinalStatusBeforeRecording_ReturnsIllegalTransition(ApplicationStatus from)
    {
        Assert.Equal(WorkflowErrors.IllegalTransition, Workflow.Apply(from, ApplicationAction.Withdraw, ActorKind.Applicant).ErrorCode);
    }

    [Theory]
    [InlineData(ApplicationStatus.Submitted)]
    [InlineData(ApplicationStatus.Accepted)]
    [InlineData(ApplicationStatus.UnderReview)]
    [InlineData(ApplicationStatus.CorrectionRequested)]
    public void CanWithdraw_BeforeRecording_IsTrue(ApplicationStatus status)
    {
        Assert.True(Workflow.CanWithdraw(status));
    }

    [Theory]
    [InlineData(ApplicationStatus.Submitted, ApplicationAction.Refuse, null)]
    [InlineData(ApplicationStatus.Submitted, ApplicationAction.Refuse, "")]
    [InlineData(ApplicationStatus.Submitted, ApplicationAction.Refuse, "   ")]
    [InlineData(ApplicationStatus.Accepted, ApplicationAction.RequestCorrection, null)]
    [InlineData(ApplicationStatus.UnderReview, ApplicationAction.RequestCorrection, "\t")]
    [InlineData(ApplicationStatus.UnderReview, ApplicationAction.Return, null)]
    [InlineData(ApplicationStatus.CorrectionRequested, ApplicationAction.Return, "")]
    [InlineData(ApplicationStatus.Accepted, ApplicationAction.ExtendDeadline, null)]
    [InlineData(ApplicationStatus.UnderReview, ApplicationAction.PauseClock, " ")]
    public void Apply_StaffActionWithoutReason_ReturnsReasonRequired(ApplicationStatus from, ApplicationAction action, string? reason)
    {
        var result = Workflow.Apply(from, action, ActorKind.Staff, reason);

        Assert.Equal(WorkflowErrors.ReasonRequired, result.ErrorCode);
        Assert.Equal(from, result.Status);
    }

    [Fact]
    public void Apply_AcceptWithoutReason_Succeeds()
    {
        Assert.True(Workflow.Apply(ApplicationStatus.Submitted, ApplicationAction.Accept, ActorKind.Staff).Succeeded);
    }

    [Theory]
    [InlineData(ApplicationStatus.Submitted)]
    [InlineData(ApplicationStatus.Accepted)]
    [InlineData(ApplicationStatus.UnderReview)]
    public void Apply_SupplementAfterCorrection_ReturnsToStatusItCameFrom(ApplicationStatus origin)
    {
        var requested = Workflow.Apply(origin, ApplicationAction.RequestCorrection, ActorKind.Staff, reason: "缺少抵押合同");
        var supplemented = Workflow.Apply(requested.Status, ApplicationAction.Supplement, ActorKind.Applicant,
            statusBeforeCorrection: origin);

        Assert.Equal(ApplicationStatus.CorrectionRequested, requested.Status);
        Assert.True(supplemented.Succeeded);
        Assert.Equal(origin, supplemented.Status);
        Assert.Equal([origin], supplemented.Path);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(ApplicationStatus.AwaitingConfirmation)]
    [InlineData(ApplicationStatus.Recorded)]
    public void Apply_SupplementWithoutValidOrigin_Throws(ApplicationStatus? origin)
    {
        Assert.Throws<ArgumentException>(() => Workflow.Apply(
            ApplicationStatus.CorrectionRequested, ApplicationAction.Supplement, ActorKind.Applicant, statusBeforeCorrection: origin));
    }

    [Fact]
    public void Apply_WholeOrdinaryPath_EndsCompleted()
    {
        var status = ApplicationStatus.Submitted;
        (ApplicationAction Action, ActorKind Actor)[] steps =
        [
            (ApplicationAction.Accept, ActorKind.Staff),
            (ApplicationAction.StartReview, ActorKind.System),
            (ApplicationAction.Record, ActorKind.Staff),
            (ApplicationAction.PrepareCertificate, ActorKind.System),
            (ApplicationAction.Complete, ActorKind.Staff),
        ];
        var visited = new List<ApplicationStatus>();
        foreach (var (action, actor) in steps)
        {
            var result = Workflow.Apply(status, action, actor);
            Assert.True(result.Succeeded, result.ErrorMessage);
            status = result.Status;
            visited.Add(status);
        }

        Assert.Equal(
            [ApplicationStatus.Accepted, ApplicationStatus.UnderReview, ApplicationStatus.Recorded,
                ApplicationStatus.CertificatePrepared, ApplicationStatus.Completed],
            visited);
    }

    [Fact]
    public void ImmediatePath_Always_IsSubmittedRecordedCompleted()
    {
        Assert.Equal([ApplicationStatus.Submitted, ApplicationStatus.Recorded, ApplicationStatus.Completed], Workflow.ImmediatePath);
    }

    [Theory]
    [InlineData(BusinessType.MortgageCancellation)]
    [InlineData(BusinessType.Seizure)]
    [InlineData(BusinessType.SeizureRelease)]
    [InlineData(BusinessType.Objection)]
    public void Apply_RecordImmediatelyForImmediateType_CompletesThroughRecorded(BusinessType type)
    {
        var result = Workflow.Apply(ApplicationStatus.Submitted, ApplicationAction.RecordImmediately, ActorKind.System,
            isImmediateType: TimeLimitPolicy.Default.IsImmediate(type));

        Assert.True(result.Succeeded, result.ErrorMessage);
        Assert.Equal(ApplicationStatus.Completed, result.Status);
        Assert.Equal([ApplicationStatus.Recorded, ApplicationStatus.Completed], result.Path);
    }

    [Theory]
    [InlineData(BusinessType.MortgageRegistrationGeneral)]
    [InlineData(BusinessType.FirstRegistration)]
    [InlineData(BusinessType.Transfer)]
    [InlineData(BusinessType.AdvanceNotice)]
    public void Apply_RecordImmediatelyForTypeWithTimeLimit_ReturnsNotImmediateType(BusinessType type)
    {
        var result = Workflow.Apply(ApplicationStatus.Submitted, ApplicationAction.RecordImmediately, ActorKind.System,
            isImmediateType: TimeLimitPolicy.Default.IsImmediate(type));

        Assert.Equal(WorkflowErrors.NotImmediateType, result.ErrorCode);
        Assert.Equal(ApplicationStatus.Submitted, result.Status);
    }

    [Fact]
    public void Apply_RecordImmediatelyByApplicant_ReturnsNotAllowedForActor()
    {
        var result = Workflow.Apply(ApplicationStatus.Submitted, ApplicationAction.RecordImmediately, ActorKind.Applicant,
            isImmediateType: true);

        Assert.Equal(WorkflowErrors.NotAllowedForActor, result.ErrorCode);
    }

    [Fact]
    public void Apply_ImmediateTypeWhenOperatorSetsTimeLimit_TakesOrdinaryPath()
    {
        var policy = TimeLimitPolicy.Create(new Dictionary<BusinessType, int> { [BusinessType.MortgageCancellation] = 1 });

        var immediate = Workflow.Apply(ApplicationStatus.Submitted, ApplicationAction.RecordImmediately, ActorKind.System,
            isImmediateType: policy.IsImmediate(BusinessType.MortgageCancellation));
        var accepted = Workflow.Apply(ApplicationStatus.Submitted, ApplicationAction.Accept, ActorKind.Staff);

        Assert.Equal(WorkflowErrors.NotImmediateType, immediate.ErrorCode);
        Assert.Equal(ApplicationStatus.Accepted, accepted.Status);
    }

    [Fact]
    public void AvailableActions_SubmittedForStaff_AreAcceptRefuseCorrectionAndRecordImmediately()
    {
        // 补正 may be asked before acceptance (受理前): the materials are incomplete or not in the required form.
        Assert.Equal(
            [ApplicationAction.Accept, ApplicationAction.Refuse, ApplicationAction.RequestCorrection, ApplicationAction.RecordImmediately],
            Workflow.AvailableActions(ApplicationStatus.Submitted, ActorKind.Staff));
    }

    [Fact]
    public void AvailableActions_UnderReviewForApplicant_IsWithdrawOnly()
    {
        Assert.Equal([ApplicationAction.Withdraw], Workflow.AvailableActions(ApplicationStatus.UnderReview, ActorKind.Applicant));
    }

    [Theory]
    [InlineData(ApplicationStatus.Refused, true)]
    [InlineData(ApplicationStatus.Returned, true)]
    [InlineData(ApplicationStatus.Withdrawn, true)]
    [InlineData(ApplicationStatus.Completed, true)]
    [InlineData(ApplicationStatus.Submitted, false)]
    [InlineData(ApplicationStatus.CorrectionRequested, false)]
    [InlineData(ApplicationStatus.Recorded, false)]
    public void IsTerminal_Status_MatchesFinalStatuses(ApplicationStatus status, bool terminal)
    {
        Assert.Equal(terminal, Workflow.IsTerminal(status));
    }

    [Theory]
    [InlineData(ApplicationStatus.Submitted, "申请")]
    [InlineData(ApplicationStatus.Accepted, "受理")]
    [InlineData(ApplicationStatus.Recorded, "登簿")]
    [InlineData(ApplicationStatus.CertificatePrepared, "缮证")]
    public void ChineseName_Status_IsTimelineName(ApplicationStatus status, string name)
    {
        Assert.Equal(name, Workflow.ChineseName(status));
    }
}
