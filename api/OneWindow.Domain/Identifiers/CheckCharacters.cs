namespace OneWindow.Domain.Identifiers;

/// <summary>The check character algorithms of the identifiers.</summary>
internal static class CheckCharacters
{
    /// <summary>The GB 32100 alphabet, valued 0..30 in this order (no I, O, S, V, Z).</summary>
    public const string CreditCodeAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    // GB 32100: the weight of position i (from 0) is 3^i mod 31.
    private static readonly int[] CreditCodeWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>
    /// ISO 7064 MOD 11-2 (GB/T 17710) over ASCII digits, as GB 11643 uses it for the resident ID number: the digit at
    /// position i of n (from 1, left to right) weighs 2^(n+1−i) mod 11, the weighted sum S gives the check value
    /// (12 − S mod 11) mod 11, written 0–9 or X for 10. For n = 17 the weights are 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2.
    /// Computed here with the standard's recursive form (p = (p + digit) × 2 mod 11), which gives the same weights for
    /// any length.
    /// </summary>
    public static char Mod11_2(ReadOnlySpan<char> digits)
    {
        var p = 0;
        foreach (var c in digits)
        {
            p = (p + (c - '0')) * 2 % 11;
        }

        var check = (12 - p) % 11;
        return check == 10 ? 'X' : (char)('0' + check);
    }

    /// <summary>
    /// GB 32100's check character over the first 17 characters of a credit code (all from
    /// <see cref="CreditCodeAlphabet"/>): weighted sum S with the weights 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28,
    /// check value 31 − S mod 31 (31 becomes 0), written with the same alphabet.
    /// </summary>
    public static char CreditCode(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < CreditCodeWeights.Length; i++)
        {
            sum += CreditCodeAlphabet.IndexOf(first17[i], StringComparison.Ordinal) * CreditCodeWeights[i];
        }

        return CreditCodeAlphabet[(31 - (sum % 31)) % 31];
    }

    // GB 11714: the weights of the 8 body characters.
    private static readonly int[] OrganisationCodeWeights = [3, 7, 9, 10, 5, 8, 4, 2];

    /// <summary>
    /// GB 11714's check character over the 8 body characters of an organisation code (digits 0–9, letters A–Z valued
    /// 10–35): C = 11 − (Σ value × weight mod 11) with the weights 3 7 9 10 5 8 4 2, written as a digit, X for 10, 0 for 11.
    /// </summary>
    public static char OrganisationCode(ReadOnlySpan<char> body)
    {
        var sum = 0;
        for (var i = 0; i < OrganisationCodeWeights.Length; i++)
        {
            var c = body[i];
            sum += (char.IsAsciiDigit(c) ? c - '0' : c - 'A' + 10) * OrganisationCodeWeights[i];
        }

        var check = 11 - (sum % 11);
        return check switch { 10 => 'X', 11 => '0', _ => (char)('0' + check) };
    }
}
