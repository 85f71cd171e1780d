using OneWindow.Domain.Calendar;
using OneWindow.Domain.Materials;

namespace OneWindow.Api.Features.Configuration;

/// <summary>
/// One kind of document the platform operator edits: its row name in <c>configuration_documents</c>, the shipped
/// default that applies while there is no row, the domain parser that validates it, and the code a document that
/// fails the parser is refused with.
/// </summary>
public sealed class ConfigurationDocumentKind<T>(string name, string defaultJson, Func<T> defaultDocument, Func<string, T> parse, string invalidCode)
    where T : class
{
    /// <summary>The row's name (primary key).</summary>
    public string Name { get; } = name;

    /// <summary>The shipped document's text: what the operator reads (version 0) before the first save.</summary>
    public string DefaultJson { get; } = defaultJson;

    /// <summary>The shipped document, parsed.</summary>
    public T Default => defaultDocument();

    /// <summary>The error code of a document the parser refuses.</summary>
    public string InvalidCode { get; } = invalidCode;

    /// <summary>Parses and validates a document.</summary>
    /// <exception cref="FormatException">The document breaks the format (the domain's own FormatException subtype).</exception>
    public T Parse(string json) => parse(json);
}

/// <summary>The documents the operator edits without a release.</summary>
public static class ConfigurationDocuments
{
    /// <summary>The largest document accepted, in characters: the shipped ones are a few tens of kilobytes.</summary>
    public const int MaxContentLength = 1_000_000;

    /// <summary>The version of a document that has never been saved: the shipped default.</summary>
    public const int DefaultVersion = 0;

    /// <summary>资料配置: materials per business type and circumstance (format: MaterialCatalogue, materials.json).</summary>
    public static ConfigurationDocumentKind<MaterialCatalogue> MaterialsCatalogue { get; } =
        new("materials-catalogue", MaterialCatalogue.DefaultJson, () => MaterialCatalogue.Default, MaterialCatalogue.Parse, Errors.ErrorCodes.InvalidMaterialsCatalogue);

    /// <summary>The working-day calendar (format: HolidayCalendar, holidays.json).</summary>
    public static ConfigurationDocumentKind<HolidayCalendar> HolidayCalendar { get; } =
        new("holiday-calendar", Domain.Calendar.HolidayCalendar.DefaultJson, () => Domain.Calendar.HolidayCalendar.Default,
            Domain.Calendar.HolidayCalendar.Parse, Errors.ErrorCodes.InvalidHolidayCalendar);
}
