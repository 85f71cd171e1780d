using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace OneWindow.Api.Features.Certificates;

/// <summary>
/// A certificate's public key as published (<c>GET /api/v1/certificates/keys</c>): both algorithms use 256-bit curves,
/// so a key is its id, algorithm and the point's coordinates (32 bytes each).
/// </summary>
public sealed record CertificatePublicKey(string KeyId, string Algorithm, byte[] X, byte[] Y);

/// <summary>Why a token is not authentic; null when it is.</summary>
public enum TokenFailure
{
    /// <summary>Not three base64url parts, a header or payload that is not JSON, too long, or cut short.</summary>
    Malformed = 1,
    /// <summary>The header names an algorithm the registry does not sign with.</summary>
    UnsupportedAlgorithm = 2,
    /// <summary>No published key has the header's key id.</summary>
    UnknownKey = 3,
    /// <summary>The signature does not match the header and payload under that key (altered, or not ours).</summary>
    SignatureInvalid = 4,
}

/// <summary>What checking a token found: the failure, or the payload the registry signed (exact text) and its key.</summary>
public sealed record TokenCheck(TokenFailure? Failure, string? Payload, string? KeyId, string? Algorithm)
{
    public bool Authentic => Failure is null;
}

/// <summary>
/// The certificates' signed tokens: compact JWS (RFC 7515) of the canonical payload, <c>header.payload.signature</c> in
/// base64url. <c>ES256</c> is standard JOSE; <c>SM2-SM3</c> is the same form with an SM2 signature (GB/T 32918, user id
/// <see cref="Sm2UserId"/>) over the SM3 digest of the same signing input, the signature as r‖s (64 bytes). Checking
/// needs only the published keys: this class is what a partner runs offline (docs/certificates.md).
/// </summary>
public static class CertificateTokens
{
    public const string Es256 = "ES256";
    public const string Sm2Sm3 = "SM2-SM3";
    public const string TokenType = "ow-cert+jws";

    /// <summary>The default user id of GM/T 0009 that the SM2 signature's Z value is computed with.</summary>
    public const string Sm2UserId = "1234567812345678";

    /// <summary>Longer than any token the registry makes (payloads list at most a few units): refused unread.</summary>
    public const int MaxTokenLength = 8192;

    private static readonly X9ECParameters Sm2Curve = GMNamedCurves.GetByOid(GMObjectIdentifiers.sm2p256v1);
    private static readonly ECNamedDomainParameters Sm2Domain = new(GMObjectIdentifiers.sm2p256v1, Sm2Curve);

    /// <summary>The token of <paramref name="payload"/> signed by <paramref name="sign"/> (which gets the signing input).</summary>
    public static string Create(string payload, string algorithm, string keyId, Func<byte[], byte[]> sign)
    {
        var header = JsonSerializer.Serialize(new TokenHeader(algorithm, keyId, TokenType));
        var input = Base64Url(Encoding.UTF8.GetBytes(header)) + "." + Base64Url(Encoding.UTF8.GetBytes(payload));
        return input + "." + Base64Url(sign(Encoding.ASCII.GetBytes(input)));
    }

    /// <summary>Checks a token against the published keys; never throws for any input.</summary>
    public static TokenCheck Check(string? token, Func<string, CertificatePublicKey?> keys)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > MaxTokenLength)
        {
            return new(TokenFailure.Malformed, null, null, null);
        }
        var parts = token.Trim().Split('.');
        if (parts.Length != 3 || parts.Any(p => p.Length == 0))
        {
            return new(TokenFailure.Malformed, null, null, null);
        }
        TokenHeader? header;
        string payload;
        byte[] signature;
        try
        {
            header = JsonSerializer.Deserialize<TokenHeader>(FromBase64Url(parts[0]));
            payload = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(FromBase64Url(parts[1]));
            using var _ = JsonDocument.Parse(payload);
            signature = FromBase64Url(parts[2]);
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentException or DecoderFallbackException)
        {
            return new(TokenFailure.Malformed, null, null, null);
        }
        if (header?.Alg is not { } algorithm || header.Kid is not { Length: > 0 and <= 64 } keyId)
        {
            return new(TokenFailure.Malformed, null, null, null);
        }
        if (algorithm is not (Es256 or Sm2Sm3))
        {
            return new(TokenFailure.UnsupportedAlgorithm, null, keyId, algorithm);
        }
        if (keys(keyId) is not { } key || key.Algorithm != algorithm)
        {
            return new(TokenFailure.UnknownKey, null, keyId, algorithm);
        }
        var input = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
        var valid = signature.Length == 64 && (algorithm == Es256 ? VerifyEs256(key, input, signature) : VerifySm2(key, input, signature));
        return valid ? new(null, payload, keyId, algorithm) : new(TokenFailure.SignatureInvalid, null, keyId, algorithm);
    }

    /// <summary>The payload's text as the token carries it, unchecked (for showing what a rejected token claims).</summary>
    public static string? PeekPayload(string token)
    {
        var parts = token.Split('.');
        try
        {
            return parts.Length == 3 ? Encoding.UTF8.GetString(FromBase64Url(parts[1])) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static bool VerifyEs256(CertificatePublicKey key, byte[] input, byte[] signature)
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

    private static bool VerifySm2(CertificatePublicKey key, byte[] input, byte[] signature)
    {
        try
        {
            var point = Sm2Curve.Curve.CreatePoint(new BigInteger(1, key.X), new BigInteger(1, key.Y));
            if (!point.IsValid())
            {
                return false;
            }
            var signer = new SM2Signer(PlainDsaEncoding.Instance, new SM3Digest());
            signer.Init(false, new ParametersWithID(new ECPublicKeyParameters(point, Sm2Domain), Encoding.ASCII.GetBytes(Sm2UserId)));
            signer.BlockUpdate(input, 0, input.Length);
            return signer.VerifySignature(signature);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or Org.BouncyCastle.Crypto.CryptoException)
        {
            return false;
        }
    }

    /// <summary>A new SM2 key pair: the private scalar (32 bytes) and the public point's coordinates.</summary>
    public static (byte[] D, byte[] X, byte[] Y) NewSm2Key()
    {
        var generator = new ECKeyPairGenerator();
        generator.Init(new ECKeyGenerationParameters(Sm2Domain, new SecureRandom()));
        var pair = generator.GenerateKeyPair();
        var d = ((ECPrivateKeyParameters)pair.Private).D.ToByteArrayUnsigned();
        var q = ((ECPublicKeyParameters)pair.Public).Q.Normalize();
        return (Pad(d), Pad(q.AffineXCoord.ToBigInteger().ToByteArrayUnsigned()), Pad(q.AffineYCoord.ToBigInteger().ToByteArrayUnsigned()));
    }

    /// <summary>The SM2 signature (r‖s) of <paramref name="input"/> with the private scalar <paramref name="d"/>.</summary>
    public static byte[] SignSm2(byte[] d, byte[] input)
    {
        var signer = new SM2Signer(PlainDsaEncoding.Instance, new SM3Digest());
        var key = new ECPrivateKeyParameters(new BigInteger(1, d), Sm2Domain);
        signer.Init(true, new ParametersWithID(new ParametersWithRandom(key, new SecureRandom()), Encoding.ASCII.GetBytes(Sm2UserId)));
        signer.BlockUpdate(input, 0, input.Length);
        return signer.GenerateSignature();
    }

    /// <summary>The SM2 public key as PEM (SubjectPublicKeyInfo, curve sm2p256v1, OID 1.2.156.10197.1.301).</summary>
    public static string Sm2PublicKeyPem(byte[] x, byte[] y)
    {
        var point = Sm2Curve.Curve.CreatePoint(new BigInteger(1, x), new BigInteger(1, y));
        var info = SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(new ECPublicKeyParameters(point, Sm2Domain));
        return PemEncoding.WriteString("PUBLIC KEY", info.GetDerEncoded());
    }

    /// <summary>The point's coordinates of an SM2 SubjectPublicKeyInfo PEM (as <see cref="Sm2PublicKeyPem"/> writes it).</summary>
    public static (byte[] X, byte[] Y) Sm2Coordinates(string pem)
    {
        var fields = PemEncoding.Find(pem);
        var der = Convert.FromBase64String(pem[fields.Base64Data]);
        var point = Org.BouncyCastle.Asn1.X509.SubjectPublicKeyInfo.GetInstance(der).PublicKey.GetBytes();
        // Uncompressed: 0x04 ‖ X ‖ Y.
        return (point[1..33], point[33..65]);
    }

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] FromBase64Url(string text)
    {
        if (text.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            throw new FormatException("Not base64url.");
        }
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += (padded.Length % 4) switch { 0 => "", 2 => "==", 3 => "=", _ => throw new FormatException("Not base64url.") };
        return Convert.FromBase64String(padded);
    }

    private static byte[] Pad(byte[] value) => value.Length >= 32 ? value : [.. new byte[32 - value.Length], .. value];

    private sealed record TokenHeader(
        [property: System.Text.Json.Serialization.JsonPropertyName("alg")] string? Alg,
        [property: System.Text.Json.Serialization.JsonPropertyName("kid")] string? Kid,
        [property: System.Text.Json.Serialization.JsonPropertyName("typ")] string? Typ);
}
