using OneWindow.Domain.Applications;

namespace OneWindow.Api.Features.Applications;

/// <summary>
/// Every kind of application, declared once: adding a business type is a kind class (its rules and its
/// <see cref="KindDeclaration"/>), its request record and GraphQL input type, and one line here. The REST endpoints
/// (<see cref="ApplicationsEndpoints"/>), the GraphQL mutations (<see cref="ApplicationFields"/>) and the workflow's
/// entry in the register (<see cref="For"/>) are all mapped from <see cref="All"/>.
/// </summary>
public sealed class ApplicationKinds
{
    private readonly Dictionary<BusinessType, IApplicationKind> _byType;

    public ApplicationKinds()
    {
        All =
        [
            MortgageRegistrations,
            new MortgageCancellations(),
            new MortgageChanges(),
            new FirstRegistrations(),
            new Transfers(),
            new MortgagedTransfers(),
            new AdvanceNotices(),
            new MortgageAdvanceNotices(),
            new AdvanceNoticeCancellations(),
            new Objections(),
            new Seizures(),
            new SeizureReleases(),
            new SeizureExtensions(),
            // Issue 18 items 6 and 5 (decision 0022): change, correction, cancellation, reissue; 协助执行.
            new OwnershipChanges(),
            new Corrections(),
            new RegistryCorrections(),
            new OwnershipCancellations(),
            new CertificateReplacements(),
            new CourtTransfers(),
        ];
        // ToDictionary throws at start if two kinds declare the same business type.
        _byType = All.SelectMany(k => k.Declaration.BusinessTypes.Select(t => (Type: t, Kind: k))).ToDictionary(e => e.Type, e => e.Kind);
    }

    /// <summary>The kinds, in the order their endpoints and mutations are listed.</summary>
    public IReadOnlyList<IApplicationKind> All { get; }

    /// <summary>Mortgage registrations: also submitted in bulk.</summary>
    public MortgageRegistrations MortgageRegistrations { get; } = new();

    public IApplicationKind For(BusinessType type) =>
        _byType.TryGetValue(type, out var kind) ? kind : throw new ArgumentOutOfRangeException(nameof(type), type, "No kind declares this business type.");
}
