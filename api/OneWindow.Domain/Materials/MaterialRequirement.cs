namespace OneWindow.Domain.Materials;

/// <summary>A material's requirement once the circumstances are known.</summary>
public enum ResolvedRequirement
{
    /// <summary>Must be submitted.</summary>
    Required = 1,

    /// <summary>May be submitted.</summary>
    Optional = 2,

    /// <summary>Not needed in these circumstances.</summary>
    NotApplicable = 3,
}

/// <summary>Why a material resolved as it did; <see cref="MaterialRequirement.Circumstances"/> names the circumstances involved.</summary>
public enum RequirementReason
{
    /// <summary>The catalogue requires it always.</summary>
    AlwaysRequired = 1,

    /// <summary>The catalogue makes it optional always.</summary>
    AlwaysOptional = 2,

    /// <summary>Required because the listed circumstances hold.</summary>
    RequiredByCircumstance = 3,

    /// <summary>Required because none of the listed circumstances, which would waive it, holds.</summary>
    NotWaived = 4,

    /// <summary>Optional because the listed circumstances, which waive it, hold.</summary>
    WaivedByCircumstance = 5,

    /// <summary>Not applicable because none of the listed circumstances, which would require it, holds.</summary>
    ConditionNotMet = 6,
}

/// <summary>One line of a materials checklist (资料清单).</summary>
/// <param name="Code">The material's code.</param>
/// <param name="Name">The material's name.</param>
/// <param name="Note">What it means for this business type, if the catalogue says.</param>
/// <param name="Requirement">Required, optional or not applicable in the given circumstances.</param>
/// <param name="Reason">Why.</param>
/// <param name="Circumstances">The circumstance codes the reason refers to (empty for the Always reasons).</param>
public sealed record MaterialRequirement(
    string Code,
    LocalizedText Name,
    LocalizedText? Note,
    ResolvedRequirement Requirement,
    RequirementReason Reason,
    IReadOnlyList<string> Circumstances);
