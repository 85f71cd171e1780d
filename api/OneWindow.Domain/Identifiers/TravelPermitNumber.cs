using System.Diagnostics.CodeAnalysis;

namespace OneWindow.Domain.Identifiers;

/// <summary>
/// The number of a mainland travel permit (card edition, issued since 2013 and 2015; the booklets before it have all
/// expired): 港澳居民来往内地通行证 (回乡证) — <c>H</c> (Hong Kong) or <c>M</c> (Macao) and 8 digits, e.g. H12345678;
/// 台湾居民来往大陆通行证 (台胞证) — 8 digits, e.g. 12345678. The two-digit issue count printed beside the number
/// (换证次数) is not part of it. The numbers have no check character: the check is the shape. Surrounding whitespace is
/// trimmed, a lower-case h or m upper-cased.
/// </summary>
public sealed record TravelPermitNumber
{
    public const int DigitCount = 8;

    private TravelPermitNumber(IdentityDocumentType type, string value)
    {
        Type = type;
        Value = value;
    }

    /// <summary><see cref="IdentityDocumentType.HongKongMacaoTravelPermit"/> or <see cref="IdentityDocumentType.TaiwanTravelPermit"/>.</summary>
    public IdentityDocumentType Type { get; }

    public string Value { get; }

    /// <summary>For a Hong Kong or Macao permit: whether it was issued to a Hong Kong resident (H) rather than a Macao one (M).</summary>
    public bool HongKong => Value[0] == 'H';

    public static bool TryParse(
        IdentityDocumentType type,
        [NotNullWhen(true)] string? s,
        [NotNullWhen(true)] out TravelPermitNumber? value,
        [NotNullWhen(false)] out IdentifierError? error)
    {
        if (type is not (IdentityDocumentType.HongKongMacaoTravelPermit or IdentityDocumentType.TaiwanTravelPermit))
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, "Not a travel permit.");
        }

        value = null;
        var trimmed = IdentifierText.Trim(s);
        if (trimmed is null)
        {
            error = Error(IdentifierErrorReasons.Empty, "A permit number is required.");
            return false;
        }

        var number = IdentifierText.ToAsciiUpper(trimmed);
        var prefix = type == IdentityDocumentType.HongKongMacaoTravelPermit ? 1 : 0;
        if (number.Length != prefix + DigitCount)
        {
            error = Error(IdentifierErrorReasons.Length, $"The permit number has {prefix + DigitCount} characters, not {number.Length}.");
            return false;
        }

        if (prefix == 1 && number[0] is not ('H' or 'M'))
        {
            error = Error(IdentifierErrorReasons.Format, "A Hong Kong or Macao permit number starts with H or M.");
            return false;
        }

        if (!IdentifierText.IsDigits(number.AsSpan(prefix)))
        {
            error = Error(IdentifierErrorReasons.Characters, $"The permit number ends in {DigitCount} digits.");
            return false;
        }

        error = null;
        value = new TravelPermitNumber(type, number);
        return true;
    }

    public static TravelPermitNumber Parse(IdentityDocumentType type, string s) =>
        TryParse(type, s, out var value, out var error) ? value : throw new IdentifierFormatException(error);

    public override string ToString() => Value;

    private static IdentifierError Error(string reason, string message) => new(IdentifierErrorCodes.InvalidTravelPermitNumber, reason, message);
}
