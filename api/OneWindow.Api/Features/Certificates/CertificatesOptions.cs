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
    /// Wrong verification codes one caller (a client, a person, an anonymous address) may give for one certificate
    /// number per <c>Limits:QueryBudgetWindow</c> (a minute); after that that caller's checks of the number answer
    /// CERTIFICATE_VERIFICATION_THROTTLED until the window ends. Others' checks of the number are not held up by it.
    /// </summary>
    public int WrongCodesPerCaller { get; set; } = 5;

    /// <summary>
    /// Wrong verification codes for one certificate number per window from everyone together; after that the number
    /// answers CERTIFICATE_VERIFICATION_THROTTLED to every check by code until the window ends (its QR token still
    /// verifies). Note: this, not the per-caller limits, is what stops guessing a code from many addresses: at 100 a
    /// minute, finding one of 32^8 codes takes thousands of years. It is high enough that denying a number's checks
    /// to others takes many addresses at once, each under its own tight rate.
    /// </summary>
    public int WrongCodesPerNumber { get; set; } = 100;

    /// <summary>
    /// How many of the register's older certificates (the demo region's, seeded without signature) the background
    /// backfill signs per batch after the start; 0 switches it off (each is then signed on its first read).
    /// </summary>
    public int BackfillBatchSize { get; set; } = 200;
}
