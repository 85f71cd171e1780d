namespace OneWindow.Domain.Applications;

/// <summary>
/// One admissible set of applicants for a business type: all <see cref="Roles"/> apply together.
/// </summary>
/// <param name="Circumstance">
/// The circumstance code that selects this option (e.g. <see cref="Circumstances.MortgageeAlone"/>), or
/// <see langword="null"/> when the type has a single option that always applies.
/// </param>
/// <param name="Roles">The roles that must all be present among the applicants.</param>
public sealed record ApplicantOption(string? Circumstance, IReadOnlyList<ApplicantRole> Roles);
