namespace OneWindow.Domain.Applications;

/// <summary>
/// Circumstance codes that code depends on (who applies for a cancellation, whether an agent applies).
/// The materials catalogue (materials.json) declares these and any further codes with their names and
/// says which apply to which business type; <see cref="Materials.MaterialCatalogue"/> refuses a catalogue
/// that drops a code used here.
/// </summary>
public static class Circumstances
{
    /// <summary>委托代理人申请: an agent applies on the applicants' behalf.</summary>
    public const string AgentApplies = "AGENT_APPLIES";

    /// <summary>主债权合同中包含抵押条款: the mortgage contract may be left out.</summary>
    public const string MainContractHasMortgageClause = "MAIN_CONTRACT_HAS_MORTGAGE_CLAUSE";

    /// <summary>最高额抵押权设立前已存在的债权转入最高额抵押担保范围.</summary>
    public const string ExistingDebtsIncluded = "EXISTING_DEBTS_INCLUDED";

    /// <summary>抵押人与抵押权人共同申请注销.</summary>
    public const string JointApplication = "JOINT_APPLICATION";

    /// <summary>抵押权人单方申请注销.</summary>
    public const string MortgageeAlone = "MORTGAGEE_ALONE";

    /// <summary>抵押人等当事人单方申请注销 (with a court or arbitration document).</summary>
    public const string MortgagorAlone = "MORTGAGOR_ALONE";

    /// <summary>
    /// 授权渠道面签: filed by an operator-approved channel (a bank's in-branch service) that checked every applicant in
    /// person; the parties' signed application and the in-person check are its materials and count as their confirmation.
    /// </summary>
    public const string AuthorisedChannel = "AUTHORISED_CHANNEL";
}
