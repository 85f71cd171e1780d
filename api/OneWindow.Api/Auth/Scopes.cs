namespace OneWindow.Api.Auth;

/// <summary>The OAuth scopes of the contract (DESIGN.md): each endpoint and GraphQL field states the one it needs.</summary>
public static class Scopes
{
    public const string PropertiesRead = "properties:read";
    public const string RestrictionsRead = "restrictions:read";
    public const string ApplicationsSubmit = "applications:submit";
    public const string ApplicationsRead = "applications:read";
    public const string CertificatesVerify = "certificates:verify";
    public const string SeizuresSubmit = "seizures:submit";
    public const string EventsRead = "events:read";
    public const string WebhooksManage = "webhooks:manage";
    public const string RegistryStaff = "registry:staff";
    public const string PlatformAdmin = "platform:admin";

    public static IReadOnlyList<string> All { get; } =
        [PropertiesRead, RestrictionsRead, ApplicationsSubmit, ApplicationsRead, CertificatesVerify, SeizuresSubmit, EventsRead, WebhooksManage, RegistryStaff, PlatformAdmin];
}

/// <summary>
/// Claim types the platform adds to access tokens (beside OpenIddict's sub, client_id, name, scope), and
/// <see cref="IdNumber"/>, which only the host adds to a person's principal, from the database, never from a token.
/// </summary>
public static class RegistryClaims
{
    public const string PartnerId = "partner_id";
    public const string PartnerKind = "partner_kind";
    public const string PersonId = "person_id";
    public const string PersonKind = "person_kind";
    public const string IdNumber = "id_number";

    /// <summary>
    /// Carried only by the warm-up's own ticket (Hosting/WarmUp.cs), which never leaves the process; no token this
    /// platform issues has it. Its requests are counted under a limit of their own instead of a client's.
    /// </summary>
    public const string WarmUp = "ow_warm_up";
}
