namespace OneWindow.Api.Data.Entities;

/// <summary>
/// A registry-wide checkpoint: the roll-up of every unit's chain head at one moment, signed with a registry key
/// (docs/register.md). <see cref="Payload"/> is the exact text that was signed; the other columns repeat its fields
/// for queries. The sequence is unique, so one instance takes a given checkpoint.
/// </summary>
public sealed class RegisterCheckpoint
{
    public long Id { get; set; }
    public long Sequence { get; set; }
    public DateTime TakenAt { get; set; }
    public long UnitCount { get; set; }
    public long EntryCount { get; set; }
    public required string Root { get; set; }
    public required string PreviousHash { get; set; }
    /// <summary>SHA-256 of <see cref="Payload"/>: the next checkpoint's previous hash.</summary>
    public required string Hash { get; set; }
    public required string Payload { get; set; }
    public required string KeyId { get; set; }
    public required string Signature { get; set; }
}

/// <summary>
/// A unit's chain head as checkpoint <see cref="CheckpointSequence"/> recorded it, kept only when it differs from what
/// the checkpoint before recorded: the heads of checkpoint n are, per unit, the row with the highest sequence ≤ n.
/// They are trusted only as far as they roll up to the checkpoint's signed root.
/// </summary>
public sealed class RegisterCheckpointHead
{
    public required string UnitCode { get; set; }
    public long CheckpointSequence { get; set; }
    public int EntryCount { get; set; }
    public required string Head { get; set; }
}

/// <summary>
/// A registry key that signs checkpoints or certificates. The public key is kept in clear (PEM) for anyone to check
/// with; the private key is protected with ASP.NET Core Data Protection.
/// </summary>
public sealed class RegistryKey
{
    /// <summary>What the key signs: <see cref="RegistryKeyUses.Register"/> checkpoints or <see cref="RegistryKeyUses.Certificate"/>s.</summary>
    public const int UseLength = 20;

    public required string KeyId { get; set; }
    /// <summary>"ES256", or "SM2-SM3" (SM2 signatures over SM3 digests) for certificates.</summary>
    public required string Algorithm { get; set; }
    /// <summary>What it signs (<see cref="RegistryKeyUses"/>); the register's checkpoint keys are "register".</summary>
    public string Use { get; set; } = RegistryKeyUses.Register;
    /// <summary>When a newer key took over signing: a retired key signs nothing more but stays published.</summary>
    public DateTime? RetiredAt { get; set; }
    public required string PublicKey { get; set; }
    public required string ProtectedPrivateKey { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>The uses of registry keys: one key never signs two kinds of document.</summary>
public static class RegistryKeyUses
{
    public const string Register = "register";
    public const string Certificate = "certificate";
}
