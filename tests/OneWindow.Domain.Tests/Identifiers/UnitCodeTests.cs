using OneWindow.Domain.Identifiers;

namespace OneWindow.Domain.Tests.Identifiers;

public sealed class UnitCodeTests
{
    // Duanzhou (441202), cadastral zone 003, subzone 005, state-owned land (G) with a surface construction land use
    // right (B), parcel 12, a house (F), building 1, unit 101.
    private const string Example = "441202003005GB00012F00010101";

    [Fact]
    public void Parse_real_world_example_gives_its_parts()
    {
        var code = UnitCode.Parse(Example);

        Assert.Equal("441202", code.Division);
        Assert.Equal("003", code.CadastralZone);
        Assert.Equal("005", code.CadastralSubzone);
        Assert.Equal('G', code.LandOwnership);
        Assert.Equal('B', code.ParcelKind);
        Assert.Equal(12, code.ParcelSequence);
        Assert.Equal('F', code.FixtureKind);
        Assert.Equal("00010101", code.FixtureNumber);
        Assert.Equal("441202003005GB00012", code.ParcelCode);
        Assert.Equal("0001", code.BuildingNumber);
        Assert.Equal("0101", code.RoomNumber);
        Assert.Equal(Example, code.ToString());
        Assert.Equal(Example, code.Value);
    }

    [Fact]
    public void Parse_lower_case_letters_are_upper_cased()
    {
        var code = UnitCode.Parse("441202003005gb00012f00010101");

        Assert.Equal(Example, code.ToString());
        Assert.Equal(UnitCode.Parse(Example), code);
    }

    [Theory]
    [InlineData("  441202003005GB00012F00010101  ")]
    [InlineData("\t441202003005GB00012F00010101\r\n")]
    [InlineData("\u3000441202003005GB00012F00010101\u3000")]
    public void Parse_surrounding_whitespace_is_trimmed(string input)
    {
        Assert.Equal(Example, UnitCode.Parse(input).ToString());
    }

    [Theory]
    [InlineData("441202003005JA00001W00000000")] // collective land ownership, no fixture
    [InlineData("441223001002JC00007F00010001")] // homestead with a house
    [InlineData("441202003005JB00012F00010101")] // construction land use right on collective land
    [InlineData("441224100200GS00003F00020304")] // above ground
    [InlineData("441225010020GX00001Q00000001")] // underground, other fixture
    [InlineData("441226002003JD00005W00000000")] // contracted farmland
    [InlineData("441284003004JE00006L00000001")] // contracted forest with trees
    [InlineData("441203005006JF00007W00000000")] // contracted grassland
    [InlineData("441204000000GH00001W00000000")] // sea area
    [InlineData("441204000000GG00002W00000000")] // uninhabited island
    [InlineData("441202003005ZW00001W00000000")] // undetermined ownership, undetermined or disputed right
    [InlineData("441202003005GY00001Q00000002")] // other right
    [InlineData("441202003005GB00000F00000000")] // zeros where digits are only required to be digits
    [InlineData("441900001001GB00001F00010101")] // Dongguan: a prefecture-level city without counties
    [InlineData("110105001001GB00001F00010101")] // Beijing, Chaoyang: another province
    [InlineData("419001001001GB00001F00010101")] // Jiyuan: county-level, directly under the province
    public void Parse_valid_code_is_accepted(string input)
    {
        Assert.True(UnitCode.TryParse(input, out var code, out var error));
        Assert.Null(error);
        Assert.Equal(input, code.ToString());
    }

    [Theory]
    [InlineData(null, IdentifierErrorReasons.Empty)]
    [InlineData("", IdentifierErrorReasons.Empty)]
    [InlineData("   ", IdentifierErrorReasons.Empty)]
    [InlineData("\u3000", IdentifierErrorReasons.Empty)]
    [InlineData("441202003005GB00012F0001010", IdentifierErrorReasons.Length)]
    [InlineData("441202003005GB00012F000101011", IdentifierErrorReasons.Length)]
    [InlineData("441202003005GB00012F 00010101", IdentifierErrorReasons.Length)]
    [InlineData("44120A003005GB00012F00010101", IdentifierErrorReasons.Division)]
    [InlineData("４41202003005GB00012F00010101", IdentifierErrorReasons.Division)] // full-width digit
    [InlineData("441299003005GB00012F00010101", IdentifierErrorReasons.Division)] // no such county
    [InlineData("441200003005GB00012F00010101", IdentifierErrorReasons.Division)] // Zhaoqing city: has districts
    [InlineData("440000003005GB00012F00010101", IdentifierErrorReasons.Division)] // Guangdong province
    [InlineData("441283003005GB00012F00010101", IdentifierErrorReasons.Division)] // Gaoyao city, a district since 2015
    [InlineData("44120200A005GB00012F00010101", IdentifierErrorReasons.CadastralZone)]
    [InlineData("4412020030O5GB00012F00010101", IdentifierErrorReasons.CadastralSubzone)]
    [InlineData("441202003005XB00012F00010101", IdentifierErrorReasons.LandOwnership)]
    [InlineData("4412020030051B00012F00010101", IdentifierErrorReasons.LandOwnership)]
    [InlineData("441202003005GQ00012F00010101", IdentifierErrorReasons.ParcelKind)]
    [InlineData("441202003005GI00012F00010101", IdentifierErrorReasons.ParcelKind)]
    [InlineData("441202003005GA00012W00000000", IdentifierErrorReasons.ParcelCombination)]
    [InlineData("441202003005GC00012F00010101", IdentifierErrorReasons.ParcelCombination)]
    [InlineData("441202003005ZA00012W00000000", IdentifierErrorReasons.ParcelCombination)]
    [InlineData("441202003005ZC00012F00010101", IdentifierErrorReasons.ParcelCombination)]
    [InlineData("441202003005GB0001BF00010101", IdentifierErrorReasons.ParcelSequence)]
    [InlineData("441202003005GB00012A00010101", IdentifierErrorReasons.FixtureKind)]
    [InlineData("441202003005GB00012000010101", IdentifierErrorReasons.FixtureKind)]
    [InlineData("441202003005GB00012F0001010X", IdentifierErrorReasons.FixtureNumber)]
    [InlineData("441202003005GB00012W00010101", IdentifierErrorReasons.FixtureNumber)] // no fixture needs 00000000
    public void TryParse_invalid_code_reports_its_reason(string? input, string reason)
    {
        Assert.False(UnitCode.TryParse(input, out var code, out var error));

        Assert.Null(code);
        Assert.Equal(IdentifierErrorCodes.InvalidUnitCode, error.Code);
        Assert.Equal(reason, error.Reason);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void Parse_invalid_code_throws_IdentifierFormatException_with_the_error()
    {
        var exception = Assert.Throws<IdentifierFormatException>(() => UnitCode.Parse("441202003005GA00012W00000000"));

        Assert.Equal(IdentifierErrorCodes.InvalidUnitCode, exception.Error.Code);
        Assert.Equal(IdentifierErrorReasons.ParcelCombination, exception.Error.Reason);
        Assert.Equal(exception.Error.Message, exception.Message);
        Assert.IsAssignableFrom<FormatException>(exception);
    }

    [Fact]
    public void Parse_code_without_house_has_no_building_or_room()
    {
        var code = UnitCode.Parse("441223001002JC00007W00000000");

        Assert.Null(code.BuildingNumber);
        Assert.Null(code.RoomNumber);
        Assert.Equal("00000000", code.FixtureNumber);
        Assert.Equal(7, code.ParcelSequence);
    }

    [Fact]
    public void Create_house_round_trips_through_ToString_and_Parse()
    {
        var created = UnitCode.Create("441202", "003", "005", 'G', 'B', 12, 'F', 1, 101);

        Assert.Equal(Example, created.ToString());
        Assert.Equal(created, UnitCode.Parse(created.ToString()));
    }

    [Fact]
    public void Create_raw_fixture_number_round_trips_through_ToString_and_Parse()
    {
        var created = UnitCode.Create("441284", "003", "004", 'J', 'E', 6, 'L', "00000001");

        Assert.Equal("441284003004JE00006L00000001", created.ToString());
        Assert.Equal(created, UnitCode.Parse(created.ToString()));
    }

    [Fact]
    public void Create_no_fixture_with_zero_building_and_room_gives_00000000()
    {
        var created = UnitCode.Create("441226", "002", "003", 'J', 'D', 5, 'W', 0, 0);

        Assert.Equal("441226002003JD00005W00000000", created.ToString());
    }

    [Theory]
    [InlineData("441299", "003", "005", 'G', 'B', 'F', IdentifierErrorReasons.Division)]
    [InlineData("4412", "003", "005", 'G', 'B', 'F', IdentifierErrorReasons.Division)]
    [InlineData("441202", "3", "005", 'G', 'B', 'F', IdentifierErrorReasons.CadastralZone)]
    [InlineData("441202", "003", "0005", 'G', 'B', 'F', IdentifierErrorReasons.CadastralSubzone)]
    [InlineData("441202", "003", "005", 'Q', 'B', 'F', IdentifierErrorReasons.LandOwnership)]
    [InlineData("441202", "003", "005", 'G', 'A', 'F', IdentifierErrorReasons.ParcelCombination)]
    [InlineData("441202", "003", "005", 'G', 'B', 'W', IdentifierErrorReasons.FixtureNumber)]
    public void Create_parts_breaking_a_rule_throw_with_its_reason(
        string division, string zone, string subzone, char landOwnership, char parcelKind, char fixtureKind, string reason)
    {
        var exception = Assert.Throws<IdentifierFormatException>(
            () => UnitCode.Create(division, zone, subzone, landOwnership, parcelKind, 12, fixtureKind, 1, 101));

        Assert.Equal(IdentifierErrorCodes.InvalidUnitCode, exception.Error.Code);
        Assert.Equal(reason, exception.Error.Reason);
    }

    [Fact]
    public void Create_fixture_number_of_wrong_length_reports_FIXTURE_NUMBER()
    {
        var exception = Assert.Throws<IdentifierFormatException>(
            () => UnitCode.Create("441202", "003", "005", 'G', 'B', 12, 'F', "0001010"));

        Assert.Equal(IdentifierErrorReasons.FixtureNumber, exception.Error.Reason);
    }

    [Theory]
    [InlineData(100000, 1, 101)]
    [InlineData(-1, 1, 101)]
    [InlineData(12, 10000, 101)]
    [InlineData(12, 1, -1)]
    public void Create_number_that_does_not_fit_its_digits_throws_ArgumentOutOfRangeException(int parcelSequence, int building, int room)
    {
        Assert.Throws<ArgumentOutOfRangeException>(
            () => UnitCode.Create("441202", "003", "005", 'G', 'B', parcelSequence, 'F', building, room));
    }

    [Fact]
    public void Equality_same_code_is_equal_and_different_code_is_not()
    {
        var a = UnitCode.Parse(Example);
        var b = UnitCode.Parse(" 441202003005gb00012f00010101 ");
        var c = UnitCode.Parse("441202003005GB00012F00010102");

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.True(a == b);
        Assert.NotEqual(a, c);
    }
}
