using OneWindow.Domain.Applications;

namespace OneWindow.Domain.Materials;

/// <summary>A material the registry may ask for, identified by a stable code such as <c>TITLE_CERTIFICATE</c>.</summary>
/// <param name="Code">The stable code uploads are tagged with.</param>
/// <param name="Name">Its name.</param>
public sealed record MaterialDefinition(string Code, LocalizedText Name);

/// <summary>A circumstance that changes what must be submitted, such as <c>AGENT_APPLIES</c>.</summary>
/// <param name="Code">The stable code callers pass.</param>
/// <param name="Name">Its description.</param>
public sealed record CircumstanceDefinition(string Code, LocalizedText Name);

/// <summary>
/// Mutually exclusive circumstances of a business type of which a submission names exactly one (e.g. who applies
/// for a mortgage cancellation). A checklist may name none of them, to show everything that could be needed.
/// </summary>
/// <param name="Code">The choice's code, e.g. <c>WHO_APPLIES</c>.</param>
/// <param name="Name">What is being chosen.</param>
/// <param name="Options">The circumstance codes to choose from.</param>
public sealed record CircumstanceChoice(string Code, LocalizedText Name, IReadOnlyList<string> Options);

/// <summary>How the catalogue states a material's requirement.</summary>
public enum MaterialRule
{
    /// <summary>Always required.</summary>
    Required = 1,

    /// <summary>Always optional.</summary>
    Optional = 2,

    /// <summary>Depends on circumstances: see <see cref="MaterialEntry.RequiredWhen"/> and <see cref="MaterialEntry.WaivedWhen"/>.</summary>
    Conditional = 3,
}

/// <summary>A material in one business type's list.</summary>
/// <param name="Code">The material's code (see <see cref="MaterialCatalogue.Materials"/>).</param>
/// <param name="Rule">The requirement as stated.</param>
/// <param name="RequiredWhen">
/// For a conditional material: required when any of these circumstances holds, not applicable otherwise.
/// Empty means required unless waived.
/// </param>
/// <param name="WaivedWhen">For a conditional material: may be left out (optional) when any of these holds.</param>
/// <param name="Note">What this material means for this type, where the general name is not precise enough.</param>
public sealed record MaterialEntry(
    string Code,
    MaterialRule Rule,
    IReadOnlyList<string> RequiredWhen,
    IReadOnlyList<string> WaivedWhen,
    LocalizedText? Note);

/// <summary>The catalogue's section for one business type.</summary>
/// <param name="Type">The business type.</param>
/// <param name="Circumstances">Independent circumstances that apply to it (each may or may not hold).</param>
/// <param name="Choices">Groups of exclusive circumstances that apply to it.</param>
/// <param name="Materials">Its materials, in the order they are listed to the applicant.</param>
public sealed record BusinessTypeMaterials(
    BusinessType Type,
    IReadOnlyList<string> Circumstances,
    IReadOnlyList<CircumstanceChoice> Choices,
    IReadOnlyList<MaterialEntry> Materials)
{
    /// <summary>Every circumstance code that applies to the type: the independent ones and every choice's options.</summary>
    public IReadOnlyList<string> ApplicableCircumstances { get; } =
        Circumstances.Concat(Choices.SelectMany(choice => choice.Options)).ToArray();

    /// <summary>Whether the type's checklist has the material <paramref name="code"/> at all (required, conditional or optional).</summary>
    public bool Lists(string? code) => Materials.Any(material => material.Code == code);
}
