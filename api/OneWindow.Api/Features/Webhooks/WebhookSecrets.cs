using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using OneWindow.Api.Data.Entities;

namespace OneWindow.Api.Features.Webhooks;

/// <summary>
/// Endpoint signing secrets: 32 random bytes, shown to the partner once, stored encrypted with Data Protection (the key
/// ring every instance shares, in the database; production protects it with a certificate, RegistryAuth). A secret is
/// kept decryptable rather than hashed because the platform needs it to sign.
/// </summary>
public sealed class WebhookSecrets(IDataProtectionProvider protection)
{
    private const string Purpose = "OneWindow.Webhooks.Secrets";
    public const string Prefix = "whsec_";

    public static string NewSecret() => Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public string Protect(string secret) => protection.CreateProtector(Purpose).Protect(secret);

    /// <summary>The secrets that sign now: the current one, and the previous one while its overlap lasts.</summary>
    public IReadOnlyList<string> Signing(WebhookEndpoint endpoint, DateTime now)
    {
        var protector = protection.CreateProtector(Purpose);
        var secrets = new List<string> { protector.Unprotect(endpoint.ProtectedSecret) };
        if (endpoint.PreviousProtectedSecret is { } previous && endpoint.PreviousSecretExpiresAt > now)
        {
            secrets.Add(protector.Unprotect(previous));
        }
        return secrets;
    }
}
