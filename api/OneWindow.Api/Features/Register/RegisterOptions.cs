namespace OneWindow.Api.Features.Register;

/// <summary>The register's settings (section <c>Register</c>).</summary>
public sealed class RegisterOptions
{
    public const string Section = "Register";

    /// <summary>
    /// How often a signed checkpoint of the whole register is taken. Note: a chain rewritten between two checkpoints is
    /// caught only against a checkpoint kept outside the database from before the rewrite, so the interval bounds what
    /// an exported copy can prove; production keeps it at an hour or less and exports each one (docs/register.md).
    /// </summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Whether this instance takes checkpoints on the timer (staff can always take one on demand).</summary>
    public bool CheckpointsEnabled { get; set; } = true;
}
