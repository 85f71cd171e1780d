using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OneWindow.Domain.Register;

/// <summary>
/// What a registry-wide checkpoint states and its key signs: the sequence, when it was taken, how many units and
/// entries the register held, the root of their chain heads (<see cref="CheckpointRoot"/>), the hash of the previous
/// checkpoint's payload (so checkpoints chain too) and the signing key. The signature is over the exact UTF-8 bytes
/// of <see cref="ToJson"/>, which are stored and exported as they are, so nobody has to re-create them.
/// </summary>
public sealed record CheckpointPayload(
    long Sequence,
    DateTime TakenAt,
    long UnitCount,
    long EntryCount,
    string Root,
    string PreviousHash,
    string KeyId,
    string Algorithm)
{
    /// <summary>The "previous hash" of the first checkpoint.</summary>
    public static readonly string Genesis = new('0', 64);

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public string ToJson() => JsonSerializer.Serialize(this with { TakenAt = RegisterChain.Normalise(TakenAt) }, Json);

    /// <summary>The payload in a stored or exported text, or null when it is not one.</summary>
    public static CheckpointPayload? Parse(string json)
    {
        try
        {
            var payload = JsonSerializer.Deserialize<CheckpointPayload>(json, Json);
            return payload is { Root: not null, PreviousHash: not null, KeyId: not null, Algorithm: not null } ? payload : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>SHA-256 of the payload's bytes: what the next checkpoint names as its previous one.</summary>
    public static string Hash(string payloadJson) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(payloadJson)));
}

/// <summary>Signing and checking checkpoint payloads (ES256: ECDSA P-256 with SHA-256, IEEE P1363 signatures).</summary>
public static class CheckpointSignature
{
    public const string Es256 = "ES256";

    public static string Sign(string payloadJson, ECDsa key) =>
        Convert.ToBase64String(key.SignData(Encoding.UTF8.GetBytes(payloadJson), HashAlgorithmName.SHA256));

    /// <summary>Whether <paramref name="signature"/> (base64) is a valid signature of the payload by the public key (PEM).</summary>
    public static bool Verify(string payloadJson, string signature, string algorithm, string publicKeyPem)
    {
        if (algorithm != Es256)
        {
            return false;
        }
        try
        {
            using var key = ECDsa.Create();
            key.ImportFromPem(publicKeyPem);
            return key.VerifyData(Encoding.UTF8.GetBytes(payloadJson), Convert.FromBase64String(signature), HashAlgorithmName.SHA256);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or CryptographicException)
        {
            return false;
        }
    }
}
