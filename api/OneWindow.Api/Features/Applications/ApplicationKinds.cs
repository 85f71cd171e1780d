using OneWindow.Domain.Applications;

namespace OneWindow.Api.Features.Applications;

/// <summary>Every business type's rules, by type (one instance each, stateless).</summary>
public sealed class ApplicationKinds
{
    public MortgageRegistrations MortgageRegistrations { get; } = new();
    public MortgageCancellations MortgageCancellations { get; } = new();
    public FirstRegistrations FirstRegistrations { get; } = new();
    public Transfers Transfers { get; } = new();
    public AdvanceNotices AdvanceNotices { get; } = new();
    public Objections Objections { get; } = new();
    public Seizures Seizures { get; } = new();
    public SeizureReleases SeizureReleases { get; } = new();

    public IApplicationKind For(BusinessType type) => type switch
    {
        BusinessType.MortgageRegistrationGeneral or BusinessType.MortgageRegistrationMaximumAmount
            or BusinessType.MortgageRegistrationUnderConstruction => MortgageRegistrations,
        BusinessType.MortgageCancellation => MortgageCancellations,
        BusinessType.FirstRegistration => FirstRegistrations,
        BusinessType.Transfer => Transfers,
        BusinessType.AdvanceNotice => AdvanceNotices,
        BusinessType.Objection => Objections,
        BusinessType.Seizure => Seizures,
        BusinessType.SeizureRelease => SeizureReleases,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not a defined business type."),
    };
}
