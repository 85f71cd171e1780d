using System.Diagnostics.CodeAnalysis;

namespace OneWindow.Domain.Materials;

/// <summary>The error codes of a checklist request (same codes on REST and GraphQL).</summary>
public static class MaterialErrors
{
    /// <summary>A circumstance code is unknown, or does not apply to the business type.</summary>
    public const string UnknownCircumstance = "UNKNOWN_CIRCUMSTANCE";

    /// <summary>More than one option of an exclusive choice (e.g. both JOINT_APPLICATION and MORTGAGEE_ALONE).</summary>
    public const string ConflictingCircumstances = "CONFLICTING_CIRCUMSTANCES";

    /// <summary>A submission must name one option of a choice and named none (e.g. who applies for a cancellation).</summary>
    public const string CircumstanceRequired = "CIRCUMSTANCE_REQUIRED";
}

/// <summary>Why the circumstances were rejected.</summary>
/// <param name="Code">A code from <see cref="MaterialErrors"/>.</param>
/// <param name="Message">A message for logs and developers (the API localises by code).</param>
/// <param name="Circumstances">
/// The offending codes (unknown or conflicting), or for CIRCUMSTANCE_REQUIRED the options to choose from.
/// </param>
public sealed record MaterialsError(string Code, string Message, IReadOnlyList<string> Circumstances);

/// <summary>The outcome of <see cref="MaterialCatalogue.Checklist"/>.</summary>
/// <param name="Items">Every material of the type, resolved, in catalogue order; empty on error.</param>
/// <param name="Error">Why the circumstances were rejected, or <see langword="null"/>.</param>
public sealed record ChecklistResult(IReadOnlyList<MaterialRequirement> Items, MaterialsError? Error)
{
    /// <summary>Whether the checklist was resolved.</summary>
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;
}

/// <summary>The outcome of <see cref="MaterialCatalogue.Missing"/>.</summary>
/// <param name="Missing">Every required material not provided, all at once (一次性告知); empty on error.</param>
/// <param name="Error">Why the circumstances were rejected, or <see langword="null"/>.</param>
public sealed record MissingMaterialsResult(IReadOnlyList<MaterialRequirement> Missing, MaterialsError? Error)
{
    /// <summary>Whether the circumstances were valid.</summary>
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;

    /// <summary>Whether the circumstances were valid and nothing required is missing.</summary>
    public bool IsComplete => Succeeded && Missing.Count == 0;
}

/// <summary>The materials catalogue file is not valid; the message says where and why.</summary>
public sealed class MaterialCatalogueFormatException : FormatException
{
    /// <summary>Creates the exception with a message.</summary>
    public MaterialCatalogueFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the JSON error behind it.</summary>
    public MaterialCatalogueFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
