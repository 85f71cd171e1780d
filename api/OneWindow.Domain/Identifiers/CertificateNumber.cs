using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace OneWindow.Domain.Identifiers;

/// <summary>
/// The number of a real estate certificate: <c>粤(2025)肇庆市不动产权第0012345号</c> for a certificate of title,
/// <c>粤(2025)肇庆市不动产证明第0001234号</c> for a certificate of registration.
/// </summary>
/// <remarks>
/// <list type="table">
/// <item><term>province</term><description>the one-character abbreviation of the province (<see cref="ProvinceAbbreviations"/>)</description></item>
/// <item><term>year</term><description>four digits in parentheses, ASCII () or full-width （） (both occur on real certificates; the
/// two sides are accepted independently), from 1990 to next year in China; <see cref="ToString"/> writes ASCII</description></item>
/// <item><term>registry</term><description>the registry's city or county name, 1–20 Chinese characters ending in 市, 县, 区, 州, 盟 or 旗
/// (肇庆市, 端州区, 四会市, 阿拉善盟, 鄂托克旗, …)</description></item>
/// <item><term>kind</term><description>不动产权 (<see cref="CertificateKind.Title"/>) or 不动产证明 (<see cref="CertificateKind.Registration"/>)</description></item>
/// <item><term>sequence</term><description>第 + exactly seven ASCII digits + 号, per registry and year, from 0000001</description></item>
/// </list>
/// Surrounding whitespace is trimmed; no whitespace is allowed inside.
/// </remarks>
public sealed record CertificateNumber
{
    /// <summary>
    /// The province abbreviations: the 34 primary ones (京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川贵云藏陕甘青宁新港澳台)
    /// and the official alternatives 黔 (Guizhou, the one its registries print), 滇 (Yunnan), 蜀 (Sichuan), 秦 (Shaanxi)
    /// and 陇 (Gansu).
    /// </summary>
    public const string ProvinceAbbreviations = "京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川贵云藏陕甘青宁新港澳台黔滇蜀秦陇";

    /// <summary>The earliest year accepted.</summary>
    public const int EarliestYear = 1990;

    private const string TitleText = "不动产权";
    private const string RegistrationText = "不动产证明";
    private const string RegistrySuffixes = "市县区州盟旗";
    private const int MaxRegistryLength = 20;
    private const int SequenceDigits = 7;

    private CertificateNumber(char province, int year, string registry, CertificateKind kind, int sequence)
    {
        Province = province;
        Year = year;
        Registry = registry;
        Kind = kind;
        Sequence = sequence;
    }

    /// <summary>The province abbreviation, e.g. 粤.</summary>
    public char Province { get; }

    /// <summary>The year, e.g. 2025.</summary>
    public int Year { get; }

    /// <summary>The registry's name, e.g. 肇庆市.</summary>
    public string Registry { get; }

    /// <summary>The kind: certificate of title or certificate of registration.</summary>
    public CertificateKind Kind { get; }

    /// <summary>The sequence, 1–9999999 (written with seven digits).</summary>
    public int Sequence { get; }

    /// <summary>Parses a certificate number; throws <see cref="IdentifierFormatException"/> with the error when it is invalid.</summary>
    /// <param name="s">The text.</param>
    /// <param name="today">The date whose year + 1 is the latest year accepted; default today in China (UTC+8).</param>
    public static CertificateNumber Parse(string s, DateOnly? today = null) =>
        TryParse(s, out var value, out var error, today) ? value : throw new IdentifierFormatException(error);

    /// <summary>Parses a certificate number; on failure returns false and says why in <paramref name="error"/>.</summary>
    /// <param name="s">The text.</param>
    /// <param name="value">The certificate number when valid.</param>
    /// <param name="error">Why it is not valid.</param>
    /// <param name="today">The date whose year + 1 is the latest year accepted; default today in China (UTC+8).</param>
    public static bool TryParse(
        [NotNullWhen(true)] string? s,
        [NotNullWhen(true)] out CertificateNumber? value,
        [NotNullWhen(false)] out IdentifierError? error,
        DateOnly? today = null)
    {
        value = null;
        var text = IdentifierText.Trim(s);
        if (text is null)
        {
            error = Error(IdentifierErrorReasons.Empty, "A certificate number is required.");
            return false;
        }

        var province = text[0];
        if (!ProvinceAbbreviations.Contains(province, StringComparison.Ordinal))
        {
            error = Error(IdentifierErrorReasons.Province, "The first character is not a province abbreviation (粤, 京, 沪, …).");
            return false;
        }

        var close = text.Length > 1 && IsOpeningParenthesis(text[1]) ? text.AsSpan(2).IndexOfAny(')', '）') : -1;
        if (close < 0)
        {
            error = Error(IdentifierErrorReasons.Format, "The province must be followed by the year in parentheses, as in 粤(2025).");
            return false;
        }

        var yearText = text.AsSpan(2, close);
        var rest = text.AsSpan(2 + close + 1);
        var latestYear = (today ?? ChinaClock.Today).Year + 1;
        var year = yearText.Length == 4 && IdentifierText.IsDigits(yearText) ? IdentifierText.ToInt32(yearText) : -1;
        if (year < EarliestYear || year > latestYear)
        {
            error = Error(IdentifierErrorReasons.Year, $"The year in parentheses must be four digits from {EarliestYear} to {latestYear}.");
            return false;
        }

        var number = rest.LastIndexOf('第');
        if (number < 0)
        {
            error = Error(IdentifierErrorReasons.Format, "The number must end in 第 + seven digits + 号.");
            return false;
        }

        var head = rest[..number];
        CertificateKind kind;
        ReadOnlySpan<char> registry;
        if (head.EndsWith(TitleText, StringComparison.Ordinal))
        {
            kind = CertificateKind.Title;
            registry = head[..^TitleText.Length];
        }
        else if (head.EndsWith(RegistrationText, StringComparison.Ordinal))
        {
            kind = CertificateKind.Registration;
            registry = head[..^RegistrationText.Length];
        }
        else
        {
            error = Error(IdentifierErrorReasons.Kind, "The kind before 第 must be 不动产权 (certificate of title) or 不动产证明 (certificate of registration).");
            return false;
        }

        if (ValidateRegistry(registry) is { } registryError)
        {
            error = registryError;
            return false;
        }

        var tail = rest[(number + 1)..];
        if (tail.Length != SequenceDigits + 1 || tail[^1] != '号' || !IdentifierText.IsDigits(tail[..SequenceDigits])
            || IdentifierText.ToInt32(tail[..SequenceDigits]) == 0)
        {
            error = Error(IdentifierErrorReasons.Sequence, "第 must be followed by exactly seven digits, not all zero, and 号.");
            return false;
        }

        error = null;
        value = new CertificateNumber(province, year, registry.ToString(), kind, IdentifierText.ToInt32(tail[..SequenceDigits]));
        return true;
    }

    /// <summary>Builds a certificate number from its parts.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not defined, or <paramref name="sequence"/> is not 1–9999999.</exception>
    /// <exception cref="IdentifierFormatException">The parts break a rule (province, year, registry).</exception>
    public static CertificateNumber Create(char province, int year, string registry, CertificateKind kind, int sequence)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sequence, 9_999_999);
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a certificate kind.");
        }

        // The year is written as given, not padded: 202 must fail as YEAR rather than become 0202.
        return Parse(Format(province, year.ToString(CultureInfo.InvariantCulture), registry, kind, sequence));
    }

    /// <summary>The canonical form, with ASCII parentheses: 粤(2025)肇庆市不动产权第0012345号.</summary>
    public override string ToString() =>
        Format(Province, Year.ToString(CultureInfo.InvariantCulture), Registry, Kind, Sequence);

    private static string Format(char province, string year, string registry, CertificateKind kind, int sequence) =>
        string.Concat(
            $"{province}({year})",
            registry,
            kind == CertificateKind.Title ? TitleText : RegistrationText,
            $"第{sequence.ToString("D7", CultureInfo.InvariantCulture)}号");

    private static IdentifierError? ValidateRegistry(ReadOnlySpan<char> registry)
    {
        if (registry.Length is 0 or > MaxRegistryLength
            || !RegistrySuffixes.Contains(registry[^1], StringComparison.Ordinal))
        {
            return RegistryError();
        }

        foreach (var c in registry)
        {
            if (!IsChineseCharacter(c))
            {
                return RegistryError();
            }
        }

        return null;

        static IdentifierError RegistryError() =>
            Error(IdentifierErrorReasons.Registry, $"The registry must be 1-{MaxRegistryLength} Chinese characters ending in 市, 县, 区, 州, 盟 or 旗, as in 肇庆市 or 端州区.");
    }

    private static bool IsOpeningParenthesis(char c) => c is '(' or '（';

    // CJK Unified Ideographs and Extension A: every name in the GB/T 2260 list is in these blocks.
    private static bool IsChineseCharacter(char c) => c is (>= '\u4E00' and <= '\u9FFF') or (>= '\u3400' and <= '\u4DBF');

    private static IdentifierError Error(string reason, string message) =>
        new(IdentifierErrorCodes.InvalidCertificateNumber, reason, message);
}
