namespace OneWindow.Api.Features.Certificates;

/// <summary>Settings under <c>Certificates</c>: verification limits (docs/certificates.md).</summary>
public sealed class CertificatesOptions
{
    public const string Section = "Certificates";

    /// <summary>
    /// Verifications per minute for a caller without the <c>certificates:verify</c> scope (anonymous: by IP address).
    /// Note: tight on purpose — a citizen checks a certificate now and then; a verifier app gets a client.
    /// </summary>
    public int AnonymousPerMinute { get; set; } = 20;

    /// <summary>Verifications per minute for a partner client holding <c>certificates:verify</c> (a bank, a verifier app).</summary>
    public int VerifierPerMinute { get; set; } = 1200;

    /// <summary>
    /// Wrong verification codes accepted per certificate number per <c>Limits:QueryBudgetWindow</c> (a minute), from
    /// everyone together; after that the number answers CERTIFICATE_VERIFICATION_THROTTLED until the window ends.
    /// Note: this, not the per-caller limit, is what stops guessing a code from many addresses.
    /// </summary>
    public int WrongCodesPerNumber { get; set; } = 5;
}
