using OneWindow.Domain.Identifiers;

namespace OneWindow.Domain.Tests.Identifiers;

// Check characters below were worked out by hand: ISO 7064 MOD 11-2 over the first 20 digits, weights from the left
// 1 6 3 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2 (2^(21-i) mod 11), check value (12 - sum mod 11) mod 11, 10 written X.
public sealed class BusinessNumberTests
{
    [Fact]
    public void Parse_example_gives_its_parts()
    {
        // 4 4 1 2 0 2 | 2 0 2 5 0 3 1 5 | 0 0 0 1 2 3
        // 4+24+3+14+0+20 + 10+0+8+10+0+18+3+35 + 0+0+0+8+8+6 = 171; 171 mod 11 = 6; (12 - 6) mod 11 = 6
        var number = BusinessNumber.Parse("441202202503150001236");

        Assert.Equal("441202", number.Division);
        Assert.Equal(new DateOnly(2025, 3, 15), number.Date);
        Assert.Equal(123, number.Sequence);
        Assert.Equal("441202202503150001236", number.ToString());
    }

    [Theory]
    // sequence 000121: 171 - 2 x 2 = 167; mod 11 = 2; (12 - 2) mod 11 = 10 -> X
    [InlineData("44120220250315000121X")]
    // sequence 000126: 171 + 3 x 2 = 177; mod 11 = 1; (12 - 1) mod 11 = 0
    [InlineData("441202202503150001260")]
    // a city registry (441200 肇庆市): 171 - 2 x 10 = 151; mod 11 = 8; (12 - 8) mod 11 = 4
    [InlineData("441200202503150001234")]
    public void Parse_valid_number_is_accepted(string input)
    {
        Assert.True(BusinessNumber.TryParse(input, out var number, out var error));
        Assert.Null(error);
        Assert.Equal(input, number.ToString());
    }

    [Fact]
    public void Parse_lower_case_x_and_surrounding_whitespace_are_normalised()
    {
        var number = BusinessNumber.Parse(" 44120220250315000121x\u3000");

        Assert.Equal("44120220250315000121X", number.ToString());
        Assert.Equal(BusinessNumber.Parse("44120220250315000121X"), number);
    }

    [Theory]
    [InlineData(null, IdentifierErrorReasons.Empty)]
    [InlineData("", IdentifierErrorReasons.Empty)]
    [InlineData(" ", IdentifierErrorReasons.Empty)]
    [InlineData("44120220250315000123", IdentifierErrorReasons.Length)]
    [InlineData("4412022025031500012366", IdentifierErrorReasons.Length)]
    [InlineData("44120220250315000123A", IdentifierErrorReasons.Characters)]
    [InlineData("4412022025031500012A6", IdentifierErrorReasons.Characters)]
    [InlineData("441202-2025031500123", IdentifierErrorReasons.Length)]
    [InlineData("441202-20250315001236", IdentifierErrorReasons.Characters)]
    // 441299 is no division: 171 + 9 x 9 + 7 x 10 = 322; mod 11 = 3; (12 - 3) mod 11 = 9
    [InlineData("441299202503150001239", IdentifierErrorReasons.Division)]
    // 2025-02-30: 171 - 6 + 6 - 35 = 136; mod 11 = 4; (12 - 4) mod 11 = 8
    [InlineData("441202202502300001238", IdentifierErrorReasons.Date)]
    // month 13: 171 + 1 - 3 - 28 = 141; mod 11 = 9; (12 - 9) mod 11 = 3
    [InlineData("441202202513010001233", IdentifierErrorReasons.Date)]
    // sequence 000000: 171 - 8 - 8 - 6 = 149; mod 11 = 6; (12 - 6) mod 11 = 6
    [InlineData("441202202503150000006", IdentifierErrorReasons.Sequence)]
    [InlineData("441202202503150001235", IdentifierErrorReasons.CheckCharacter)] // 6 expected
    [InlineData("44120220250315000123X", IdentifierErrorReasons.CheckCharacter)] // 6 expected
    public void TryParse_invalid_number_reports_its_reason(string? input, string reason)
    {
        Assert.False(BusinessNumber.TryParse(input, out var number, out var error));

        Assert.Null(number);
        Assert.Equal(IdentifierErrorCodes.InvalidBusinessNumber, error.Code);
        Assert.Equal(reason, error.Reason);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void Parse_wrong_check_character_reports_CHECK_CHARACTER()
    {
        var exception = Assert.Throws<IdentifierFormatException>(() => BusinessNumber.Parse("441202202503150001235"));

        Assert.Equal(IdentifierErrorCodes.InvalidBusinessNumber, exception.Error.Code);
        Assert.Equal(IdentifierErrorReasons.CheckCharacter, exception.Error.Reason);
    }

    [Theory]
    [InlineData(123, "441202202503150001236")]
    [InlineData(121, "44120220250315000121X")]
    [InlineData(126, "441202202503150001260")]
    public void Create_computes_the_check_character_and_round_trips(int sequence, string expected)
    {
        var created = BusinessNumber.Create("441202", new DateOnly(2025, 3, 15), sequence);

        Assert.Equal(expected, created.ToString());
        Assert.Equal(created, BusinessNumber.Parse(created.ToString()));
    }

    [Theory]
    [InlineData("441299")]
    [InlineData("4412")]
    [InlineData("44120A")]
    public void Create_bad_division_reports_DIVISION(string division)
    {
        var exception = Assert.Throws<IdentifierFormatException>(
            () => BusinessNumber.Create(division, new DateOnly(2025, 3, 15), 1));

        Assert.Equal(IdentifierErrorReasons.Division, exception.Error.Reason);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1_000_000)]
    public void Create_sequence_outside_1_to_999999_throws_ArgumentOutOfRangeException(int sequence)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BusinessNumber.Create("441202", new DateOnly(2025, 3, 15), sequence));
    }
}
