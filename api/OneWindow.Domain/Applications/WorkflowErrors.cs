namespace OneWindow.Domain.Applications;

/// <summary>The error codes a workflow transition returns (same codes on REST and GraphQL).</summary>
public static class WorkflowErrors
{
    /// <summary>The action does not apply to the application's current status.</summary>
    public const string IllegalTransition = "ILLEGAL_TRANSITION";

    /// <summary>The action applies, but not for this kind of actor (e.g. an applicant accepting).</summary>
    public const string NotAllowedForActor = "NOT_ALLOWED_FOR_ACTOR";

    /// <summary>Refusal, correction request and return need a non-empty reason.</summary>
    public const string ReasonRequired = "REASON_REQUIRED";

    /// <summary>Withdrawal after the entry in the register.</summary>
    public const string AlreadyRecorded = "ALREADY_RECORDED";

    /// <summary>The immediate path was asked for a business type that has a time limit.</summary>
    public const string NotImmediateType = "NOT_IMMEDIATE_TYPE";
}
