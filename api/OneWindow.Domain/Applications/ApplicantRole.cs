namespace OneWindow.Domain.Applications;

/// <summary>The part a party plays in an application.</summary>
public enum ApplicantRole
{
    /// <summary>抵押人: the owner who mortgages the property.</summary>
    Mortgagor = 1,

    /// <summary>抵押权人: the lender, usually a bank.</summary>
    Mortgagee = 2,

    /// <summary>权利人: the owner registering a right in their own name, e.g. the developer of a new building.</summary>
    Owner = 3,

    /// <summary>转让方 / 出卖人 (预售人 for an advance notice).</summary>
    Transferor = 4,

    /// <summary>受让方 / 买受人 (预购人 for an advance notice).</summary>
    Transferee = 5,

    /// <summary>人民法院: seizure and its release.</summary>
    Court = 6,

    /// <summary>利害关系人: the party who claims the register is wrong (异议登记).</summary>
    InterestedParty = 7,
}
