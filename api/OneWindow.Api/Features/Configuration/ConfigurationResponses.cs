using OneWindow.Domain.Applications;
using OneWindow.Domain.Materials;

namespace OneWindow.Api.Features.Configuration;

/// <summary>A configuration document as the operator edits it.</summary>
/// <param name="Name"><c>materials-catalogue</c> or <c>holiday-calendar</c>.</param>
/// <param name="Content">The JSON document as saved (comments and layout kept); the shipped one until the first save.</param>
/// <param name="Version">Bumped by each save; 0 for the shipped default. A replacement names it (If-Match / version).</param>
/// <param name="UpdatedAt">When it was saved (UTC); null for the shipped default.</param>
/// <param name="UpdatedBy">Who saved it; null for the shipped default.</param>
public sealed record ConfigurationDocumentResponse(string Name, string Content, int Version, DateTime? UpdatedAt, string? UpdatedBy);

/// <summary>A saved replacement of the materials catalogue. It applies on this instance at once, on the others within Configuration:RefreshInterval.</summary>
/// <param name="Version">The new version: the next replacement's If-Match.</param>
/// <param name="UpdatedAt">When it was saved (UTC).</param>
/// <param name="UpdatedBy">Who saved it.</param>
public sealed record MaterialsCatalogueSaved(int Version, DateTime UpdatedAt, string UpdatedBy);

/// <summary>A saved replacement of the holiday calendar, and the provisional deadlines it settled.</summary>
/// <param name="Version">The new version: the next replacement's If-Match.</param>
/// <param name="UpdatedAt">When it was saved (UTC).</param>
/// <param name="UpdatedBy">Who saved it.</param>
/// <param name="RecomputedDeadlines">
/// How many applications in progress with a provisional deadline (one resting on a year without an announced
/// schedule) had it recomputed on the new calendar.
/// </param>
public sealed record HolidayCalendarSaved(int Version, DateTime UpdatedAt, string UpdatedBy, int RecomputedDeadlines);

/// <summary>One material of a checklist (资料清单), in the caller's language.</summary>
/// <param name="Code">The material's stable code, which uploads are tagged with (e.g. TITLE_CERTIFICATE).</param>
/// <param name="Name">Its name: Chinese, or English with Accept-Language: en.</param>
/// <param name="Note">What it means for this business type, where the name is not precise enough.</param>
/// <param name="Requirement">REQUIRED, OPTIONAL or NOT_APPLICABLE in the given circumstances.</param>
/// <param name="Reason">Why: ALWAYS_REQUIRED, ALWAYS_OPTIONAL, REQUIRED_BY_CIRCUMSTANCE, NOT_WAIVED, WAIVED_BY_CIRCUMSTANCE or CONDITION_NOT_MET.</param>
/// <param name="Circumstances">The circumstance codes the reason refers to (empty for the ALWAYS_ reasons).</param>
public sealed record MaterialRequirementResponse(
    string Code, string Name, string? Note, ResolvedRequirement Requirement, RequirementReason Reason, IReadOnlyList<string> Circumstances)
{
    public static MaterialRequirementResponse From(MaterialRequirement line, bool english) => new(
        line.Code, Text(line.Name, english), line.Note is { } note ? Text(note, english) : null, line.Requirement, line.Reason, line.Circumstances);

    internal static string Text(LocalizedText text, bool english) => english ? text.En : text.Zh;
}

/// <summary>The materials an application of a business type needs in the given circumstances (资料配置).</summary>
/// <param name="BusinessType">The business type asked about.</param>
/// <param name="Circumstances">The circumstances the checklist was resolved for, as understood (upper case, each once).</param>
/// <param name="Items">Every material of the type, in the order the registry lists them.</param>
public sealed record MaterialChecklistResponse(BusinessType BusinessType, IReadOnlyList<string> Circumstances, IReadOnlyList<MaterialRequirementResponse> Items);

/// <summary>A circumstance (申请情形) an applicant may declare, in the caller's language.</summary>
/// <param name="Code">The code to pass in <c>circumstances</c>.</param>
/// <param name="Name">What it means.</param>
public sealed record CircumstanceResponse(string Code, string Name);

/// <summary>Exclusive circumstances of which an application names exactly one (e.g. who applies for a cancellation).</summary>
/// <param name="Code">The choice's code, e.g. WHO_APPLIES.</param>
/// <param name="Name">What is being chosen.</param>
/// <param name="Options">The circumstances to choose from.</param>
public sealed record CircumstanceChoiceResponse(string Code, string Name, IReadOnlyList<CircumstanceResponse> Options);

/// <summary>One admissible set of applicants: all the roles apply together.</summary>
/// <param name="Circumstance">The circumstance that selects this set (e.g. MORTGAGEE_ALONE); null when the type has one set that always applies.</param>
/// <param name="Roles">The roles that must all be among the applicants.</param>
public sealed record ApplicantOptionResponse(string? Circumstance, IReadOnlyList<ApplicantRole> Roles);

/// <summary>What a portal needs to build the form of a business type.</summary>
/// <param name="BusinessType">The business type.</param>
/// <param name="ChineseName">Its name on forms and in the timeline.</param>
/// <param name="EnglishName">Its English name.</param>
/// <param name="TimeLimitWorkingDays">The time limit (办理时限) in working days from acceptance; 0 for immediate types.</param>
/// <param name="Immediate">Whether it is handled the same working day (即办): entered at once by the platform only where nobody else's right is taken without their say, otherwise deemed accepted for a registrar.</param>
/// <param name="SubmitScope">The OAuth scope needed to submit it.</param>
/// <param name="ApplicantOptions">Who may apply: the admissible sets of applicants.</param>
/// <param name="Circumstances">Independent circumstances that may hold (each changes the materials).</param>
/// <param name="Choices">Groups of exclusive circumstances: an application names one option of each.</param>
public sealed record BusinessTypeResponse(
    BusinessType BusinessType,
    string ChineseName,
    string EnglishName,
    int TimeLimitWorkingDays,
    bool Immediate,
    string SubmitScope,
    IReadOnlyList<ApplicantOptionResponse> ApplicantOptions,
    IReadOnlyList<CircumstanceResponse> Circumstances,
    IReadOnlyList<CircumstanceChoiceResponse> Choices);

/// <summary>Every business type the registry accepts, in a stable order.</summary>
public sealed record BusinessTypeList(IReadOnlyList<BusinessTypeResponse> Items);
