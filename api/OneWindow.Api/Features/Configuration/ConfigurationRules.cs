using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using OneWindow.Api.Auth;
using OneWindow.Api.Errors;
using OneWindow.Domain.Applications;

namespace OneWindow.Api.Features.Configuration;

/// <summary>The input rules of the configuration use cases: who may edit, versions, business types, circumstances.</summary>
public static class ConfigurationRules
{
    private static readonly FrozenDictionary<string, BusinessType> BusinessTypesByName = Enum.GetValues<BusinessType>()
        .ToFrozenDictionary(type => JsonNamingPolicy.SnakeCaseUpper.ConvertName(type.ToString()), StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Editing needs a token with <c>platform:admin</c>: none → UNAUTHENTICATED, another → FORBIDDEN. The endpoints
    /// and fields state the scope too; the use cases check it again so that no surface can skip it.
    /// </summary>
    public static ApiError? RefuseUnlessOperator(Caller caller) =>
        caller.IsOperator ? null
        : caller.IsAuthenticated ? new ApiError(ErrorCodes.Forbidden, StatusCodes.Status403Forbidden)
        : new ApiError(ErrorCodes.Unauthenticated, StatusCodes.Status401Unauthorized);

    /// <summary>
    /// A business type as REST sends it: its UPPER_SNAKE name (<c>MORTGAGE_CANCELLATION</c>; any case), as GraphQL
    /// and the answers spell it. Numbers are refused so that "4" cannot silently mean a type.
    /// </summary>
    public static ApiError? BusinessType(string? value, out BusinessType type)
    {
        type = default;
        if (string.IsNullOrWhiteSpace(value))
        {
            return ApiError.BadRequest(ErrorCodes.InvalidBusinessType, "businessType", Domain.Identifiers.IdentifierErrorReasons.Empty);
        }
        return BusinessTypesByName.TryGetValue(value.Trim(), out type) ? null : ApiError.BadRequest(ErrorCodes.InvalidBusinessType, "businessType");
    }

    /// <summary>
    /// Circumstance codes as given: each value may hold several separated by commas (<c>A,B</c>), values may repeat
    /// (<c>circumstances=A&amp;circumstances=B</c>); blanks are dropped, codes trimmed and upper-cased, each kept once.
    /// </summary>
    public static IReadOnlyList<string> Circumstances(IEnumerable<string?>? values) =>
        values is null ? []
        : values.SelectMany(value => (value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Select(code => code.ToUpperInvariant())
            .Distinct(StringComparer.Ordinal)
            .ToArray();

    /// <summary>
    /// The version an <c>If-Match</c> header names: <c>"3"</c> (the ETag the GET gave), or <c>3</c>. Missing →
    /// PRECONDITION_REQUIRED (428): a replacement must say which version it replaces. A weak tag, <c>*</c> or a list →
    /// INVALID_IF_MATCH.
    /// </summary>
    public static ApiError? IfMatch(string? header, out int version)
    {
        version = 0;
        if (string.IsNullOrWhiteSpace(header))
        {
            return new ApiError(ErrorCodes.PreconditionRequired, StatusCodes.Status428PreconditionRequired, Field: "If-Match");
        }
        var text = header.Trim();
        if (text.Length >= 2 && text[0] == '"' && text[^1] == '"')
        {
            text = text[1..^1];
        }
        return text.Length is > 0 and <= 10 && text.All(char.IsAsciiDigit) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out version)
            ? null
            : ApiError.BadRequest(ErrorCodes.InvalidIfMatch, "If-Match");
    }

    /// <summary>Years as REST sends them: comma-separated (<c>2024,2062</c>) or the parameter repeated.</summary>
    public static ApiError? Years(IEnumerable<string?>? values, out IReadOnlyCollection<int> years)
    {
        var parsed = new HashSet<int>();
        years = parsed;
        foreach (var text in (values ?? []).SelectMany(value => (value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
        {
            if (text.Length != 4 || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year))
            {
                return ApiError.BadRequest(ErrorCodes.BadRequest, "removeYears");
            }
            parsed.Add(year);
        }
        return null;
    }

    /// <summary>The ETag of a version: <c>"3"</c>.</summary>
    public static string ETag(int version) => string.Create(CultureInfo.InvariantCulture, $"\"{version}\"");
}
