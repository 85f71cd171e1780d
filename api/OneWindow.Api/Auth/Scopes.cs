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
    public const string RegistryStaff = "registry:staff";
    public const string PlatformAdmin = "platform:admin";

    public static IReadOnlyList<string> All { get; } =
        [PropertiesRead, RestrictionsRead, ApplicationsSubmit, ApplicationsRead, CertificatesVerify, SeizuresSubmit, RegistryStaff, PlatformAdmin];
}

/// <summary>Claim types the platform reads from access tokens.</summary>
public static class RegistryClaims
{
    public const string Scope = "scope";
    public const string IdNumber = "id_number";
    public const string ClientId = "client_id";
    public const string PartnerId = "partner_id";
}
