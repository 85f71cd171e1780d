namespace OneWindow.Domain.Privacy;

/// <summary>How personal data is shown to someone not entitled to see it: 张*, 4412**********1234.</summary>
public static class PersonalDataMasking
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
    /// An identity document number: the first four and last four characters kept, stars between
    /// (4412**********1234 for an 18-character number); a number of eight characters or fewer is all stars.
    /// </summary>
    public static string MaskIdNumber(string idNumber)
    {
        var trimmed = idNumber.Trim();
        return trimmed.Length > 8
            ? string.Concat(trimmed.AsSpan(0, 4), new string('*', trimmed.Length - 8), trimmed.AsSpan(trimmed.Length - 4))
            : new string('*', trimmed.Length);
    }
}
