namespace OneWindow.Domain.Applications;

/// <summary>
/// What a mortgage's parties agreed about transferring the mortgaged property (Civil Code art. 406). Without a
/// registered agreement the owner may transfer and the mortgage is not affected; with one, registered with the
/// mortgage, the mortgagee must join the transfer application (自然资发〔2021〕54号).
/// </summary>
public enum TransferAgreement
{
    /// <summary>No agreement registered: a transfer goes ahead, the mortgage stays on the property.</summary>
    None = 0,

    /// <summary>The parties agreed that the property may not be transferred (禁止转让).</summary>
    Forbidden = 1,

    /// <summary>The parties agreed to limit transfer (限制转让), e.g. only with the mortgagee's consent.</summary>
    Limited = 2,
}
