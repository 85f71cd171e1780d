namespace OneWindow.Domain.Identifiers;

/// <summary>The kind of certificate a <see cref="CertificateNumber"/> numbers.</summary>
public enum CertificateKind
{
    /// <summary>Certificate of title (不动产权证书), numbered 不动产权第NNNNNNN号.</summary>
    Title,

    /// <summary>Certificate of registration (不动产登记证明: mortgage, advance notice, …), numbered 不动产证明第NNNNNNN号.</summary>
    Registration,
}
