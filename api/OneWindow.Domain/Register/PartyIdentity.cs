using System.Security.Cryptography;
using System.Text;

namespace OneWindow.Domain.Register;

/// <summary>
/// Who a holder is, as the register's entries record it: kind and identity document type in clear, name and ID number
/// as SHA-256 (hex of the UTF-8 text), so an entry can be shown or exported without personal data in clear and a
/// changed name or ID number in the parties table no longer matches what the entry recorded.
/// </summary>
public sealed record PartyIdentity(string Kind, string IdType, string NameSha256, string IdNumberSha256)
{
    public static PartyIdentity Of(string kind, string idType, string name, string idNumber) =>
        new(kind, idType, Sha256(name), Sha256(idNumber));

    /// <summary>Lower-case hex SHA-256 of the UTF-8 text.</summary>
    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
