using OneWindow.Domain.Identifiers;

namespace OneWindow.Domain.Tests.Identifiers;

// Check characters below were worked out by hand from GB 11643: weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2 on the
// first 17 digits, sum mod 11 mapped 0..10 to 1 0 X 9 8 7 6 5 4 3 2.
public sealed class ResidentIdNumberTests
{
    private static readonly DateOnly Today = new(2025, 6, 1);

    [Fact]
    public void Parse_GB_11643_sample_is_valid_and_gives_its_parts()
    {
        // 1 1 0 1 0 5 1 9 4 9 1 2 3 1 0 0 2
        // 7+9+0+5+0+20+2+9+24+27+7+18+30+5+0+0+4 = 167; 167 mod 11 = 2 -> X
        var id = ResidentIdNumber.Parse("11010519491231002X", Today);

        Assert.Equal("110105", id.AddressCode);
        Assert.Equal(new DateOnly(1949, 12, 31), id.BirthDate);
        Assert.Equal(2, id.Sequence);
        Assert.Equal(Sex.Female, id.Sex);
        Assert.Equal("11010519491231002X", id.ToString());
        Assert.Equal("1101**********002X", id.Masked);
    }

    [Fact]
    public void Parse_odd_sequence_is_male()
    {
        // 4 4 1 2 0 2 1 9 8 5 0 6 1 5 0 0 1
        // 28+36+10+10+0+8+2+9+48+15+0+54+10+25+0+0+2 = 257; 257 mod 11 = 4 -> 8
        var id = ResidentIdNumber.Parse("441202198506150018", Today);

        Assert.Equal(Sex.Male, id.Sex);
        Assert.Equal(1, id.Sequence);
        Assert.Equal(new DateOnly(1985, 6, 15), id.BirthDate);
        Assert.Equal("441202", id.AddressCode);
        Assert.Equal("4412**********0018", id.Masked);
    }

    [Fact]
    public void Parse_lower_case_x_is_upper_cased()
    {
        var id = ResidentIdNumber.Parse(" 11010519491231002x ", Today);

        Assert.Equal("11010519491231002X", id.ToString());
        Assert.Equal(ResidentIdNumber.Parse("11010519491231002X", Today), id);
    }

    [Theory]
    // 4 4 1 2 8 4 1 9 9 0 0 1 0 1 0 0 2: 28+36+10+10+64+16+2+9+54+0+0+9+0+5+0+0+4 = 247; mod 11 = 5 -> 7
    [InlineData("441284199001010027")]
    // leap day 2000-02-29: 28+36+10+10+16+16+4+0+0+0+0+18+20+45+8+8+6 = 225; mod 11 = 5 -> 7
    [InlineData("441224200002291237")]
    // earliest birth date 1900-01-01: 7+9+0+5+0+20+2+9+0+0+0+9+0+5+0+0+2 = 68; mod 11 = 2 -> X
    [InlineData("11010519000101001X")]
    // born today (2025-06-01): 28+36+10+10+0+8+4+0+12+15+0+54+0+5+0+0+4 = 186; mod 11 = 10 -> 2
    [InlineData("441202202506010022")]
    // Hong Kong (81): 56+9+0+0+0+0+2+9+54+0+0+9+0+5+0+0+2 = 146; mod 11 = 3 -> 9
    [InlineData("810000199001010019")]
    // residence permit of a Taiwan resident (830000): 56+27+0+0+0+0+2+9+54+0+0+9+0+5+0+0+2 = 164; mod 11 = 10 -> 2
    [InlineData("830000199001010012")]
    public void Parse_valid_number_is_accepted(string input)
    {
        Assert.True(ResidentIdNumber.TryParse(input, out var id, out var error, Today));
        Assert.Null(error);
        Assert.Equal(input, id.ToString());
    }

    [Fact]
    public void Parse_future_birth_date_reports_BIRTH_DATE()
    {
        // born 2025-06-02, the day after Today: 186 + 5 (day digit 1 -> 2, weight 5) = 191; mod 11 = 4 -> 8
        const string bornTomorrow = "441202202506020028";

        Assert.False(ResidentIdNumber.TryParse(bornTomorrow, out _, out var error, Today));
        Assert.Equal(IdentifierErrorReasons.BirthDate, error.Reason);
        Assert.True(ResidentIdNumber.TryParse(bornTomorrow, out _, out _, Today.AddDays(1)));
    }

    [Fact]
    public void Parse_without_today_uses_the_clock()
    {
        // born 2999-01-01: 28+36+10+10+0+8+4+9+54+27+0+9+0+5+0+0+2 = 202; mod 11 = 4 -> 8
        const string bornIn2999 = "441202299901010018";

        Assert.Equal(new DateOnly(1949, 12, 31), ResidentIdNumber.Parse("11010519491231002X").BirthDate);
        Assert.False(ResidentIdNumber.TryParse(bornIn2999, out _, out var error));
        Assert.Equal(IdentifierErrorReasons.BirthDate, error.Reason);
        Assert.True(ResidentIdNumber.TryParse(bornIn2999, out _, out _, new DateOnly(3000, 1, 1)));
    }

    [Theory]
    [InlineData(null, IdentifierErrorReasons.Empty)]
    [InlineData("", IdentifierErrorReasons.Empty)]
    [InlineData("  ", IdentifierErrorReasons.Empty)]
    [InlineData("110105491231002", IdentifierErrorReasons.Length)] // first-generation 15-digit number
    [InlineData("11010519491231002", IdentifierErrorReasons.Length)]
    [InlineData("11010519491231002X1", IdentifierErrorReasons.Length)]
    [InlineData("1101051949123100AX", IdentifierErrorReasons.Characters)]
    [InlineData("11010519491231002Y", IdentifierErrorReasons.Characters)]
    [InlineData("110105 19491231002", IdentifierErrorReasons.Characters)]
    [InlineData("１1010519491231002X", IdentifierErrorReasons.Characters)] // full-width digit
    // unknown province 99: 257 - (28+36) + (63+81) = 337; mod 11 = 7 -> 5
    [InlineData("991202198506150015", IdentifierErrorReasons.Province)]
    // 10 is not a province: 257 - 64 + (7+0) = 200; mod 11 = 2 -> X
    [InlineData("10120219850615001X", IdentifierErrorReasons.Province)]
    // 83 is accepted only as the whole address code 830000: 257 - 64 + (56+27) = 276; mod 11 = 1 -> 0
    [InlineData("831202198506150010", IdentifierErrorReasons.Province)]
    // 1990-02-30: 28+36+10+10+0+8+2+9+54+0+0+18+30+0+0+0+2 = 207; mod 11 = 9 -> 3
    [InlineData("441202199002300013", IdentifierErrorReasons.BirthDate)]
    // month 13: 28+36+10+10+0+8+2+9+54+0+7+27+0+5+0+0+2 = 198; mod 11 = 0 -> 1
    [InlineData("441202199013010011", IdentifierErrorReasons.BirthDate)]
    // 1900-02-29 (1900 is not a leap year): 7+9+0+5+0+20+2+9+0+0+0+18+20+45+0+0+2 = 137; mod 11 = 5 -> 7
    [InlineData("110105190002290017", IdentifierErrorReasons.BirthDate)]
    // 1899-12-31, before 1900: 7+9+0+5+0+20+2+8+54+27+7+18+30+5+0+0+2 = 194; mod 11 = 7 -> 5
    [InlineData("110105189912310015", IdentifierErrorReasons.BirthDate)]
    [InlineData("110105194912310021", IdentifierErrorReasons.CheckCharacter)] // X expected
    [InlineData("441202198506150019", IdentifierErrorReasons.CheckCharacter)] // 8 expected
    public void TryParse_invalid_number_reports_its_reason(string? input, string reason)
    {
        Assert.False(ResidentIdNumber.TryParse(input, out var id, out var error, Today));

        Assert.Null(id);
        Assert.Equal(IdentifierErrorCodes.InvalidIdNumber, error.Code);
        Assert.Equal(reason, error.Reason);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void Parse_wrong_check_character_reports_CHECK_CHARACTER_without_repeating_the_number()
    {
        var exception = Assert.Throws<IdentifierFormatException>(() => ResidentIdNumber.Parse("110105194912310021", Today));

        Assert.Equal(IdentifierErrorCodes.InvalidIdNumber, exception.Error.Code);
        Assert.Equal(IdentifierErrorReasons.CheckCharacter, exception.Error.Reason);
        Assert.DoesNotContain("19491231", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_computes_the_check_character_and_round_trips()
    {
        var female = ResidentIdNumber.Create("110105", new DateOnly(1949, 12, 31), 2);
        var male = ResidentIdNumber.Create("441202", new DateOnly(1985, 6, 15), 1);

        Assert.Equal("11010519491231002X", female.ToString());
        Assert.Equal("441202198506150018", male.ToString());
        Assert.Equal(female, ResidentIdNumber.Parse(female.ToString()));
        Assert.Equal(male, ResidentIdNumber.Parse(male.ToString()));
    }

    [Theory]
    [InlineData("4412", IdentifierErrorReasons.Characters)]
    [InlineData("99120A", IdentifierErrorReasons.Characters)]
    [InlineData("991202", IdentifierErrorReasons.Province)]
    public void Create_bad_address_code_throws_with_its_reason(string addressCode, string reason)
    {
        var exception = Assert.Throws<IdentifierFormatException>(
            () => ResidentIdNumber.Create(addressCode, new DateOnly(1985, 6, 15), 1));

        Assert.Equal(reason, exception.Error.Reason);
    }

    [Fact]
    public void Create_future_birth_date_reports_BIRTH_DATE()
    {
        var exception = Assert.Throws<IdentifierFormatException>(
            () => ResidentIdNumber.Create("441202", DateOnly.MaxValue, 1));

        Assert.Equal(IdentifierErrorReasons.BirthDate, exception.Error.Reason);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1000)]
    public void Create_sequence_outside_0_to_999_throws_ArgumentOutOfRangeException(int sequence)
    {
        Assert.Throws<ArgumentOutOfRangeException>(
            () => ResidentIdNumber.Create("441202", new DateOnly(1985, 6, 15), sequence));
    }
}
