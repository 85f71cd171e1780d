using System.Collections.Frozen;

namespace OneWindow.Domain.Identifiers;

/// <summary>
/// A passport's issuing state (国籍): its ISO 3166-1 alpha-3 code, e.g. GBR, USA, CHN. A passport number alone does not
/// identify a person (every state numbers its own passports), so a party identified by passport carries the code too.
/// </summary>
/// <remarks>
/// The codes are the 249 of ISO 3166-1 as the iso-codes project publishes them, embedded from
/// <c>Identifiers/Data/countries.tsv</c>. Codes ICAO adds for travel documents only (D for Germany in old machine-readable
/// zones, GBD, UNO, XXA, …) are not ISO 3166-1 codes and are refused.
/// </remarks>
public static class Nationality
{
    private static readonly FrozenDictionary<string, string> Names = Load();

    /// <summary>How many codes are known.</summary>
    public static int Count => Names.Count;

    /// <summary>The English short name of the state with this code, or null when the code is not one of ISO 3166-1.</summary>
    public static string? Name(string? alpha3) => alpha3 is not null && Names.TryGetValue(alpha3, out var name) ? name : null;

    /// <summary>
    /// Reads a nationality: three ASCII letters (any case, surrounding spaces ignored) that are an ISO 3166-1 alpha-3
    /// code; gives the code in capitals.
    /// </summary>
    public static bool TryParse(string? text, out string code, out IdentifierError error)
    {
        code = "";
        var value = text?.Trim() ?? "";
        if (value.Length == 0)
        {
            error = Error(IdentifierErrorReasons.Empty, "The nationality is empty.");
            return false;
        }
        if (value.Length != 3)
        {
            error = Error(IdentifierErrorReasons.Length, "A nationality is a three-letter ISO 3166-1 alpha-3 code.");
            return false;
        }
        if (!value.All(char.IsAsciiLetter))
        {
            error = Error(IdentifierErrorReasons.Characters, "A nationality is three letters A–Z.");
            return false;
        }
        value = value.ToUpperInvariant();
        if (!Names.ContainsKey(value))
        {
            error = Error(IdentifierErrorReasons.UnknownCountry, "Not an ISO 3166-1 alpha-3 code.");
            return false;
        }
        code = value;
        error = default!;
        return true;
    }

    private static IdentifierError Error(string reason, string message) => new(IdentifierErrorCodes.InvalidNationality, reason, message);

    private static FrozenDictionary<string, string> Load()
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in EmbeddedData.ReadText("countries.tsv").Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            var fields = line.Split('\t');
            if (fields.Length != 2 || fields[0].Length != 3 || !fields[0].All(char.IsAsciiLetterUpper) || !names.TryAdd(fields[0], fields[1]))
            {
                throw new InvalidOperationException($"countries.tsv: bad line '{line}'.");
            }
        }
        return names.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
