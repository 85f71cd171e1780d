using OneWindow.Api.Data.Entities;

namespace OneWindow.Api.Auth;

/// <summary>Which scopes each kind of partner and person may hold (DESIGN.md: who uses it and what they do).</summary>
public static class PartnerScopes
{
    private static readonly string[] Reads = [Scopes.PropertiesRead, Scopes.RestrictionsRead, Scopes.ApplicationsRead, Scopes.CertificatesVerify];

    public static IReadOnlyList<string> For(PartnerKind kind) => kind switch
    {
        // events:read: what the partner submitted, is an applicant in, or holds of record (docs/events.md);
        // webhooks:manage: the same events pushed to the partner's endpoints.
        PartnerKind.Bank or PartnerKind.Developer or PartnerKind.Agency => [.. Reads, Scopes.ApplicationsSubmit, Scopes.EventsRead, Scopes.WebhooksManage],
        PartnerKind.Court => [.. Reads, Scopes.SeizuresSubmit, Scopes.EventsRead, Scopes.WebhooksManage],
        PartnerKind.Verifier => [Scopes.CertificatesVerify],
        _ => [],
    };

    public static IReadOnlyList<string> For(PersonKind kind) => kind switch
    {
        // A citizen reads only what concerns them (their units, their applications) and may apply.
        PersonKind.Citizen => [.. Reads, Scopes.ApplicationsSubmit, Scopes.EventsRead],
        PersonKind.Staff => [.. Reads, Scopes.RegistryStaff],
        PersonKind.Operator => [.. Reads, Scopes.PlatformAdmin],
        _ => [],
    };
}
