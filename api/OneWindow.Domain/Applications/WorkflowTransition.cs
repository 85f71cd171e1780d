namespace OneWindow.Domain.Applications;

/// <summary>One row of the workflow table: from a status, an action leads to a status, done by some actors.</summary>
/// <param name="From">The status the action applies to.</param>
/// <param name="Action">The action.</param>
/// <param name="To">
/// The resulting status, or <see langword="null"/> for <see cref="ApplicationAction.Supplement"/>, which goes
/// back to the status the correction was requested from (<see cref="Workflow.CorrectionOrigins"/>).
/// </param>
/// <param name="Actors">Who may perform it.</param>
/// <param name="RequiresReason">Whether a non-empty reason must be given (refusal, correction, return).</param>
/// <param name="ImmediateTypesOnly">Whether it applies only to business types with a time limit of 0.</param>
public sealed record WorkflowTransition(
    ApplicationStatus From,
    ApplicationAction Action,
    ApplicationStatus? To,
    IReadOnlyList<ActorKind> Actors,
    bool RequiresReason = false,
    bool ImmediateTypesOnly = false)
{
    /// <summary>Whether the target is the status before the correction request rather than a fixed one.</summary>
    public bool ResumesPriorStatus => To is null;
}
