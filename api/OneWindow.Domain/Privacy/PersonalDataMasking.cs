using System.Text.RegularExpressions;

namespace OneWindow.Domain.Privacy;

/// <summary>How personal data is shown to someone not entitled to see it: 张*, 4412**********1234.</summary>
public static partial class PersonalDataMasking
{
    /// <summary>A person's name: the family name (first character) kept, every other character a star.</summary>
    public static string MaskName(string name)
    {
        var trimmed = name.Trim();
        if (trimmed.Length <= 1)
        {
            return "*";
        }
        var elements = System.Globalization.StringInfo.GetTextElementEnumerator(trimmed);
        elements.MoveNext();
        var first = (string)elements.Current;
        var rest = 0;
        while (elements.MoveNext())
        {
            rest++;
        }
        return first + new string('*', Math.Max(rest, 1));
    }

    /// <summary>
    /// An identity document number, by one rule for every document type (decision 0010): a number of 15 characters or
    /// more (resident ID, residence permit, credit code) keeps its first four and last four characters
    /// (4412**********1234); one of 9 to 14 (a passport, a Hong Kong or Macao travel permit, an organisation code) keeps
    /// two and two (E1*****78), so that most of a short number is never shown; a number of eight characters or fewer
    /// (a Taiwan travel permit) is all stars.
    /// </summary>
    public static string MaskIdNumber(string idNumber)
    {
        var trimmed = idNumber.Trim();
        var keep = trimmed.Length switch { >= 15 => 4, > 8 => 2, _ => 0 };
        return keep == 0
            ? new string('*', trimmed.Length)
            : string.Concat(trimmed.AsSpan(0, keep), new string('*', trimmed.Length - (2 * keep)), trimmed.AsSpan(trimmed.Length - keep));
    }

    /// <summary>
    /// Free text (a restriction's authority or notes) with the given people's names masked wherever they occur, and
    /// every resident ID number in it (18 characters) masked except those in <paramref name="keepIdNumbers"/>. Names
    /// shorter than two characters are left alone: masking a single character everywhere would destroy the text.
    /// Only names the register knows can be found; a name it does not know stays as written.
    /// </summary>
    public static string MaskIn(string text, IEnumerable<string> names, IReadOnlySet<string>? keepIdNumbers = null)
    {
        var masked = ResidentIdNumber().Replace(text, m => keepIdNumbers?.Contains(m.Value.ToUpperInvariant()) == true ? m.Value : MaskIdNumber(m.Value));
        foreach (var name in names.Select(n => n.Trim()).Where(n => n.Length >= 2).Distinct(StringComparer.Ordinal).OrderByDescending(n => n.Length))
        {
            masked = masked.Replace(name, MaskName(name), StringComparison.Ordinal);
        }
        return masked;
    }

    // 17 digits and a digit or X, not inside a longer run of letters or digits (a 21-digit business number is not one).
    [GeneratedRegex("(?<![0-9A-Za-z])[0-9]{17}[0-9Xx](?![0-9A-Za-z])")]
    private static partial Regex ResidentIdNumber();
}
