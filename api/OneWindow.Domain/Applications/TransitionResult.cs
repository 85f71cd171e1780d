using System.Diagnostics.CodeAnalysis;

namespace OneWindow.Domain.Applications;

/// <summary>The outcome of <see cref="Workflow.Apply"/>: the new status, or an error code and the unchanged status.</summary>
public sealed record TransitionResult
{
    private TransitionResult(
        ApplicationStatus status, IReadOnlyList<ApplicationStatus> path, string? errorCode, string? errorMessage)
    {
        Status = status;
        Path = path;
        ErrorCode = errorCode;
        ErrorMessage = errorMessage;
    }

    /// <summary>Whether the transition happened.</summary>
    [MemberNotNullWhen(false, nameof(ErrorCode), nameof(ErrorMessage))]
    public bool Succeeded => ErrorCode is null;

    /// <summary>The status after the action; on failure, the status it was applied to.</summary>
    public ApplicationStatus Status { get; }

    /// <summary>
    /// The statuses entered, in order, ending with <see cref="Status"/>: one for an ordinary action,
    /// Recorded then Completed for <see cref="ApplicationAction.RecordImmediately"/>; empty on failure.
    /// Each is one entry in the application's timeline.
    /// </summary>
    public IReadOnlyList<ApplicationStatus> Path { get; }

    /// <summary>A code from <see cref="WorkflowErrors"/>, or <see langword="null"/> on success.</summary>
    public string? ErrorCode { get; }

    /// <summary>A message for logs and developers (the API localises by <see cref="ErrorCode"/>).</summary>
    public string? ErrorMessage { get; }

    internal static TransitionResult Success(IReadOnlyList<ApplicationStatus> path) => new(path[^1], path, null, null);

    internal static TransitionResult Failure(ApplicationStatus unchanged, string code, string message) =>
        new(unchanged, [], code, message);
}
