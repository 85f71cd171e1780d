namespace OneWindow.Api.Data.Entities;

public enum PersonKind { Citizen, Staff, Operator }

/// <summary>A person who signs in with a password (authorization code + PKCE): a citizen, registry staff, an operator.</summary>
public sealed class Person
{
    public long Id { get; set; }
    public required string UserName { get; set; }
    /// <summary>ASP.NET Core Identity's PBKDF2 hash; the password itself is never stored.</summary>
    public required string PasswordHash { get; set; }
    public PersonKind Kind { get; set; }
    public required string Name { get; set; }
    /// <summary>Resident ID number of a real-name citizen account: it links the account to the rights they hold.</summary>
    public string? IdNumber { get; set; }
    public bool Disabled { get; set; }
    public DateTime CreatedAt { get; set; }
}

public enum ClientStatus { Active, Revoked }

/// <summary>An OAuth client of a partner (client credentials). The OpenIddict application holds its current secret.</summary>
public sealed class PartnerClient
{
    public long Id { get; set; }
    public required string ClientId { get; set; }
    public long PartnerId { get; set; }
    public Partner? Partner { get; set; }
    public ClientStatus Status { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public DateTime? SecretRotatedAt { get; set; }
    public List<RetiredClientSecret> RetiredSecrets { get; set; } = [];
}

/// <summary>A client secret replaced by a rotation: still accepted until <see cref="ExpiresAt"/> (the grace period).</summary>
public sealed class RetiredClientSecret
{
    public long Id { get; set; }
    public long PartnerClientId { get; set; }
    /// <summary>The hash OpenIddict stored for the secret; the secret itself is never stored.</summary>
    public required string SecretHash { get; set; }
    public DateTime RetiredAt { get; set; }
    public DateTime ExpiresAt { get; set; }
}

public enum SigningKeyUse { Signing, Encryption }

/// <summary>
/// A token signing or encryption key kept in the database, so every instance signs and validates with the same keys
/// and tokens survive restarts. The private key is protected with ASP.NET Core Data Protection (its key ring is in
/// the database too).
/// </summary>
public sealed class SigningKey
{
    public long Id { get; set; }
    public SigningKeyUse Use { get; set; }
    public required string KeyId { get; set; }
    public required string ProtectedPrivateKey { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>One read of unmasked personal data: who, whose, which fields, why, when, and the request's trace id.</summary>
public sealed class AuditRecord
{
    public long Id { get; set; }
    public DateTime OccurredAt { get; set; }
    /// <summary>Client id of a partner, or user name of a person.</summary>
    public required string Caller { get; set; }
    public required string CallerKind { get; set; }
    /// <summary>What was read: e.g. "unit:441202…", "application:…".</summary>
    public required string Subject { get; set; }
    public required string Fields { get; set; }
    public required string Purpose { get; set; }
    public string? TraceId { get; set; }
}
