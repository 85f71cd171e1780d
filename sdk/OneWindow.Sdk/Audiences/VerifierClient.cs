using OneWindow.Sdk.Certificates;
using OneWindow.Sdk.GraphQL;
using OneWindow.Sdk.GraphQL.Verifier;
using OneWindow.Sdk.Rest;

namespace OneWindow.Sdk.Audiences;

/// <summary>
/// A verifier app: is a certificate authentic, and is it still valid? Online by number and code or by its QR token
/// (anonymous, or <c>certificates:verify</c> for the higher limit), or offline against the published keys.
/// </summary>
public sealed class VerifierClient
{
    private readonly OneWindowRestClient _rest;

    internal VerifierClient(OneWindowRestClient rest, IGraphQLExecutor graphQL, TimeProvider time)
    {
        _rest = rest;
        GraphQL = new VerifierOperations(graphQL);
        Offline = new OfflineCertificateVerifier(ct => _rest.GetCertificateKeysAsync(ct), time);
    }

    /// <summary>The verifier's GraphQL operations (schema/operations/verifier/), typed.</summary>
    public VerifierOperations GraphQL { get; }

    /// <summary>Checks QR tokens locally against the published keys (fetched once, then cached).</summary>
    public OfflineCertificateVerifier Offline { get; }

    /// <summary>Verifies a certificate by its number and the verification code printed on it.</summary>
    public Task<CertificateVerification> VerifyAsync(string number, string verificationCode, CancellationToken cancellationToken = default) =>
        _rest.VerifyCertificateAsync(new CertificateVerificationRequest { Number = number, VerificationCode = verificationCode }, cancellationToken);

    /// <summary>Verifies the token of a certificate's QR code online: authentic, and its status now.</summary>
    public Task<CertificateVerification> VerifyTokenAsync(string token, CancellationToken cancellationToken = default) =>
        _rest.VerifyCertificateAsync(new CertificateVerificationRequest { Token = token }, cancellationToken);
}
