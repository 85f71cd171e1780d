namespace OneWindow.Domain.Applications;

/// <summary>What the registry needs to know about a business type, apart from its materials and time limit.</summary>
/// <param name="Type">The business type.</param>
/// <param name="ChineseName">The name used on forms and in the timeline.</param>
/// <param name="EnglishName">The name used with <c>Accept-Language: en</c>.</param>
/// <param name="MortgageKind">The mortgage variant for a mortgage first registration, otherwise <see langword="null"/>.</param>
/// <param name="SubmitScope">The OAuth scope a partner needs to submit it.</param>
/// <param name="RequiresExistingUnits">
/// Whether the application names units already in the register; only a first registration creates them.
/// </param>
/// <param name="ApplicantOptions">The admissible sets of applicants; see <see cref="ResolveApplicants"/>.</param>
public sealed record BusinessTypeInfo(
    BusinessType Type,
    string ChineseName,
    string EnglishName,
    MortgageKind? MortgageKind,
    string SubmitScope,
    bool RequiresExistingUnits,
    IReadOnlyList<ApplicantOption> ApplicantOptions)
{
    /// <summary>Whether this is one of the three mortgage first registrations.</summary>
    public bool IsMortgageRegistration => MortgageKind is not null;

    /// <summary>
    /// Two open applications of one group may not concern the same unit: the business type's name, except that the
    /// three mortgage first registrations form one group (a unit is not mortgaged twice by applications in flight),
    /// and a transfer with its mortgage (带押过户) is a transfer (a unit is not sold twice).
    /// </summary>
    public string ConflictGroup => IsMortgageRegistration ? "MortgageRegistration"
        : Type == BusinessType.MortgagedTransfer ? nameof(BusinessType.Transfer)
        : Type.ToString();

    /// <summary>
    /// The applicants required under the given circumstances: the option whose circumstance is among
    /// <paramref name="circumstances"/>, else the unconditional option. <see langword="null"/> when the
    /// circumstances do not say who applies (a cancellation needs one of JOINT_APPLICATION,
    /// MORTGAGEE_ALONE, MORTGAGOR_ALONE) or name more than one option; the materials catalogue reports
    /// that case to the caller as CIRCUMSTANCE_REQUIRED or CONFLICTING_CIRCUMSTANCES.
    /// </summary>
    public ApplicantOption? ResolveApplicants(IReadOnlyCollection<string> circumstances)
    {
        ArgumentNullException.ThrowIfNull(circumstances);
        var selected = ApplicantOptions
            .Where(option => option.Circumstance is not null && circumstances.Contains(option.Circumstance))
            .ToList();
        if (selected.Count == 1)
        {
            return selected[0];
        }

        return selected.Count == 0 ? ApplicantOptions.SingleOrDefault(option => option.Circumstance is null) : null;
    }
}
