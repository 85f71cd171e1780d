using OneWindow.Domain.Privacy;

namespace OneWindow.Domain.Tests.Privacy;

public class PersonalDataMaskingTests
{
    private const string IdNumber = "441202198503150013";

    [Fact]
    public void MaskIn_masks_every_known_name_and_every_ID_number_in_free_text()
    {
        var masked = PersonalDataMasking.MaskIn($"买受人欧阳晓明、陈小红（{IdNumber}），欧阳晓明签约", ["欧阳晓明", "陈小红"]);

        Assert.Equal("买受人欧***、陈**（4412**********0013），欧***签约", masked);
    }

    [Fact]
    public void MaskIn_keeps_the_ID_numbers_it_is_told_to_keep()
    {
        Assert.Equal($"身份证号{IdNumber}", PersonalDataMasking.MaskIn($"身份证号{IdNumber}", [], new HashSet<string> { IdNumber }));
    }

    [Fact]
    public void MaskIn_masks_a_longer_name_before_a_name_it_contains()
    {
        Assert.Equal("王**与王*", PersonalDataMasking.MaskIn("王小明与王小", ["王小", "王小明"]));
    }

    [Theory]
    [InlineData("业务号441202202511200000017")]
    [InlineData("合同号 A44120219850315001300")]
    [InlineData("张")]
    public void MaskIn_leaves_longer_numbers_and_single_characters_alone(string text)
    {
        Assert.Equal(text, PersonalDataMasking.MaskIn(text, ["张"]));
    }
}
