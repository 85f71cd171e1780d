using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace OneWindow.Domain.Identifiers;

/// <summary>
/// A real estate unit code (不动产单元代码, GB/T 37346): 28 characters in seven parts, e.g.
/// <c>441202003005GB00012F00010101</c>.
/// </summary>
/// <remarks>
/// <list type="table">
/// <item><term>1–6</term><description>county-level administrative division (GB/T 2260), a known one: <see cref="AdministrativeDivisions.IsKnownCounty"/></description></item>
/// <item><term>7–9</term><description>cadastral zone (地籍区), digits</description></item>
/// <item><term>10–12</term><description>cadastral subzone (地籍子区), digits</description></item>
/// <item><term>13</term><description>land ownership: G state, J collective, Z undetermined</description></item>
/// <item><term>14</term><description>parcel kind: A collective land ownership and C homestead (both only with J); B construction land
/// use right at the surface, S above ground, X underground; D E F contracted farmland, forest, grassland; H sea area;
/// G uninhabited island; W undetermined or disputed; Y other</description></item>
/// <item><term>15–19</term><description>parcel sequence (宗地/宗海顺序号), digits</description></item>
/// <item><term>20</term><description>fixture kind: F house or other building/structure, L forest/trees, Q other fixture, W none</description></item>
/// <item><term>21–28</term><description>fixture unit number, digits; for houses 4-digit building (幢) + 4-digit unit (户);
/// 00000000 with W</description></item>
/// </list>
/// There is no check character: validation is structural. Surrounding whitespace is trimmed and lower-case letters are
/// accepted and upper-cased (GB/T 37346 writes them in upper case); nothing else is corrected.
/// </remarks>
public sealed record UnitCode
{
    /// <summary>The number of characters of a unit code.</summary>
    public const int Length = 28;

    private const string LandOwnerships = "GJZ";
    private const string ParcelKinds = "ABSXCDEFHGWY";
    private const string FixtureKinds = "FLQW";
    private const string NoFixture = "00000000";

    private UnitCode(string value) => Value = value;

    /// <summary>The canonical 28-character form.</summary>
    public string Value { get; }

    /// <summary>The county-level administrative division (characters 1–6), e.g. 441202.</summary>
    public string Division => Value[..6];

    /// <summary>The cadastral zone (地籍区, characters 7–9), e.g. 003.</summary>
    public string CadastralZone => Value[6..9];

    /// <summary>The cadastral subzone (地籍子区, characters 10–12), e.g. 005.</summary>
    public string CadastralSubzone => Value[9..12];

    /// <summary>The land ownership (character 13): G state, J collective, Z undetermined.</summary>
    public char LandOwnership => Value[12];

    /// <summary>The parcel kind (character 14), one of A B S X C D E F H G W Y.</summary>
    public char ParcelKind => Value[13];

    /// <summary>The parcel sequence (characters 15–19) as a number, e.g. 12 for 00012.</summary>
    public int ParcelSequence => IdentifierText.ToInt32(Value.AsSpan(14, 5));

    /// <summary>The fixture kind (character 20): F building, L trees, Q other, W none.</summary>
    public char FixtureKind => Value[19];

    /// <summary>The fixture unit number (characters 21–28), e.g. 00010101; 00000000 when there is no fixture.</summary>
    public string FixtureNumber => Value[20..];

    /// <summary>The parcel (宗地/宗海) code: the first 19 characters, shared by every unit on the parcel.</summary>
    public string ParcelCode => Value[..19];

    /// <summary>For a house (fixture kind F): the building number (幢号), the first 4 digits of the fixture number; otherwise null.</summary>
    public string? BuildingNumber => FixtureKind == 'F' ? Value[20..24] : null;

    /// <summary>For a house (fixture kind F): the unit number (户号), the last 4 digits of the fixture number; otherwise null.</summary>
    public string? RoomNumber => FixtureKind == 'F' ? Value[24..] : null;

    /// <summary>Parses a unit code; throws <see cref="IdentifierFormatException"/> with the error when it is invalid.</summary>
    public static UnitCode Parse(string s) =>
        TryParse(s, out var value, out var error) ? value : throw new IdentifierFormatException(error);

    /// <summary>Parses a unit code; on failure returns false and says why in <paramref name="error"/>.</summary>
    public static bool TryParse(
        [NotNullWhen(true)] string? s,
        [NotNullWhen(true)] out UnitCode? value,
        [NotNullWhen(false)] out IdentifierError? error)
    {
        value = null;
        error = Validate(s, out var canonical);
        if (error is not null)
        {
            return false;
        }

        value = new UnitCode(canonical!);
        return true;
    }

    /// <summary>
    /// Builds a unit code from its parts, for a house or other building: the fixture number is
    /// <paramref name="building"/> (幢) and <paramref name="room"/> (户), four digits each. For a unit without fixture
    /// (kind W) pass 0 and 0.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A number does not fit its digits.</exception>
    /// <exception cref="IdentifierFormatException">The parts break a rule (unknown division, A with G, …).</exception>
    public static UnitCode Create(
        string division, string zone, string subzone, char landOwnership, char parcelKind, int parcelSequence,
        char fixtureKind, int building, int room)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(building);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(building, 9999);
        ArgumentOutOfRangeException.ThrowIfNegative(room);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(room, 9999);
        return Create(
            division, zone, subzone, landOwnership, parcelKind, parcelSequence, fixtureKind,
            building.ToString("D4", CultureInfo.InvariantCulture) + room.ToString("D4", CultureInfo.InvariantCulture));
    }

    /// <summary>Builds a unit code from its parts with a raw 8-digit fixture unit number.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The parcel sequence does not fit five digits.</exception>
    /// <exception cref="IdentifierFormatException">The parts break a rule (unknown division, A with G, …).</exception>
    public static UnitCode Create(
        string division, string zone, string subzone, char landOwnership, char parcelKind, int parcelSequence,
        char fixtureKind, string fixtureNumber)
    {
        ArgumentNullException.ThrowIfNull(division);
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(subzone);
        ArgumentNullException.ThrowIfNull(fixtureNumber);
        ArgumentOutOfRangeException.ThrowIfNegative(parcelSequence);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(parcelSequence, 99999);

        // Each part is checked on its own first, so that a part of the wrong length is reported as that part and not
        // as the length of the whole.
        var partError =
            Expect(division, 6, IdentifierErrorReasons.Division, "The division must be six digits.")
            ?? Expect(zone, 3, IdentifierErrorReasons.CadastralZone, "The cadastral zone must be three digits.")
            ?? Expect(subzone, 3, IdentifierErrorReasons.CadastralSubzone, "The cadastral subzone must be three digits.")
            ?? Expect(fixtureNumber, 8, IdentifierErrorReasons.FixtureNumber, "The fixture unit number must be eight digits.");
        if (partError is not null)
        {
            throw new IdentifierFormatException(partError);
        }

        return Parse(string.Concat(
            division, zone, subzone, $"{landOwnership}{parcelKind}",
            parcelSequence.ToString("D5", CultureInfo.InvariantCulture), $"{fixtureKind}", fixtureNumber));
    }

    /// <summary>The canonical 28-character form.</summary>
    public override string ToString() => Value;

    private static IdentifierError? Validate(string? s, out string? canonical)
    {
        canonical = null;
        var trimmed = IdentifierText.Trim(s);
        if (trimmed is null)
        {
            return Error(IdentifierErrorReasons.Empty, "A real estate unit code is required.");
        }

        if (trimmed.Length != Length)
        {
            return Error(IdentifierErrorReasons.Length, $"A real estate unit code has {Length} characters, not {trimmed.Length}.");
        }

        var code = IdentifierText.ToAsciiUpper(trimmed);
        var span = code.AsSpan();

        if (!IdentifierText.IsDigits(span[..6]))
        {
            return Error(IdentifierErrorReasons.Division, "Characters 1-6 (the county-level administrative division) must be digits.");
        }

        if (!AdministrativeDivisions.IsKnownCounty(code[..6]))
        {
            return Error(IdentifierErrorReasons.Division, $"Characters 1-6 ({code[..6]}) are not a known county-level administrative division (GB/T 2260).");
        }

        if (!IdentifierText.IsDigits(span[6..9]))
        {
            return Error(IdentifierErrorReasons.CadastralZone, "Characters 7-9 (the cadastral zone) must be digits.");
        }

        if (!IdentifierText.IsDigits(span[9..12]))
        {
            return Error(IdentifierErrorReasons.CadastralSubzone, "Characters 10-12 (the cadastral subzone) must be digits.");
        }

        var landOwnership = code[12];
        if (!LandOwnerships.Contains(landOwnership, StringComparison.Ordinal))
        {
            return Error(IdentifierErrorReasons.LandOwnership, "Character 13 (the land ownership) must be G (state), J (collective) or Z (undetermined).");
        }

        var parcelKind = code[13];
        if (!ParcelKinds.Contains(parcelKind, StringComparison.Ordinal))
        {
            return Error(IdentifierErrorReasons.ParcelKind, "Character 14 (the parcel kind) must be one of A B S X C D E F H G W Y.");
        }

        if (parcelKind is 'A' or 'C' && landOwnership != 'J')
        {
            return Error(IdentifierErrorReasons.ParcelCombination, $"Parcel kind {parcelKind} (collective land ownership or homestead) exists only on collective land (J), not with {landOwnership}.");
        }

        if (!IdentifierText.IsDigits(span[14..19]))
        {
            return Error(IdentifierErrorReasons.ParcelSequence, "Characters 15-19 (the parcel sequence) must be digits.");
        }

        var fixtureKind = code[19];
        if (!FixtureKinds.Contains(fixtureKind, StringComparison.Ordinal))
        {
            return Error(IdentifierErrorReasons.FixtureKind, "Character 20 (the fixture kind) must be F (building), L (trees), Q (other fixture) or W (no fixture).");
        }

        if (!IdentifierText.IsDigits(span[20..]))
        {
            return Error(IdentifierErrorReasons.FixtureNumber, "Characters 21-28 (the fixture unit number) must be digits.");
        }

        if (fixtureKind == 'W' && !span[20..].SequenceEqual(NoFixture))
        {
            return Error(IdentifierErrorReasons.FixtureNumber, "With fixture kind W (no fixture) the fixture unit number must be 00000000.");
        }

        canonical = code;
        return null;
    }

    private static IdentifierError? Expect(string part, int length, string reason, string message) =>
        part.Length == length && IdentifierText.IsDigits(part) ? null : Error(reason, message);

    private static IdentifierError Error(string reason, string message) =>
        new(IdentifierErrorCodes.InvalidUnitCode, reason, message);
}
