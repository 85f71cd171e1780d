using OneWindow.Domain.Identifiers;

namespace OneWindow.Domain.Tests.Identifiers;

public sealed class CertificateNumberTests
{
    private static readonly DateOnly Today = new(2025, 6, 1);

    [Fact]
    public void Parse_certificate_of_title_gives_its_parts()
    {
        var number = CertificateNumber.Parse("粤(2025)肇庆市不动产权第0012345号", Today);

        Assert.Equal('粤', number.Province);
        Assert.Equal(2025, number.Year);
        Assert.Equal("肇庆市", number.Registry);
        Assert.Equal(CertificateKind.Title, number.Kind);
        Assert.Equal(12345, number.Sequence);
        Assert.Equal("粤(2025)肇庆市不动产权第0012345号", number.ToString());
    }

    [Fact]
    public void Parse_certificate_of_registration_gives_its_parts()
    {
        var number = CertificateNumber.Parse("粤(2025)肇庆市不动产证明第0001234号", Today);

        Assert.Equal(CertificateKind.Registration, number.Kind);
        Assert.Equal(1234, number.Sequence);
        Assert.Equal("肇庆市", number.Registry);
        Assert.Equal("粤(2025)肇庆市不动产证明第0001234号", number.ToString());
    }

    [Fact]
    public void Parse_full_width_parentheses_are_accepted_and_printed_as_ASCII()
    {
        var fullWidth = CertificateNumber.Parse("粤（2025）肇庆市不动产权第0012345号", Today);

        Assert.Equal("粤(2025)肇庆市不动产权第0012345号", fullWidth.ToString());
        Assert.Equal(CertificateNumber.Parse("粤(2025)肇庆市不动产权第0012345号", Today), fullWidth);
    }

    [Theory]
    [InlineData("粤(2025）肇庆市不动产权第0012345号")]
    [InlineData("粤（2025)肇庆市不动产权第0012345号")]
    public void Parse_mixed_parentheses_are_accepted(string input)
    {
        Assert.Equal("粤(2025)肇庆市不动产权第0012345号", CertificateNumber.Parse(input, Today).ToString());
    }

    [Theory]
    [InlineData("粤(2025)端州区不动产权第0000001号")]
    [InlineData("粤(2025)四会市不动产证明第9999999号")]
    [InlineData("粤(2024)广宁县不动产权第0000042号")]
    [InlineData("蒙(2020)阿拉善盟不动产权第0000123号")]
    [InlineData("蒙(2019)鄂托克旗不动产权第0001234号")]
    [InlineData("吉(2018)延边朝鲜族自治州不动产权第0012345号")]
    [InlineData("鄂(2017)神农架林区不动产证明第0000456号")]
    [InlineData("黔(2019)贵阳市不动产权第0123456号")] // Guizhou's registries print 黔
    [InlineData("沪(2016)浦东新区不动产权第0000789号")]
    [InlineData("京(1990)朝阳区不动产权第0000001号")] // earliest year
    [InlineData("粤(2026)肇庆市不动产权第0000001号")] // next year
    public void Parse_valid_number_is_accepted(string input)
    {
        Assert.True(CertificateNumber.TryParse(input, out var number, out var error, Today));
        Assert.Null(error);
        Assert.Equal(input, number.ToString());
    }

    [Fact]
    public void Parse_surrounding_whitespace_is_trimmed()
    {
        var number = CertificateNumber.Parse("\u3000 粤(2025)肇庆市不动产权第0012345号\t", Today);

        Assert.Equal("粤(2025)肇庆市不动产权第0012345号", number.ToString());
    }

    [Theory]
    [InlineData(null, IdentifierErrorReasons.Empty)]
    [InlineData("", IdentifierErrorReasons.Empty)]
    [InlineData("\u3000", IdentifierErrorReasons.Empty)]
    [InlineData("X(2025)肇庆市不动产权第0012345号", IdentifierErrorReasons.Province)]
    [InlineData("中(2025)肇庆市不动产权第0012345号", IdentifierErrorReasons.Province)]
    [InlineData("(2025)肇庆市不动产权第0012345号", IdentifierErrorReasons.Province)]
    [InlineData("粤", IdentifierErrorReasons.Format)]
    [InlineData("粤2025肇庆市不动产权第0012345号", IdentifierErrorReasons.Format)]
    [InlineData("粤(2025肇庆市不动产权第0012345号", IdentifierErrorReasons.Format)]
    [InlineData("粤[2025]肇庆市不动产权第0012345号", IdentifierErrorReasons.Format)]
    [InlineData("粤(2025)肇庆市不动产权0012345号", IdentifierErrorReasons.Format)]
    [InlineData("粤()肇庆市不动产权第0012345号", IdentifierErrorReasons.Year)]
    [InlineData("粤(25)肇庆市不动产权第0012345号", IdentifierErrorReasons.Year)]
    [InlineData("粤(1989)肇庆市不动产权第0012345号", IdentifierErrorReasons.Year)]
    [InlineData("粤(2027)肇庆市不动产权第0012345号", IdentifierErrorReasons.Year)] // after next year
    [InlineData("粤(２０２５)肇庆市不动产权第0012345号", IdentifierErrorReasons.Year)] // full-width digits
    [InlineData("粤(2025)肇庆市房屋所有权第0012345号", IdentifierErrorReasons.Kind)]
    [InlineData("粤(2025)肇庆市不动产第0012345号", IdentifierErrorReasons.Kind)]
    [InlineData("粤(2025)不动产权第0012345号", IdentifierErrorReasons.Registry)] // no registry
    [InlineData("粤(2025)肇庆不动产权第0012345号", IdentifierErrorReasons.Registry)] // no 市/县/区/州/盟/旗
    [InlineData("粤(2025)Zhaoqing市不动产权第0012345号", IdentifierErrorReasons.Registry)]
    [InlineData("粤(2025) 肇庆市不动产权第0012345号", IdentifierErrorReasons.Registry)]
    [InlineData("粤(2025)一二三四五六七八九十一二三四五六七八九十市不动产权第0012345号", IdentifierErrorReasons.Registry)] // 21
    [InlineData("粤(2025)肇庆市不动产权第012345号", IdentifierErrorReasons.Sequence)]
    [InlineData("粤(2025)肇庆市不动产权第00123456号", IdentifierErrorReasons.Sequence)]
    [InlineData("粤(2025)肇庆市不动产权第0012345", IdentifierErrorReasons.Sequence)]
    [InlineData("粤(2025)肇庆市不动产权第0012345号附", IdentifierErrorReasons.Sequence)]
    [InlineData("粤(2025)肇庆市不动产权第0000000号", IdentifierErrorReasons.Sequence)]
    [InlineData("粤(2025)肇庆市不动产权第001234５号", IdentifierErrorReasons.Sequence)] // full-width digit
    public void TryParse_invalid_number_reports_its_reason(string? input, string reason)
    {
        Assert.False(CertificateNumber.TryParse(input, out var number, out var error, Today));

        Assert.Null(number);
        Assert.Equal(IdentifierErrorCodes.InvalidCertificateNumber, error.Code);
        Assert.Equal(reason, error.Reason);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void Parse_latest_year_follows_today()
    {
        const string nextYear = "粤(2026)肇庆市不动产权第0000001号";

        Assert.True(CertificateNumber.TryParse(nextYear, out _, out _, new DateOnly(2025, 1, 1)));
        Assert.False(CertificateNumber.TryParse(nextYear, out _, out var error, new DateOnly(2024, 12, 31)));
        Assert.Equal(IdentifierErrorReasons.Year, error.Reason);
    }

    [Fact]
    public void Parse_invalid_number_throws_IdentifierFormatException_with_the_error()
    {
        var exception = Assert.Throws<IdentifierFormatException>(
            () => CertificateNumber.Parse("粤(2025)肇庆市房屋所有权第0012345号", Today));

        Assert.Equal(IdentifierErrorCodes.InvalidCertificateNumber, exception.Error.Code);
        Assert.Equal(IdentifierErrorReasons.Kind, exception.Error.Reason);
    }

    [Theory]
    [InlineData(CertificateKind.Title, "粤(2025)肇庆市不动产权第0012345号")]
    [InlineData(CertificateKind.Registration, "粤(2025)肇庆市不动产证明第0012345号")]
    public void Create_round_trips_through_ToString_and_Parse(CertificateKind kind, string expected)
    {
        var created = CertificateNumber.Create('粤', 2025, "肇庆市", kind, 12345);

        Assert.Equal(expected, created.ToString());
        Assert.Equal(created, CertificateNumber.Parse(created.ToString()));
    }

    [Theory]
    [InlineData('X', 2025, "肇庆市", IdentifierErrorReasons.Province)]
    [InlineData('粤', 1989, "肇庆市", IdentifierErrorReasons.Year)]
    [InlineData('粤', 202, "肇庆市", IdentifierErrorReasons.Year)]
    [InlineData('粤', -2025, "肇庆市", IdentifierErrorReasons.Year)]
    [InlineData('粤', 2025, "肇庆", IdentifierErrorReasons.Registry)]
    [InlineData('粤', 2025, "", IdentifierErrorReasons.Registry)]
    public void Create_parts_breaking_a_rule_throw_with_its_reason(char province, int year, string registry, string reason)
    {
        var exception = Assert.Throws<IdentifierFormatException>(
            () => CertificateNumber.Create(province, year, registry, CertificateKind.Title, 1));

        Assert.Equal(reason, exception.Error.Reason);
    }

    [Fact]
    public void Create_sequence_or_kind_out_of_range_throws_ArgumentOutOfRangeException()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CertificateNumber.Create('粤', 2025, "肇庆市", CertificateKind.Title, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => CertificateNumber.Create('粤', 2025, "肇庆市", CertificateKind.Title, 10_000_000));
        Assert.Throws<ArgumentOutOfRangeException>(() => CertificateNumber.Create('粤', 2025, "肇庆市", (CertificateKind)2, 1));
    }
}
