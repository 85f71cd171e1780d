using OneWindow.Domain.Identifiers;

namespace OneWindow.Api.Data.Entities;

/// <summary>Where an electronic certificate stands, following the register (docs/certificates.md).</summary>
public enum CertificateStatus
{
    /// <summary>The right or registration it certifies is in force.</summary>
    Valid = 1,

    /// <summary>What it certifies has ended (a mortgage cancelled, an advance notice or objection released).</summary>
    Cancelled = 2,

    /// <summary>Another certificate took its place: a transfer (the buyer's certificate of title) or a reissue (补证/换证).</summary>
    Replaced = 3,
}

/// <summary>How the applicant receives the paper certificate beside the electronic one.</summary>
public enum CertificateDelivery
{
    /// <summary>Electronic only: the holder and the submitting partner fetch it.</summary>
    Electronic = 1,

    /// <summary>Collected at the registry's window.</summary>
    Window = 2,

    /// <summary>Sent by post; the courier and tracking number are shown in progress (快递查询).</summary>
    Post = 3,
}

/// <summary>
/// An electronic certificate (电子证照): a certificate of title (不动产权证书) or of registration (不动产登记证明) under a
/// number the register assigned at 登簿. Produced at 缮证 with its canonical <see cref="Payload"/> and its two signed
/// tokens, issued at 发证. Its status follows the register in the transaction that changes the register. The demo
/// region's certificates are stored without payload and are produced on first use.
/// </summary>
public sealed class Certificate
{
    public long Id { get; set; }
    public required string Number { get; set; }
    public CertificateKind Kind { get; set; }
    /// <summary>Raised by a reissue (补证/换证): a token of an older edition verifies as replaced.</summary>
    public int Edition { get; set; } = 1;
    /// <summary>The business (业务号) that registered what it certifies.</summary>
    public string? BusinessNumber { get; set; }
    /// <summary>The application that produced it (null for the register's older certificates).</summary>
    public long? ApplicationId { get; set; }
    /// <summary>The code printed on the certificate (验证码) that verification by number asks for.</summary>
    public required string VerificationCode { get; set; }
    public CertificateStatus Status { get; set; } = CertificateStatus.Valid;
    public DateTime? StatusChangedAt { get; set; }
    /// <summary>The certificate that replaced it (a transfer's new certificate of title), when known.</summary>
    public string? ReplacedBy { get; set; }
    /// <summary>The date printed on it (登簿 date of an older certificate, 缮证 date of a new one), China date.</summary>
    public DateOnly IssuedOn { get; set; }
    public DateTime? ProducedAt { get; set; }
    /// <summary>发证: when it was issued (null: prepared, not yet issued; only staff see it).</summary>
    public DateTime? IssuedAt { get; set; }
    /// <summary>The exact signed text (canonical JSON; no personal data in clear: holders masked).</summary>
    public string? Payload { get; set; }
    /// <summary>Compact JWS (ES256) of <see cref="Payload"/>: the QR code's content.</summary>
    public string? Token { get; set; }
    /// <summary>The same payload signed with SM2 over SM3, in the same compact form (alg SM2-SM3).</summary>
    public string? Sm2Token { get; set; }
    public CertificateDelivery? Delivery { get; set; }
    public string? Courier { get; set; }
    public string? TrackingNumber { get; set; }
    public int PrintCount { get; set; }
    public DateTime? LastPrintedAt { get; set; }
    public string? LastPrintedBy { get; set; }
}
