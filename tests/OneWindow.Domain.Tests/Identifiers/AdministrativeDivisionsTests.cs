using System.Globalization;
using OneWindow.Domain.Identifiers;

namespace OneWindow.Domain.Tests.Identifiers;

public sealed class AdministrativeDivisionsTests
{
    [Theory]
    [InlineData("11")]
    [InlineData("44")]
    [InlineData("50")]
    [InlineData("65")]
    [InlineData("71")]
    [InlineData("81")]
    [InlineData("82")]
    public void IsKnownProvince_province_level_code_is_known(string code)
    {
        Assert.True(AdministrativeDivisions.IsKnownProvince(code));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("4")]
    [InlineData("440")]
    [InlineData("00")]
    [InlineData("10")]
    [InlineData("83")]
    [InlineData("4a")]
    public void IsKnownProvince_other_text_is_not_known(string? code)
    {
        Assert.False(AdministrativeDivisions.IsKnownProvince(code));
    }

    [Fact]
    public void IsKnownProvince_knows_31_mainland_provinces_and_Taiwan_Hong_Kong_Macao()
    {
        var known = Enumerable.Range(0, 100)
            .Select(n => n.ToString("D2", CultureInfo.InvariantCulture))
            .Where(AdministrativeDivisions.IsKnownProvince)
            .ToList();

        Assert.Equal(34, known.Count);
        Assert.Contains("71", known);
        Assert.Contains("81", known);
        Assert.Contains("82", known);
    }

    [Theory]
    [InlineData("441202", "端州区")]
    [InlineData("441203", "鼎湖区")]
    [InlineData("441204", "高要区")]
    [InlineData("441223", "广宁县")]
    [InlineData("441224", "怀集县")]
    [InlineData("441225", "封开县")]
    [InlineData("441226", "德庆县")]
    [InlineData("441284", "四会市")]
    public void IsKnownCounty_every_county_of_Zhaoqing_is_known_with_its_name(string code, string name)
    {
        Assert.True(AdministrativeDivisions.IsKnownCounty(code));
        Assert.Equal(name, AdministrativeDivisions.Name(code));
    }

    [Theory]
    [InlineData("441900")] // 东莞市: prefecture-level city without counties
    [InlineData("442000")] // 中山市
    [InlineData("460400")] // 儋州市
    [InlineData("620200")] // 嘉峪关市
    [InlineData("419001")] // 济源市: county-level, directly under the province
    [InlineData("429021")] // 神农架林区
    [InlineData("110105")] // 北京 朝阳区
    [InlineData("659012")] // 白杨市, created in 2023
    public void IsKnownCounty_county_level_division_elsewhere_is_known(string code)
    {
        Assert.True(AdministrativeDivisions.IsKnownCounty(code));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("44120")]
    [InlineData("4412020")]
    [InlineData("441200")] // 肇庆市: a prefecture with districts
    [InlineData("441201")] // 市辖区: not a division
    [InlineData("441283")] // 高要市: became 441204 高要区 in 2015
    [InlineData("441299")]
    [InlineData("440000")] // 广东省
    [InlineData("710000")] // 台湾省: province level
    public void IsKnownCounty_other_code_is_not_known(string? code)
    {
        Assert.False(AdministrativeDivisions.IsKnownCounty(code));
    }

    [Fact]
    public void IsKnownCounty_knows_all_122_county_level_divisions_of_Guangdong_and_Dongguan_and_Zhongshan()
    {
        // MCA statistics for the end of 2023: Guangdong has 122 county-level divisions (65 districts, 20 county-level
        // cities, 34 counties, 3 autonomous counties); Dongguan and Zhongshan have none and stand in for them.
        var count = Enumerable.Range(440000, 10000)
            .Select(n => n.ToString(CultureInfo.InvariantCulture))
            .Count(AdministrativeDivisions.IsKnownCounty);

        Assert.Equal(122 + 2, count);
    }

    [Fact]
    public void IsKnownCounty_knows_every_county_level_division_in_the_country()
    {
        // MCA statistics for the end of 2023: 2844 county-level divisions, of which the 2 districts of Sansha have no
        // code in the list; plus the 5 prefecture-level cities without counties (Dongguan, Zhongshan, Sansha, Danzhou,
        // Jiayuguan).
        var count = Enumerable.Range(100000, 900000)
            .Select(n => n.ToString(CultureInfo.InvariantCulture))
            .Count(AdministrativeDivisions.IsKnownCounty);

        Assert.Equal(2844 - 2 + 5, count);
    }

    [Theory]
    [InlineData("440000", "广东省")]
    [InlineData("441200", "肇庆市")]
    [InlineData("441202", "端州区")]
    [InlineData("152900", "阿拉善盟")]
    [InlineData("810000", "香港特别行政区")]
    public void Name_known_code_gives_its_name(string code, string name)
    {
        Assert.Equal(name, AdministrativeDivisions.Name(code));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("999999")]
    [InlineData("441283")]
    [InlineData("44")]
    public void Name_unknown_code_gives_null(string? code)
    {
        Assert.Null(AdministrativeDivisions.Name(code));
    }
}
