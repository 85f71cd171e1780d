using System.Text.RegularExpressions;

namespace OneWindow.Browser.Tests.Docs;

/// <summary>The docs stand alone (issue 15): what they link to is in the repository, and the README lists every guide.</summary>
public sealed partial class DocumentationLinkTests
{
    [Theory]
    [MemberData(nameof(DocumentationTests.Pages), MemberType = typeof(DocumentationTests))]
    public async Task Every_relative_link_of_the_page_points_into_the_repository(string page)
    {
        var root = BuiltProgram.RepositoryRoot;
        var text = await File.ReadAllTextAsync(Path.Combine(root, page), TestContext.Current.CancellationToken);
        var folder = Path.GetDirectoryName(Path.Combine(root, page))!;
        var broken = Links().Matches(text)
            .Select(m => m.Groups["target"].Value.Split('#')[0])
            .Where(target => target.Length > 0 && !target.Contains("://", StringComparison.Ordinal) && !target.StartsWith("mailto:", StringComparison.Ordinal))
            .Where(target =>
            {
                var full = Path.GetFullPath(Path.Combine(folder, target));
                return !full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !(File.Exists(full) || Directory.Exists(full));
            })
            .ToList();
        Assert.True(broken.Count == 0, $"{page} links outside the repository or to nothing: {string.Join(", ", broken)}");

        // Files named in the text (`docs/decisions/0009-….md`, `api/OneWindow.Domain/Materials/materials.json`) exist too.
        var unknown = Paths().Matches(text).Select(m => m.Value).Distinct()
            .Where(path => !File.Exists(Path.Combine(root, path)))
            .ToList();
        Assert.True(unknown.Count == 0, $"{page} names files that are not in the repository: {string.Join(", ", unknown)}");
    }

    [Fact]
    public async Task The_readme_lists_every_guide()
    {
        var root = BuiltProgram.RepositoryRoot;
        var readme = await File.ReadAllTextAsync(Path.Combine(root, "README.md"), TestContext.Current.CancellationToken);
        var docs = readme[readme.IndexOf("\n## Docs", StringComparison.Ordinal)..];
        var missing = Directory.GetFiles(Path.Combine(root, "docs"), "*.md")
            .Select(file => $"(docs/{Path.GetFileName(file)})")
            .Where(link => !docs.Contains(link, StringComparison.Ordinal))
            .ToList();
        Assert.True(missing.Count == 0, $"README.md's Docs section does not link {string.Join(", ", missing)}");
    }

    [GeneratedRegex(@"\b(docs|schema|api|tests|infra)/[A-Za-z0-9_./-]+\.(md|cs|json|sh|graphql|pdf)\b")]
    private static partial Regex Paths();

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex Links();
}
