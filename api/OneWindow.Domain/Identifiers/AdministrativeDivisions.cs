using System.Collections.Frozen;

namespace OneWindow.Domain.Identifiers;

/// <summary>
/// Administrative division codes of GB/T 2260 (中华人民共和国行政区划代码): six digits, two each for province,
/// prefecture and county.
/// </summary>
/// <remarks>
/// The data is the Ministry of Civil Affairs' complete list of divisions at county level and above as of the end of
/// 2023, embedded from <c>Identifiers/Data/divisions.tsv</c> (its header names the source). It knows every county in
/// the country, not only Guangdong. It holds only divisions in force at the end of 2023: a code abolished earlier (for
/// example 441283 高要市, a district since 2015 as 441204) is unknown.
/// </remarks>
public static class AdministrativeDivisions
{

    private static readonly FrozenDictionary<string, string> Names = LoadNames();
    private static readonly FrozenSet<string> Counties = FindCounties(Names);

    /// <summary>
    /// Whether <paramref name="twoDigits"/> is a province-level code: one of the 31 mainland provinces, autonomous
    /// regions and municipalities, 71 Taiwan, 81 Hong Kong or 82 Macao.
    /// </summary>
    public static bool IsKnownProvince(string? twoDigits) =>
        twoDigits is { Length: 2 } && IsDigits(twoDigits) && Names.ContainsKey(twoDigits + "0000");

    /// <summary>
    /// Whether <paramref name="sixDigits"/> is a county-level division in force: a district (市辖区), county, autonomous
    /// county, county-level city, banner, autonomous banner, special district or forest district — or a prefecture-level
    /// city that has no county-level divisions under it (东莞 441900, 中山 442000, 儋州 460400, 嘉峪关 620200, 三沙 460300),
    /// which stands in for one in codes such as the real estate unit code. Province and prefecture codes with counties
    /// under them (e.g. 441200 肇庆市) are not county-level.
    /// </summary>
    public static bool IsKnownCounty(string? sixDigits) => sixDigits is not null && Counties.Contains(sixDigits);

    /// <summary>
    /// The Chinese name of the division with this six-digit code (province, prefecture or county), e.g. 端州区 for
    /// 441202; null when the code is not a division in force.
    /// </summary>
    public static string? Name(string? sixDigits) =>
        sixDigits is not null && Names.TryGetValue(sixDigits, out var name) ? name : null;

    private static FrozenDictionary<string, string> LoadNames()
    {
        var text = EmbeddedData.ReadText("divisions.tsv");

        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var line = rawLine.TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var fields = line.Split('\t');
            if (fields.Length != 2 || fields[0].Length != 6 || !IsDigits(fields[0]) || fields[1].Length == 0
                || !names.TryAdd(fields[0], fields[1]))
            {
                throw new InvalidOperationException($"divisions.tsv line {lineNumber} is not 'code<TAB>name' with a new six-digit code.");
            }
        }

        return names.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static FrozenSet<string> FindCounties(FrozenDictionary<string, string> names)
    {
        // A code ending in 00 is a province (xx0000) or a prefecture (xxyy00); every other code is county-level.
        var prefixesWithCounties = names.Keys
            .Where(code => !code.EndsWith("00", StringComparison.Ordinal))
            .Select(code => code[..4])
            .ToHashSet(StringComparer.Ordinal);

        return names.Keys
            .Where(code => !code.EndsWith("00", StringComparison.Ordinal)
                || (!code.EndsWith("0000", StringComparison.Ordinal) && !prefixesWithCounties.Contains(code[..4])))
            .ToFrozenSet(StringComparer.Ordinal);
    }

    private static bool IsDigits(string text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
