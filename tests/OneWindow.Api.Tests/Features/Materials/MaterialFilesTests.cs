using OneWindow.Api.Features.Materials;

namespace OneWindow.Api.Tests.Features.Materials;

/// <summary>The pure rules of uploaded files: display names, media types, signatures.</summary>
public sealed class MaterialFilesTests
{
    [Theory]
    [InlineData("scan.pdf", "scan.pdf")]
    [InlineData(@"C:\Users\clerk\scan.pdf", "scan.pdf")]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("  房产证 复印件.pdf  ", "房产证 复印件.pdf")]
    [InlineData("in\u0000voi\u001Fce.pdf", "invoice.pdf")]
    [InlineData("invoice\u202Efdp.exe", "invoicefdp.exe")]
    [InlineData("line\nbreak.png", "linebreak.png")]
    [InlineData("", "material")]
    [InlineData(null, "material")]
    [InlineData("dir/", "material")]
    [InlineData("...", "material")]
    public void Display_name_keeps_the_last_segment_without_control_characters(string? sent, string kept) =>
        Assert.Equal(kept, MaterialFiles.DisplayName(sent));

    [Fact]
    public void Display_name_longer_than_260_is_cut_keeping_its_extension()
    {
        var name = MaterialFiles.DisplayName(new string('长', 400) + ".pdf");

        Assert.Equal(260, name.Length);
        Assert.EndsWith("长.pdf", name);
    }

    [Fact]
    public void Display_name_is_never_cut_inside_a_surrogate_pair()
    {
        // 255 characters, then emoji (two UTF-16 units each): the cut falls inside the third one.
        var name = MaterialFiles.DisplayName(new string('a', 255) + "😀😀😀😀.pdf");

        Assert.True(name.Length <= 260);
        Assert.False(char.IsHighSurrogate(name[^5]));
        Assert.EndsWith(".pdf", name);
    }

    [Theory]
    [InlineData("application/pdf", "application/pdf")]
    [InlineData("Application/PDF; charset=binary", "application/pdf")]
    [InlineData(null, "application/octet-stream")]
    [InlineData("not a media type", "application/octet-stream")]
    public void Media_type_is_the_declared_one_in_lower_case_without_parameters(string? declared, string expected) =>
        Assert.Equal(expected, MaterialFiles.MediaType(declared));

    [Theory]
    [InlineData("application/pdf", new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31 }, true)]
    [InlineData("application/pdf", new byte[] { 0x25, 0x50, 0x44 }, false)]
    [InlineData("image/jpeg", new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 }, true)]
    [InlineData("image/jpeg", new byte[] { 0xFF, 0xD8, 0x00 }, false)]
    [InlineData("image/png", new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, true)]
    [InlineData("image/png", new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x00 }, false)]
    [InlineData("application/ofd", new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14 }, true)]
    [InlineData("application/ofd", new byte[] { 0x50, 0x4B, 0x05, 0x06 }, false)]
    [InlineData("image/tiff", new byte[] { 0x49, 0x49, 0x2A, 0x00 }, true)]
    public void Signature_is_checked_for_the_types_we_know(string mediaType, byte[] head, bool matches) =>
        Assert.Equal(matches, MaterialFiles.MatchesSignature(mediaType, head));
}
