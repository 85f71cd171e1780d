using OneWindow.Api.Auth;
using OneWindow.Api.Data.Register;
using OneWindow.Api.Errors;

namespace OneWindow.Api.Features.Certificates;

/// <summary>An ES256 key as a JSON Web Key (RFC 7517), with when it signed.</summary>
public sealed record CertificateJsonWebKey(string Kty, string Crv, string X, string Y, string Kid, string Alg, string Use, string Status, DateTime CreatedAt, DateTime? RetiredAt);

/// <summary>
/// An SM2 key in the documented form: the curve sm2p256v1 (OID 1.2.156.10197.1.301), the point as base64url
/// coordinates and as uncompressed hex (04‖X‖Y), the SubjectPublicKeyInfo PEM, and the user id the signature's Z value
/// uses. Signatures are r‖s (64 bytes) over the SM3 digest of the token's signing input.
/// </summary>
public sealed record CertificateSm2Key(
    string Kid, string Alg, string Crv, string CurveOid, string X, string Y, string PublicKeyHex, string Pem, string UserId, string SignatureFormat,
    string Status, DateTime CreatedAt, DateTime? RetiredAt);

/// <summary>
/// <c>GET /api/v1/certificates/keys</c>: every certificate key ever used, retired ones included. <c>keys</c> is a
/// standard JWKS (ES256); <c>sm2Keys</c> is an additional member, which JOSE libraries ignore.
/// </summary>
public sealed record CertificateKeySet(IReadOnlyList<CertificateJsonWebKey> Keys, IReadOnlyList<CertificateSm2Key> Sm2Keys)
{
    public static CertificateKeySet From(IReadOnlyList<PublishedCertificateKey> published) => new(
        [.. published.Where(k => k.Algorithm == CertificateTokens.Es256).Select(k => new CertificateJsonWebKey(
            "EC", "P-256", CertificateTokens.Base64Url(k.Key.X), CertificateTokens.Base64Url(k.Key.Y), k.KeyId, k.Algorithm, "sig",
            Status(k), k.CreatedAt, k.RetiredAt))],
        [.. published.Where(k => k.Algorithm == CertificateTokens.Sm2Sm3).Select(k => new CertificateSm2Key(
            k.KeyId, k.Algorithm, "SM2", "1.2.156.10197.1.301", CertificateTokens.Base64Url(k.Key.X), CertificateTokens.Base64Url(k.Key.Y),
            "04" + Convert.ToHexStringLower(k.Key.X) + Convert.ToHexStringLower(k.Key.Y), k.PublicKeyPem, CertificateTokens.Sm2UserId, "R_S_64",
            Status(k), k.CreatedAt, k.RetiredAt))]);

    /// <summary>The published keys as the offline check needs them, by key id (what a partner builds from this document).</summary>
    public Func<string, CertificatePublicKey?> Lookup()
    {
        var byId = Keys.Select(k => new CertificatePublicKey(k.Kid, k.Alg, CertificateTokens.FromBase64Url(k.X), CertificateTokens.FromBase64Url(k.Y)))
            .Concat(Sm2Keys.Select(k => new CertificatePublicKey(k.Kid, k.Alg, CertificateTokens.FromBase64Url(k.X), CertificateTokens.FromBase64Url(k.Y))))
            .ToDictionary(k => k.KeyId, StringComparer.Ordinal);
        return id => byId.GetValueOrDefault(id);
    }

    private static string Status(PublishedCertificateKey key) => key.RetiredAt is null ? "ACTIVE" : "RETIRED";
}

/// <summary>The published keys, and their rotation by an operator.</summary>
public static class CertificateKeyHandlers
{
    public static async Task<CertificateKeySet> GetAsync(CertificateKeys keys, CancellationToken cancellationToken)
    {
        // Made on the first call if the registry has none yet, so the set is never empty once anything can be signed.
        await keys.SignersAsync(cancellationToken);
        return CertificateKeySet.From(await keys.PublishedAsync(cancellationToken));
    }

    public static async Task<Result<CertificateKeySet>> RotateAsync(Caller caller, CertificateKeys keys, CancellationToken cancellationToken)
    {
        if (!caller.IsOperator)
        {
            return new ApiError(ErrorCodes.Forbidden, StatusCodes.Status403Forbidden);
        }
        return CertificateKeySet.From(await keys.RotateAsync(cancellationToken));
    }
}
