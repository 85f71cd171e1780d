using OneWindow.Domain.Identifiers;

namespace OneWindow.Domain.Tests.Identifiers;

// Check characters below were worked out by hand from GB 32100: the first 17 characters valued by their place in
// 0123456789ABCDEFGHJKLMNPQRTUWXY (A=10 … M=21 … W=28, X=29, Y=30), weighted
// 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28; check value 31 - (sum mod 31), 31 becoming 0.
public sealed class UnifiedSocialCreditCodeTests
{
    [Fact]
    public void Parse_real_world_shaped_example_is_valid_and_gives_its_parts()
    {
        // 9 1 3 5 0 1 0 0 M(21) 0 0 0 1 0 0 Y(30) 4
        // 9+3+27+135+0+26+0+0+420+0+0+0+8+0+0+900+112 = 1640; 1640 mod 31 = 28; 31 - 28 = 3
        var code = UnifiedSocialCreditCode.Parse("91350100M000100Y43");

        Assert.Equal('9', code.RegistrationAuthority);
        Assert.Equal('1', code.OrganisationType);
        Assert.Equal("350100", code.Division);
        Assert.Equal("M000100Y4", code.OrganisationCode);
        Assert.Equal("91350100M000100Y43", code.ToString());
        Assert.Equal("9135**********0Y43", code.Masked);
    }

    [Theory]
    // 9 1 4 4 1 2 0 2 M A(10) 4 W(28) 1 2 3 4 5:
    // 9+3+36+108+19+52+0+34+420+290+100+364+8+48+30+120+140 = 1781; mod 31 = 14; 31 - 14 = 17 -> H
    [InlineData("91441202MA4W12345H")]
    // last of the 17 is L(20): 1781 - 140 + 560 = 2201 = 71 x 31; mod 31 = 0; 31 - 0 = 31 -> 0
    [InlineData("91441202MA4W1234L0")]
    // registered at national level (division 100000), 民政 social organisation:
    // 5+3+9+0+0+0+0+0+100+0+0+0+0+24+20+90+112 = 363; mod 31 = 22; 31 - 22 = 9
    [InlineData("511000005000012349")]
    public void Parse_valid_code_is_accepted(string input)
    {
        Assert.True(UnifiedSocialCreditCode.TryParse(input, out var code, out var error));
        Assert.Null(error);
        Assert.Equal(input, code.ToString());
    }

    [Fact]
    public void Parse_lower_case_letters_and_surrounding_whitespace_are_normalised()
    {
        var code = UnifiedSocialCreditCode.Parse("\u300091350100m000100y43 ");

        Assert.Equal("91350100M000100Y43", code.ToString());
        Assert.Equal(UnifiedSocialCreditCode.Parse("91350100M000100Y43"), code);
    }

    [Theory]
    [InlineData(null, IdentifierErrorReasons.Empty)]
    [InlineData("", IdentifierErrorReasons.Empty)]
    [InlineData(" ", IdentifierErrorReasons.Empty)]
    [InlineData("91350100M000100Y4", IdentifierErrorReasons.Length)]
    [InlineData("91350100M000100Y433", IdentifierErrorReasons.Length)]
    [InlineData("91350100M000100I43", IdentifierErrorReasons.Characters)] // I is not in the alphabet
    [InlineData("91350100M000100Y4O", IdentifierErrorReasons.Characters)] // nor O
    [InlineData("91350100M000100Y4Z", IdentifierErrorReasons.Characters)] // nor Z
    [InlineData("91350100M000100Y4S", IdentifierErrorReasons.Characters)] // nor S
    [InlineData("91350100M000100Y4V", IdentifierErrorReasons.Characters)] // nor V
    [InlineData("9135010-M000100Y43", IdentifierErrorReasons.Characters)]
    // B is no registration authority: 1640 - 9 + 11 = 1642; mod 31 = 30; 31 - 30 = 1
    [InlineData("B1350100M000100Y41", IdentifierErrorReasons.RegistrationAuthority)]
    // nor X(29): 1640 - 9 + 29 = 1660; mod 31 = 17; 31 - 17 = 14 -> E
    [InlineData("X1350100M000100Y4E", IdentifierErrorReasons.RegistrationAuthority)]
    // province 99: 1640 - (27+135) + (81+243) = 1802; mod 31 = 4; 31 - 4 = 27 -> U
    [InlineData("91990100M000100Y4U", IdentifierErrorReasons.Division)]
    // letter in the division: 1640 + 10 x 19 = 1830; mod 31 = 1; 31 - 1 = 30 -> Y
    [InlineData("9135A100M000100Y4Y", IdentifierErrorReasons.Division)]
    // 100100 is neither 100000 nor in a known province: 1640 - 162 + 9 = 1487; mod 31 = 30; 31 - 30 = 1
    [InlineData("91100100M000100Y41", IdentifierErrorReasons.Division)]
    [InlineData("91350100M000100Y44", IdentifierErrorReasons.CheckCharacter)] // 3 expected
    [InlineData("91441202MA4W12345J", IdentifierErrorReasons.CheckCharacter)] // H expected
    public void TryParse_invalid_code_reports_its_reason(string? input, string reason)
    {
        Assert.False(UnifiedSocialCreditCode.TryParse(input, out var code, out var error));

        Assert.Null(code);
        Assert.Equal(IdentifierErrorCodes.InvalidCreditCode, error.Code);
        Assert.Equal(reason, error.Reason);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void Parse_wrong_check_character_throws_IdentifierFormatException_with_CHECK_CHARACTER()
    {
        var exception = Assert.Throws<IdentifierFormatException>(() => UnifiedSocialCreditCode.Parse("91350100M000100Y44"));

        Assert.Equal(IdentifierErrorCodes.InvalidCreditCode, exception.Error.Code);
        Assert.Equal(IdentifierErrorReasons.CheckCharacter, exception.Error.Reason);
    }

    [Theory]
    [InlineData("91350100M000100Y4", "91350100M000100Y43")]
    [InlineData("91441202MA4W1234L", "91441202MA4W1234L0")]
    [InlineData("91441202ma4w12345", "91441202MA4W12345H")]
    public void Create_computes_the_check_character_and_round_trips(string first17, string expected)
    {
        var created = UnifiedSocialCreditCode.Create(first17);

        Assert.Equal(expected, created.ToString());
        Assert.Equal(created, UnifiedSocialCreditCode.Parse(created.ToString()));
    }

    [Theory]
    [InlineData("91350100M000100Y", IdentifierErrorReasons.Length)]
    [InlineData("91350100M000100Y43", IdentifierErrorReasons.Length)]
    [InlineData("91350100M000100I4", IdentifierErrorReasons.Characters)]
    [InlineData("B1350100M000100Y4", IdentifierErrorReasons.RegistrationAuthority)]
    [InlineData("91990100M000100Y4", IdentifierErrorReasons.Division)]
    public void Create_prefix_breaking_a_rule_throws_with_its_reason(string first17, string reason)
    {
        var exception = Assert.Throws<IdentifierFormatException>(() => UnifiedSocialCreditCode.Create(first17));

        Assert.Equal(IdentifierErrorCodes.InvalidCreditCode, exception.Error.Code);
        Assert.Equal(reason, exception.Error.Reason);
    }

    [Theory]
    [InlineData('1')]
    [InlineData('2')]
    [InlineData('3')]
    [InlineData('4')]
    [InlineData('5')]
    [InlineData('6')]
    [InlineData('7')]
    [InlineData('8')]
    [InlineData('9')]
    [InlineData('A')]
    [InlineData('G')]
    [InlineData('J')]
    [InlineData('N')]
    [InlineData('Q')]
    [InlineData('Y')]
    public void Create_listed_registration_authority_is_accepted(char authority)
    {
        var created = UnifiedSocialCreditCode.Create($"{authority}1441202MA4W12345");

        Assert.Equal(authority, created.RegistrationAuthority);
    }
}
