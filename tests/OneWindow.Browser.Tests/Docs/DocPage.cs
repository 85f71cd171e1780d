using System.Text.RegularExpressions;

namespace OneWindow.Browser.Tests.Docs;

/// <summary>A shell block of a page: where it starts (the line of its opening fence), its text, and why it is not run.</summary>
public sealed record ShellBlock(int Line, string Text, string? SkipReason);

/// <summary>
/// The shell blocks of one Markdown page, in order: fenced blocks whose info string is <c>sh</c> or <c>bash</c>. A block
/// is left out only with a visible reason, an HTML comment on the line above its fence (blank lines between allowed):
/// <c>&lt;!-- not run by the doc test: needs PostgreSQL --&gt;</c>.
/// </summary>
public static partial class DocPage
{
    public static IReadOnlyList<ShellBlock> ShellBlocks(string markdown)
    {
        var lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var blocks = new List<ShellBlock>();
        for (var i = 0; i < lines.Length; i++)
        {
            var fence = Fence().Match(lines[i]);
            if (!fence.Success)
            {
                continue;
            }
            var marker = fence.Groups["marker"].Value;
            var end = i + 1;
            while (end < lines.Length && !lines[end].TrimStart().StartsWith(marker, StringComparison.Ordinal))
            {
                end++;
            }
            if (end == lines.Length)
            {
                throw new FormatException($"line {i + 1}: the block is not closed");
            }
            var info = fence.Groups["info"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var language = info.FirstOrDefault();
            if (language is "sh" or "bash")
            {
                if (info.Length > 1)
                {
                    throw new FormatException($"line {i + 1}: a shell block's info string is only sh or bash; to leave it out, "
                        + "put <!-- not run by the doc test: <reason> --> above it");
                }
                blocks.Add(new ShellBlock(i + 1, string.Join('\n', lines[(i + 1)..end]), SkipReason(lines, i)));
            }
            i = end;
        }
        return blocks;
    }

    /// <summary>The reason in an opt-out comment above the fence at <paramref name="fence"/>, or null.</summary>
    private static string? SkipReason(string[] lines, int fence)
    {
        var above = fence - 1;
        while (above >= 0 && lines[above].Trim().Length == 0)
        {
            above--;
        }
        if (above < 0 || !lines[above].Contains("not run by the doc test", StringComparison.Ordinal))
        {
            return null;
        }
        var comment = OptOut().Match(lines[above].Trim());
        if (!comment.Success || comment.Groups["reason"].Value.Trim().Length == 0)
        {
            throw new FormatException($"line {above + 1}: an opt-out is <!-- not run by the doc test: <reason> -->");
        }
        return comment.Groups["reason"].Value.Trim();
    }

    [GeneratedRegex(@"^\s*(?<marker>```+)\s*(?<info>[^`]*)$")]
    private static partial Regex Fence();

    [GeneratedRegex(@"^<!--\s*not run by the doc test:(?<reason>.*?)-->$")]
    private static partial Regex OptOut();
}
