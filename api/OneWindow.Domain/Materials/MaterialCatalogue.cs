using System.Collections.Frozen;
using System.Text.Json;
using System.Text.RegularExpressions;
using OneWindow.Domain.Applications;

namespace OneWindow.Domain.Materials;

/// <summary>
/// The materials checklist per business type and circumstance (资料配置), as data. The shipped catalogue is
/// materials.json (embedded; <see cref="DefaultJson"/>); operators edit a copy that the API stores and loads with
/// <see cref="Parse"/>.
/// </summary>
/// <remarks>
/// <para>The file is JSON:</para>
/// <code>
/// {
///   "materials":     [ { "code": "TITLE_CERTIFICATE", "zh": "不动产权属证书", "en": "Certificate of title" } ],
///   "circumstances": [ { "code": "AGENT_APPLIES", "zh": "委托代理人申请", "en": "An agent applies …" } ],
///   "businessTypes": [ {
///     "businessType": "MortgageCancellation",            // a BusinessType name
///     "circumstances": [ "AGENT_APPLIES" ],                // independent circumstances that apply
///     "choices": [ { "code": "WHO_APPLIES", "zh": "申请方式", "en": "Who applies",
///                    "options": [ "JOINT_APPLICATION", "MORTGAGEE_ALONE", "MORTGAGOR_ALONE" ] } ],
///     "materials": [
///       { "code": "APPLICATION_FORM", "requirement": "Required" },
///       { "code": "REGISTRATION_CERTIFICATE", "requirement": "Conditional",
///         "requiredWhen": [ "JOINT_APPLICATION", "MORTGAGEE_ALONE" ] },
///       { "code": "MORTGAGE_CONTRACT", "requirement": "Conditional",
///         "waivedWhen": [ "MAIN_CONTRACT_HAS_MORTGAGE_CLAUSE" ], "note": { "zh": "…", "en": "…" } } ] } ]
/// }
/// </code>
/// <para>
/// Rules, checked on load (<see cref="MaterialCatalogueFormatException"/> otherwise): codes are upper-case
/// <c>A_Z0_9</c> and unique in their list; names are non-empty; every business type has exactly one section;
/// a section names only defined materials (once each) and only circumstances that apply to it; a choice has at
/// least two options and an option belongs to one choice; <c>Required</c> and <c>Optional</c> carry no
/// conditions, <c>Conditional</c> carries <c>requiredWhen</c> or <c>waivedWhen</c>; the circumstances that pick the
/// applicants in <see cref="BusinessTypes"/> are the options of one choice of that type. Comments and trailing
/// commas are allowed; unknown properties are not.
/// </para>
/// <para>
/// Resolution of a <c>Conditional</c> material: when <c>requiredWhen</c> is given and none of it holds, not
/// applicable; otherwise, when any of <c>waivedWhen</c> holds, optional; otherwise required.
/// </para>
/// </remarks>
public sealed partial class MaterialCatalogue
{
    private readonly FrozenDictionary<string, MaterialDefinition> materialsByCode;
    private readonly FrozenDictionary<BusinessType, BusinessTypeMaterials> sections;

    private MaterialCatalogue(
        IReadOnlyList<MaterialDefinition> materials,
        IReadOnlyList<CircumstanceDefinition> circumstances,
        IReadOnlyList<BusinessTypeMaterials> businessTypes)
    {
        Materials = materials;
        Circumstances = circumstances;
        BusinessTypes = businessTypes;
        materialsByCode = materials.ToFrozenDictionary(material => material.Code, StringComparer.Ordinal);
        sections = businessTypes.ToFrozenDictionary(section => section.Type);
    }

    /// <summary>The text of the materials.json shipped in the assembly: the starting point of the operator's copy.</summary>
    public static string DefaultJson { get; } = EmbeddedData.ReadText("materials.json");

    // Declared after DefaultJson: static initialisers run in declaration order.
    private static readonly Lazy<MaterialCatalogue> DefaultCatalogue = new(() => Parse(DefaultJson));

    /// <summary>The catalogue shipped in the assembly.</summary>
    public static MaterialCatalogue Default => DefaultCatalogue.Value;

    /// <summary>Every material defined.</summary>
    public IReadOnlyList<MaterialDefinition> Materials { get; }

    /// <summary>Every circumstance defined.</summary>
    public IReadOnlyList<CircumstanceDefinition> Circumstances { get; }

    /// <summary>The section of every business type, in file order.</summary>
    public IReadOnlyList<BusinessTypeMaterials> BusinessTypes { get; }

    /// <summary>Reads and validates a catalogue.</summary>
    /// <exception cref="MaterialCatalogueFormatException">The JSON is malformed or breaks a rule of the format.</exception>
    public static MaterialCatalogue Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return FromFile(Read(() => JsonSerializer.Deserialize<MaterialCatalogueFile>(json, MaterialCatalogueFile.Options)));
    }

    /// <summary>Reads and validates a catalogue from a UTF-8 stream.</summary>
    /// <exception cref="MaterialCatalogueFormatException">The JSON is malformed or breaks a rule of the format.</exception>
    public static MaterialCatalogue Load(Stream utf8Json)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        return FromFile(Read(() => JsonSerializer.Deserialize<MaterialCatalogueFile>(utf8Json, MaterialCatalogueFile.Options)));
    }

    /// <summary>The catalogue's section for <paramref name="type"/>.</summary>
    public BusinessTypeMaterials For(BusinessType type) =>
        sections.TryGetValue(type, out var section)
            ? section
            : throw new ArgumentOutOfRangeException(nameof(type), type, "Not a defined business type.");

    /// <summary>
    /// Every material of <paramref name="type"/> resolved for <paramref name="circumstances"/>: required, optional or
    /// not applicable, and why. Fails with UNKNOWN_CIRCUMSTANCE (listing every unknown or inapplicable code) or
    /// CONFLICTING_CIRCUMSTANCES (two options of one choice). Naming no option of a choice is allowed here: the
    /// materials that depend on it show as not applicable, with the circumstances that would require them.
    /// </summary>
    public ChecklistResult Checklist(BusinessType type, IReadOnlyCollection<string> circumstances)
    {
        ArgumentNullException.ThrowIfNull(circumstances);
        var section = For(type);
        var error = Validate(section, circumstances);
        if (error is not null)
        {
            return new ChecklistResult([], error);
        }

        var holding = circumstances.ToHashSet(StringComparer.Ordinal);
        return new ChecklistResult(section.Materials.Select(entry => Resolve(entry, holding)).ToArray(), null);
    }

    /// <summary>
    /// Every required material of <paramref name="type"/> under <paramref name="circumstances"/> whose code is not in
    /// <paramref name="providedMaterialCodes"/>, all at once (一次性告知). Besides the checklist's errors, fails with
    /// CIRCUMSTANCE_REQUIRED when a choice (e.g. who applies for a cancellation) has no option named, since the
    /// list depends on it. Provided codes the type does not list are ignored.
    /// </summary>
    public MissingMaterialsResult Missing(
        BusinessType type, IReadOnlyCollection<string> circumstances, IReadOnlyCollection<string> providedMaterialCodes)
    {
        ArgumentNullException.ThrowIfNull(providedMaterialCodes);
        var checklist = Checklist(type, circumstances);
        if (!checklist.Succeeded)
        {
            return new MissingMaterialsResult([], checklist.Error);
        }

        var unchosen = For(type).Choices.Where(choice => !choice.Options.Any(circumstances.Contains)).ToArray();
        if (unchosen.Length > 0)
        {
            return new MissingMaterialsResult([], new MaterialsError(
                MaterialErrors.CircumstanceRequired,
                string.Join("; ", unchosen.Select(choice => $"{choice.Code}: name one of {string.Join(", ", choice.Options)}")),
                unchosen.SelectMany(choice => choice.Options).ToArray()));
        }

        var provided = providedMaterialCodes.ToHashSet(StringComparer.Ordinal);
        return new MissingMaterialsResult(
            checklist.Items.Where(item => item.Requirement == ResolvedRequirement.Required && !provided.Contains(item.Code)).ToArray(),
            null);
    }

    private static MaterialsError? Validate(BusinessTypeMaterials section, IReadOnlyCollection<string> circumstances)
    {
        var unknown = circumstances.Where(code => !section.ApplicableCircumstances.Contains(code)).Distinct().ToArray();
        if (unknown.Length > 0)
        {
            return new MaterialsError(
                MaterialErrors.UnknownCircumstance,
                $"Unknown for {section.Type}: {string.Join(", ", unknown)}. Applicable: {string.Join(", ", section.ApplicableCircumstances)}.",
                unknown);
        }

        var conflicting = section.Choices
            .Select(choice => choice.Options.Where(circumstances.Contains).ToArray())
            .Where(named => named.Length > 1)
            .ToArray();
        return conflicting.Length == 0
            ? null
            : new MaterialsError(
                MaterialErrors.ConflictingCircumstances,
                $"At most one of each may hold: {string.Join("; ", conflicting.Select(named => string.Join(", ", named)))}.",
                conflicting.SelectMany(named => named).ToArray());
    }

    private MaterialRequirement Resolve(MaterialEntry entry, HashSet<string> holding)
    {
        var definition = materialsByCode[entry.Code];
        MaterialRequirement Line(ResolvedRequirement requirement, RequirementReason reason, IReadOnlyList<string> why) =>
            new(entry.Code, definition.Name, entry.Note, requirement, reason, why);

        switch (entry.Rule)
        {
            case MaterialRule.Required:
                return Line(ResolvedRequirement.Required, RequirementReason.AlwaysRequired, []);
            case MaterialRule.Optional:
                return Line(ResolvedRequirement.Optional, RequirementReason.AlwaysOptional, []);
        }

        var requiring = entry.RequiredWhen.Where(holding.Contains).ToArray();
        if (entry.RequiredWhen.Count > 0 && requiring.Length == 0)
        {
            return Line(ResolvedRequirement.NotApplicable, RequirementReason.ConditionNotMet, entry.RequiredWhen);
        }

        var waiving = entry.WaivedWhen.Where(holding.Contains).ToArray();
        if (waiving.Length > 0)
        {
            return Line(ResolvedRequirement.Optional, RequirementReason.WaivedByCircumstance, waiving);
        }

        return requiring.Length > 0
            ? Line(ResolvedRequirement.Required, RequirementReason.RequiredByCircumstance, requiring)
            : Line(ResolvedRequirement.Required, RequirementReason.NotWaived, entry.WaivedWhen);
    }

    [GeneratedRegex("^[A-Z][A-Z0-9_]*$")]
    private static partial Regex CodePattern();

    private static MaterialCatalogueFile Read(Func<MaterialCatalogueFile?> deserialize)
    {
        try
        {
            return deserialize() ?? throw new MaterialCatalogueFormatException("The materials catalogue is empty (null).");
        }
        catch (JsonException exception)
        {
            throw new MaterialCatalogueFormatException(
                $"The materials catalogue is not valid JSON of the expected shape: {exception.Message}", exception);
        }
    }

    private static MaterialCatalogue FromFile(MaterialCatalogueFile file)
    {
        var materials = Named(file.Materials, "material")
            .Select(entry => new MaterialDefinition(entry.Code, new LocalizedText(entry.Zh, entry.En)))
            .ToArray();
        var circumstances = Named(file.Circumstances, "circumstance")
            .Select(entry => new CircumstanceDefinition(entry.Code, new LocalizedText(entry.Zh, entry.En)))
            .ToArray();
        var materialCodes = materials.Select(material => material.Code).ToHashSet(StringComparer.Ordinal);
        var circumstanceCodes = circumstances.Select(circumstance => circumstance.Code).ToHashSet(StringComparer.Ordinal);

        var sections = new List<BusinessTypeMaterials>();
        foreach (var raw in file.BusinessTypes)
        {
            var type = ParseBusinessType(raw.BusinessType);
            if (sections.Any(section => section.Type == type))
            {
                throw new MaterialCatalogueFormatException($"Business type {type} has more than one section.");
            }

            sections.Add(Section(type, raw, materialCodes, circumstanceCodes));
        }

        var absent = Enum.GetValues<BusinessType>().Where(type => sections.All(section => section.Type != type)).ToArray();
        if (absent.Length > 0)
        {
            throw new MaterialCatalogueFormatException($"No section for business type(s): {string.Join(", ", absent)}.");
        }

        return new MaterialCatalogue(materials, circumstances, sections);
    }

    private static List<MaterialCatalogueFile.NamedEntry> Named(List<MaterialCatalogueFile.NamedEntry> entries, string kind)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            RequireCode(entry.Code, kind);
            RequireText(entry.Zh, entry.En, $"The {kind} {entry.Code}");
            if (!seen.Add(entry.Code))
            {
                throw new MaterialCatalogueFormatException($"Duplicate {kind} code {entry.Code}.");
            }
        }

        return entries;
    }

    private static BusinessType ParseBusinessType(string name)
    {
        // Note: numeric strings are refused so that "4" cannot silently mean a business type.
        if (name.Length == 0 || !char.IsAsciiLetter(name[0])
            || !Enum.TryParse<BusinessType>(name, ignoreCase: true, out var type) || !Enum.IsDefined(type))
        {
            throw new MaterialCatalogueFormatException(
                $"Unknown business type '{name}'. Known: {string.Join(", ", Enum.GetNames<BusinessType>())}.");
        }

        return type;
    }

    private static BusinessTypeMaterials Section(
        BusinessType type,
        MaterialCatalogueFile.TypeSection raw,
        HashSet<string> materialCodes,
        HashSet<string> circumstanceCodes)
    {
        var where = $"Business type {type}";
        var applicable = new HashSet<string>(StringComparer.Ordinal);
        void Declare(string code, string context)
        {
            if (!circumstanceCodes.Contains(code))
            {
                throw new MaterialCatalogueFormatException($"{where}: {context} names undefined circumstance '{code}'.");
            }

            if (!applicable.Add(code))
            {
                throw new MaterialCatalogueFormatException($"{where}: circumstance {code} is listed more than once.");
            }
        }

        var independent = raw.Circumstances ?? [];
        foreach (var code in independent)
        {
            Declare(code, "circumstances");
        }

        var choices = new List<CircumstanceChoice>();
        foreach (var choice in raw.Choices ?? [])
        {
            RequireCode(choice.Code, "choice");
            RequireText(choice.Zh, choice.En, $"{where}: choice {choice.Code}");
            if (choices.Any(existing => existing.Code == choice.Code))
            {
                throw new MaterialCatalogueFormatException($"{where}: duplicate choice code {choice.Code}.");
            }

            if (choice.Options.Count < 2)
            {
                throw new MaterialCatalogueFormatException($"{where}: choice {choice.Code} needs at least two options.");
            }

            foreach (var option in choice.Options)
            {
                Declare(option, $"choice {choice.Code}");
            }

            choices.Add(new CircumstanceChoice(choice.Code, new LocalizedText(choice.Zh, choice.En), choice.Options.ToArray()));
        }

        var lines = new List<MaterialEntry>();
        foreach (var line in raw.Materials)
        {
            lines.Add(Line(where, line, materialCodes, applicable, lines));
        }

        if (lines.Count == 0)
        {
            throw new MaterialCatalogueFormatException($"{where}: no materials.");
        }

        var selectors = Applications.BusinessTypes.Get(type).ApplicantOptions
            .Select(option => option.Circumstance)
            .OfType<string>()
            .ToArray();
        if (selectors.Length > 0 && !choices.Any(choice => selectors.All(choice.Options.Contains)))
        {
            throw new MaterialCatalogueFormatException(
                $"{where}: the applicants depend on {string.Join(", ", selectors)}; they must be the options of one choice.");
        }

        return new BusinessTypeMaterials(type, independent.ToArray(), choices, lines);
    }

    private static MaterialEntry Line(
        string where,
        MaterialCatalogueFile.MaterialLine line,
        HashSet<string> materialCodes,
        HashSet<string> applicable,
        List<MaterialEntry> earlier)
    {
        if (!materialCodes.Contains(line.Code))
        {
            throw new MaterialCatalogueFormatException($"{where}: undefined material '{line.Code}'.");
        }

        if (earlier.Any(entry => entry.Code == line.Code))
        {
            throw new MaterialCatalogueFormatException($"{where}: duplicate material code {line.Code}.");
        }

        where = $"{where}, material {line.Code}";
        if (!Enum.TryParse<MaterialRule>(line.Requirement, ignoreCase: false, out var rule)
            || !Enum.GetNames<MaterialRule>().Contains(line.Requirement))
        {
            throw new MaterialCatalogueFormatException(
                $"{where}: requirement '{line.Requirement}' is not one of {string.Join(", ", Enum.GetNames<MaterialRule>())}.");
        }

        var requiredWhen = line.RequiredWhen ?? [];
        var waivedWhen = line.WaivedWhen ?? [];
        var conditions = requiredWhen.Concat(waivedWhen).ToArray();
        if (rule == MaterialRule.Conditional && conditions.Length == 0)
        {
            throw new MaterialCatalogueFormatException($"{where}: a Conditional material needs requiredWhen or waivedWhen.");
        }

        if (rule != MaterialRule.Conditional && conditions.Length > 0)
        {
            throw new MaterialCatalogueFormatException($"{where}: only a Conditional material has requiredWhen or waivedWhen.");
        }

        foreach (var code in conditions)
        {
            if (!applicable.Contains(code))
            {
                throw new MaterialCatalogueFormatException($"{where}: circumstance '{code}' does not apply to this business type.");
            }
        }

        if (conditions.Distinct(StringComparer.Ordinal).Count() != conditions.Length)
        {
            throw new MaterialCatalogueFormatException($"{where}: a circumstance is named twice in requiredWhen/waivedWhen.");
        }

        if (line.Note is { } note)
        {
            RequireText(note.Zh, note.En, $"{where}: the note");
        }

        return new MaterialEntry(
            line.Code, rule, requiredWhen.ToArray(), waivedWhen.ToArray(),
            line.Note is { } text ? new LocalizedText(text.Zh, text.En) : null);
    }

    private static void RequireCode(string code, string kind)
    {
        if (!CodePattern().IsMatch(code))
        {
            throw new MaterialCatalogueFormatException($"The {kind} code '{code}' is not upper-case letters, digits and underscores.");
        }
    }

    private static void RequireText(string zh, string en, string what)
    {
        if (string.IsNullOrWhiteSpace(zh) || string.IsNullOrWhiteSpace(en))
        {
            throw new MaterialCatalogueFormatException($"{what} needs a Chinese and an English name.");
        }
    }
}
