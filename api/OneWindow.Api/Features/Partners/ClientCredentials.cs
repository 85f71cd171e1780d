using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;

namespace OneWindow.Api.Features.Partners;

/// <summary>New client ids and secrets.</summary>
public static class ClientCredentials
{
    /// <summary>
    /// A client id naming its partner: <c>p{partnerId}-{10 random hex digits}</c>, e.g. <c>p42-3f9a0c1b7e</c>. Not a
    /// secret; the random part keeps the ids of one partner apart.
    /// </summary>
    public static string NewClientId(long partnerId) =>
        string.Create(CultureInfo.InvariantCulture, $"p{partnerId}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5))}");

    /// <summary>
    /// A secret of 256 bits from the operating system's CSPRNG, base64url (43 characters). Note: shown once to the
    /// operator; OpenIddict stores only its PBKDF2 hash, so it cannot be recovered, only replaced.
    /// </summary>
    public static string NewSecret() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
}
