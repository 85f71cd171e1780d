using System.Text.Json;
using System.Text.Json.Serialization;

namespace OneWindow.Domain.Materials;

/// <summary>The JSON shape of materials.json; see <see cref="MaterialCatalogue"/> for the format.</summary>
internal sealed class MaterialCatalogueFile
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public required List<NamedEntry> Materials { get; init; }

    public required List<NamedEntry> Circumstances { get; init; }

    public required List<TypeSection> BusinessTypes { get; init; }

    internal sealed class NamedEntry
    {
        public required string Code { get; init; }

        public required string Zh { get; init; }

        public required string En { get; init; }
    }

    internal sealed class TypeSection
    {
        public required string BusinessType { get; init; }

        public List<string>? Circumstances { get; init; }

        public List<ChoiceEntry>? Choices { get; init; }

        public required List<MaterialLine> Materials { get; init; }
    }

    internal sealed class ChoiceEntry
    {
        public required string Code { get; init; }

        public required string Zh { get; init; }

        public required string En { get; init; }

        public required List<string> Options { get; init; }
    }

    internal sealed class MaterialLine
    {
        public required string Code { get; init; }

        public required string Requirement { get; init; }

        public List<string>? RequiredWhen { get; init; }

        public List<string>? WaivedWhen { get; init; }

        public Text? Note { get; init; }
    }

    internal sealed class Text
    {
        public required string Zh { get; init; }

        public required string En { get; init; }
    }
}
