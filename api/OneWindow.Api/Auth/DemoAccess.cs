using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Data;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Data.Seeding;
using OpenIddict.Abstractions;
using Oidc = OpenIddict.Abstractions.OpenIddictConstants;

namespace OneWindow.Api.Auth;

/// <summary>
/// The demo identities of DESIGN.md: clients demo-bank, demo-developer, demo-agency, demo-court, demo-verifier (secret
/// demo-secret), people demo-staff, demo-citizen and demo-operator (password demo-password), and the public client
/// demo-portal people sign in through. Note: seeded only with the demo region (embedded default, Development,
/// <c>--demo</c>); a production configuration never creates them, and removes them from a database that has them
/// (<see cref="RemoveAsync"/>), since their secrets are published.
/// </summary>
public static class DemoAccess
{
    public const string Secret = "demo-secret";
    public const string Password = "demo-password";
    public const string PortalClientId = "demo-portal";

    private static readonly string[] PersonUserNames = ["demo-staff", "demo-citizen", "demo-operator"];

    /// <summary>
    /// Outside the demo: deletes the demo clients' OpenIddict applications (their secret hashes, authorizations and
    /// tokens with them) and the demo portal, revokes their partner clients, and disables the demo people with their
    /// password hashes cleared. A database first started in Development keeps its data but none of the published
    /// credentials. Idempotent; an instance starting at the same time may remove some first.
    /// </summary>
    public static async Task RemoveAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<RegistryDbContext>();
        var applications = services.GetRequiredService<IOpenIddictApplicationManager>();
        var clientIds = DemoRegion.Partners.Select(p => p.ClientId).Append(PortalClientId).ToArray();
        var removed = new List<string>();
        foreach (var clientId in clientIds)
        {
            if (await applications.FindByClientIdAsync(clientId, cancellationToken) is not { } application)
            {
                continue;
            }
            try
            {
                await applications.DeleteAsync(application, cancellationToken);
                removed.Add(clientId);
            }
            catch (OpenIddictExceptions.ConcurrencyException)
            {
                // Another instance deleted it first.
            }
        }
        var now = DateTime.UtcNow;
        foreach (var client in await db.PartnerClients.Include(c => c.RetiredSecrets)
            .Where(c => clientIds.Contains(c.ClientId) && (c.Status != ClientStatus.Revoked || c.RetiredSecrets.Count > 0)).ToListAsync(cancellationToken))
        {
            client.Status = ClientStatus.Revoked;
            client.RevokedAt ??= now;
            client.RetiredSecrets.Clear();
        }
        foreach (var person in await db.People.Where(p => PersonUserNames.Contains(p.UserName) && (!p.Disabled || p.PasswordHash != "")).ToListAsync(cancellationToken))
        {
            person.Disabled = true;
            person.PasswordHash = "";
            removed.Add(person.UserName);
        }
        await db.SaveChangesAsync(cancellationToken);
        if (removed.Count > 0)
        {
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DemoAccess)).LogWarning(
                "Outside Development and --demo: removed the demo identities {Identities} from this database", string.Join(", ", removed));
        }
    }

    public static async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<RegistryDbContext>();
        var applications = services.GetRequiredService<IOpenIddictApplicationManager>();
        var redirectUris = PortalRedirectUris(services.GetRequiredService<IConfiguration>());
        if (await applications.FindByClientIdAsync(PortalClientId, cancellationToken) is { } existing)
        {
            await AddRedirectUrisAsync(applications, existing, redirectUris, cancellationToken);
            return;
        }
        var partners = await db.Partners.ToListAsync(cancellationToken);
        foreach (var demo in DemoRegion.Partners)
        {
            var partner = partners.Single(p => p.Name == demo.Name);
            await applications.CreateAsync(ClientDescriptor(demo.ClientId, Secret, partner.Name, partner.Kind), cancellationToken);
            db.PartnerClients.Add(new PartnerClient { ClientId = demo.ClientId, PartnerId = partner.Id, Status = ClientStatus.Active, CreatedAt = DateTime.UtcNow });
        }

        var portal = new OpenIddictApplicationDescriptor
        {
            ClientId = PortalClientId,
            ClientType = Oidc.ClientTypes.Public,
            DisplayName = "OneWindow demo portal",
            Requirements = { Oidc.Requirements.Features.ProofKeyForCodeExchange },
            Permissions =
            {
                Oidc.Permissions.Endpoints.Authorization,
                Oidc.Permissions.Endpoints.Token,
                Oidc.Permissions.Endpoints.EndSession,
                Oidc.Permissions.GrantTypes.AuthorizationCode,
                Oidc.Permissions.GrantTypes.RefreshToken,
                Oidc.Permissions.ResponseTypes.Code,
                Oidc.Permissions.Scopes.Profile,
                Oidc.Permissions.Prefixes.Scope + Oidc.Scopes.OfflineAccess,
            },
        };
        foreach (var uri in redirectUris)
        {
            portal.RedirectUris.Add(uri);
        }
        foreach (var scope in Scopes.All)
        {
            portal.Permissions.Add(Oidc.Permissions.Prefixes.Scope + scope);
        }
        await applications.CreateAsync(portal, cancellationToken);

        var hasher = new PasswordHasher<Person>();
        foreach (var (userName, kind, name, idNumber) in new[]
        {
            ("demo-staff", PersonKind.Staff, "王登记", (string?)null),
            ("demo-citizen", PersonKind.Citizen, DemoRegion.Citizen.Name, DemoRegion.Citizen.IdNumber),
            ("demo-operator", PersonKind.Operator, "周运营", null),
        })
        {
            var person = new Person { UserName = userName, Kind = kind, Name = name, IdNumber = idNumber, PasswordHash = "", CreatedAt = DateTime.UtcNow };
            person.PasswordHash = hasher.HashPassword(person, Password);
            db.People.Add(person);
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Where the demo portal may send a person back: the sign-in callback and Swagger UI's oauth2-redirect.html on the
    /// default port, and the extra URIs of <c>Auth:DemoPortalRedirectUris</c>, e.g. for a host on another port.
    /// </summary>
    public static IReadOnlyList<Uri> PortalRedirectUris(IConfiguration configuration)
    {
        var extra = configuration.GetSection("Auth:DemoPortalRedirectUris").Get<string[]>() ?? [];
        return new[]
        {
            "http://localhost:5080/signin-callback", "http://127.0.0.1:5080/signin-callback", "http://localhost/signin-callback",
            "http://localhost:5080/swagger/oauth2-redirect.html", "http://127.0.0.1:5080/swagger/oauth2-redirect.html",
        }.Concat(extra).Distinct().Select(uri => new Uri(uri)).ToList();
    }

    /// <summary>A demo database made before a redirect URI was added (or started on another port) gets it too.</summary>
    private static async Task AddRedirectUrisAsync(IOpenIddictApplicationManager applications, object portal, IReadOnlyList<Uri> redirectUris, CancellationToken cancellationToken)
    {
        var descriptor = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(descriptor, portal, cancellationToken);
        var missing = redirectUris.Where(uri => !descriptor.RedirectUris.Contains(uri)).ToList();
        if (missing.Count == 0)
        {
            return;
        }
        foreach (var uri in missing)
        {
            descriptor.RedirectUris.Add(uri);
        }
        try
        {
            await applications.UpdateAsync(portal, descriptor, cancellationToken);
        }
        catch (OpenIddictExceptions.ConcurrencyException)
        {
            // Another instance updated it first.
        }
    }

    /// <summary>A partner's confidential client: client credentials, the scopes its kind may hold.</summary>
    public static OpenIddictApplicationDescriptor ClientDescriptor(string clientId, string secret, string displayName, PartnerKind kind)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = secret,
            ClientType = Oidc.ClientTypes.Confidential,
            DisplayName = displayName,
            Permissions = { Oidc.Permissions.Endpoints.Token, Oidc.Permissions.GrantTypes.ClientCredentials },
        };
        foreach (var scope in PartnerScopes.For(kind))
        {
            descriptor.Permissions.Add(Oidc.Permissions.Prefixes.Scope + scope);
        }
        return descriptor;
    }
}
