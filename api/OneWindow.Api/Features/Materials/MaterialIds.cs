using System.Security.Cryptography;

namespace OneWindow.Api.Features.Materials;

/// <summary>
/// Materials' public ids: <c>mat_</c> and 128 random bits in hex. Note: random, never a sequence, so an id says
/// nothing about how many uploads exist and cannot be guessed; ownership is still checked on every read.
/// </summary>
public static class MaterialIds
{
    private const string Prefix = "mat_";
    private const int HexDigits = 32;

    public static string New() => Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(HexDigits / 2));

    /// <summary>Whether the text can be a material id at all (anything else is not found without a query).</summary>
    public static bool IsWellFormed(string? id) =>
        id is not null && id.Length == Prefix.Length + HexDigits && id.StartsWith(Prefix, StringComparison.Ordinal)
        && !id.AsSpan(Prefix.Length).ContainsAnyExcept("0123456789abcdef");
}
