using OneWindow.Domain.Identifiers;

namespace OneWindow.Domain.Tests.Identifiers;

public sealed class NationalityTests
{
    [Theory]
    [InlineData("GBR", "GBR")]
    [InlineData(" usa ", "USA")]
    [InlineData("chn", "CHN")]
    [InlineData("HKG", "HKG")]
    public void TryParse_an_ISO_3166_1_alpha_3_code_gives_it_in_capitals(string text, string code)
    {
        Assert.True(Nationality.TryParse(text, out var parsed, out _));
        Assert.Equal(code, parsed);
    }

    [Theory]
    [InlineData("", "EMPTY")]
    [InlineData("  ", "EMPTY")]
    [InlineData("GB", "LENGTH")]
    [InlineData("D", "LENGTH")]
    [InlineData("GBRR", "LENGTH")]
    [InlineData("G1R", "CHARACTERS")]
    [InlineData("ＧＢＲ", "CHARACTERS")]
    [InlineData("XYZ", "UNKNOWN_COUNTRY")]
    [InlineData("GBD", "UNKNOWN_COUNTRY")]
    [InlineData("UNK", "UNKNOWN_COUNTRY")]
    public void TryParse_refuses_what_is_not_an_ISO_code_with_its_reason(string text, string reason)
    {
        Assert.False(Nationality.TryParse(text, out _, out var error));
        Assert.Equal(("INVALID_NATIONALITY", reason), (error.Code, error.Reason));
    }

    [Fact]
    public void The_embedded_list_holds_the_249_codes_of_ISO_3166_1()
    {
        Assert.Equal(249, Nationality.Count);
        Assert.Equal("United Kingdom", Nationality.Name("GBR"));
        Assert.Null(Nationality.Name("XXX"));
    }
}
