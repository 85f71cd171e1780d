using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using OneWindow.Sdk.Rest;

namespace OneWindow.Sdk.Certificates;

/// <summary>Why an offline check failed; the same names as the platform's online <c>failure</c>.</summary>
public enum OfflineTokenFailure
{
    /// <summary>Not three base64url parts, or a header or payload that is not JSON.</summary>
    TokenMalformed = 1,
    /// <summary>Neither <c>ES256</c> nor <c>SM2-SM3</c>.</summary>
    TokenAlgorithmUnsupported,
    /// <summary>No published key has the token's key id (for that algorithm).</summary>
    TokenKeyUnknown,
    /// <summary>The signature does not check against the key: the token was altered or not issued by the registry.</summary>
    TokenSignatureInvalid,
}

/// <summary>
/// The answer of an offline check. <see cref="Authentic"/> says the registry signed the payload; whether the
/// certificate is still valid (not cancelled or replaced) only the platform can say now, online.
/// </summary>
public sealed record OfflineVerification(bool Authentic, OfflineTokenFailure? Failure, string? KeyId, string? Algorithm, string? PayloadJson)
{
    /// <summary>The certificate number the signed payload names (null when not authentic).</summary>
    public string? Number => Read("number");

    /// <summary><c>TITLE</c> (不动产权证书) or <c>REGISTRATION</c> (不动产登记证明).</summary>
    public string? Kind => Read("kind");

    /// <summary>The signed payload (people masked), for the fields this type does not name.</summary>
    public JsonElement? Payload => PayloadJson is null ? null : JsonDocument.Parse(PayloadJson).RootElement.Clone();

    private string? Read(string name)
    {
        if (PayloadJson is null)
        {
            return null;
        }
        using var document = JsonDocument.Parse(PayloadJson);
        return document.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }
}

/// <summary>
/// Checks a certificate's QR token (a compact JWS, docs/certificates.md) with the published keys only:
/// <c>ES256</c> with System.Security.Cryptography, <c>SM2-SM3</c> (GB/T 32918, user id <c>1234567812345678</c>, r‖s)
/// with BouncyCastle. The key set (<c>GET /api/v1/certificates/keys</c>) is fetched on first use and kept for
/// <see cref="KeySetLifetime"/>; an unknown key id fetches it again, at most once a minute (a key rotated since).
/// </summary>
public sealed class OfflineCertificateVerifier
{
    private const int MaxTokenLength = 16_384;
    private static readonly TimeSpan RefetchInterval = TimeSpan.FromMinutes(1);

    private readonly Func<CancellationToken, Task<CertificateKeySet>> _fetchKeys;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Dictionary<string, PublicKey>? _keys;
    private DateTimeOffset _fetchedAt;
    private DateTimeOffset? _refetchedAt;

    /// <summary>A verifier whose keys come from <paramref name="fetchKeys"/> (the platform, or a copy kept elsewhere).</summary>
    public OfflineCertificateVerifier(Func<CancellationToken, Task<CertificateKeySet>> fetchKeys, TimeProvider? time = null)
    {
        _fetchKeys = fetchKeys;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>How long a fetched key set is used before it is fetched again. Default 12 hours.</summary>
    public TimeSpan KeySetLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Checks <paramref name="token"/>; never throws for a bad token (the answer says why), only when the keys cannot be fetched.</summary>
    public async Task<OfflineVerification> VerifyAsync(string token, CancellationToken cancellationToken = default)
    {
        if (!TryParse(token, out var parts, out var header, out var payload, out var signature))
        {
            return new(false, OfflineTokenFailure.TokenMalformed, null, null, null);
        }
        var (algorithm, keyId) = header;
        if (algorithm is not ("ES256" or "SM2-SM3"))
        {
            return new(false, OfflineTokenFailure.TokenAlgorithmUnsupported, keyId, algorithm, null);
        }
        var keys = await KeysAsync(refresh: false, cancellationToken).ConfigureAwait(false);
        if (!keys.TryGetValue(keyId, out var key) || key.Algorithm != algorithm)
        {
            keys = await KeysAsync(refresh: true, cancellationToken).ConfigureAwait(false);
            if (!keys.TryGetValue(keyId, out key) || key.Algorithm != algorithm)
            {
                return new(false, OfflineTokenFailure.TokenKeyUnknown, keyId, algorithm, null);
            }
        }
        var input = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
        var valid = signature.Length == 64 && (algorithm == "ES256" ? VerifyEs256(key, input, signature) : VerifySm2(key, input, signature));
        return valid ? new(true, null, keyId, algorithm, payload) : new(false, OfflineTokenFailure.TokenSignatureInvalid, keyId, algorithm, null);
    }

    private static bool TryParse(string? token, out string[] parts, out (string Alg, string Kid) header, out string payload, out byte[] signature)
    {
        parts = [];
        header = default;
        payload = "";
        signature = [];
        if (string.IsNullOrWhiteSpace(token) || token.Length > MaxTokenLength)
        {
            return false;
        }
        parts = token.Trim().Split('.');
        if (parts.Length != 3 || parts.Any(p => p.Length == 0))
        {
            return false;
        }
        try
        {
            using var headerJson = JsonDocument.Parse(FromBase64Url(parts[0]));
            payload = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(FromBase64Url(parts[1]));
            using var _ = JsonDocument.Parse(payload);
            signature = FromBase64Url(parts[2]);
            if (headerJson.RootElement.ValueKind != JsonValueKind.Object
                || !headerJson.RootElement.TryGetProperty("alg", out var alg) || alg.ValueKind != JsonValueKind.String
                || !headerJson.RootElement.TryGetProperty("kid", out var kid) || kid.ValueKind != JsonValueKind.String
                || kid.GetString() is not { Length: > 0 and <= 64 })
            {
                return false;
            }
            header = (alg.GetString()!, kid.GetString()!);
            return true;
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentException or DecoderFallbackException)
        {
            return false;
        }
    }

    private async Task<Dictionary<string, PublicKey>> KeysAsync(bool refresh, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (_keys is { } cached && Fresh(refresh, now))
        {
            return cached;
        }
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            now = _time.GetUtcNow();
            if (_keys is { } again && Fresh(refresh, now))
            {
                return again;
            }
            var set = await _fetchKeys(cancellationToken).ConfigureAwait(false);
            var keys = new Dictionary<string, PublicKey>(StringComparer.Ordinal);
            foreach (var jwk in set.Keys ?? [])
            {
                if (jwk is { Kid: { } kid, X: { } x, Y: { } y } && jwk.Crv == "P-256")
                {
                    keys[kid] = new("ES256", FromBase64Url(x), FromBase64Url(y));
                }
            }
            foreach (var sm2 in set.Sm2Keys ?? [])
            {
                if (sm2 is { Kid: { } kid, X: { } x, Y: { } y })
                {
                    keys[kid] = new("SM2-SM3", FromBase64Url(x), FromBase64Url(y), sm2.UserId ?? "1234567812345678");
                }
            }
            _keys = keys;
            _fetchedAt = now;
            if (refresh)
            {
                _refetchedAt = now;
            }
            return keys;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Whether the cached set will do: within its lifetime; for an unknown key id, unless the last fetch for one was
    /// less than a minute ago (so a stream of forged key ids cannot make every check a fetch).
    /// </summary>
    private bool Fresh(bool refresh, DateTimeOffset now) => refresh
        ? _refetchedAt is { } last && now - last < RefetchInterval
        : now - _fetchedAt < KeySetLifetime;

    private static bool VerifyEs256(PublicKey key, byte[] input, byte[] signature)
    {
        try
        {
            using var ecdsa = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = key.X, Y = key.Y } });
            return ecdsa.VerifyData(input, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static bool VerifySm2(PublicKey key, byte[] input, byte[] signature)
    {
        try
        {
            var curve = GMNamedCurves.GetByOid(GMObjectIdentifiers.sm2p256v1);
            var domain = new ECNamedDomainParameters(GMObjectIdentifiers.sm2p256v1, curve);
            var point = curve.Curve.CreatePoint(new BigInteger(1, key.X), new BigInteger(1, key.Y));
            var signer = new SM2Signer(PlainDsaEncoding.Instance, new SM3Digest());
            signer.Init(false, new ParametersWithID(new ECPublicKeyParameters(point, domain), Encoding.ASCII.GetBytes(key.UserId)));
            signer.BlockUpdate(input, 0, input.Length);
            return signer.VerifySignature(signature);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static byte[] FromBase64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '='));
    }

    private sealed record PublicKey(string Algorithm, byte[] X, byte[] Y, string UserId = "");
}
