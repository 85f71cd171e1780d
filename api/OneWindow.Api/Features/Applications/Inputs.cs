using System.Globalization;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Errors;
using OneWindow.Domain.Identifiers;

namespace OneWindow.Api.Features.Applications;

/// <summary>Reading the parts every submission has: parties, unit codes, dates, amounts, text. Each failure goes to <see cref="Problems"/> with its path.</summary>
public static class Inputs
{
    public const int MaxNameLength = 100;
    public const int MaxTextLength = 1000;

    public static bool Required<T>(T? value, string field, Problems problems) where T : class
    {
        if (value is null || (value is string s && string.IsNullOrWhiteSpace(s)))
        {
            problems.Add(ErrorCodes.FieldRequired, field);
            return false;
        }
        return true;
    }

    /// <summary>Optional free text: trimmed, at most <paramref name="max"/> characters, no control characters.</summary>
    public static string? Text(string? value, string field, Problems problems, int max = MaxTextLength, bool required = false)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                problems.Add(ErrorCodes.FieldRequired, field);
            }
            return null;
        }
        var text = value.Trim();
        if (text.Length > max || text.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
        {
            problems.Add(ErrorCodes.InvalidText, field, text.Length > max ? $"AT_MOST_{max}_CHARACTERS" : "CONTROL_CHARACTERS");
            return null;
        }
        return text;
    }

    public static PartyData? Party(PartyInput? input, string field, Problems problems, DateOnly today, bool allowShare = false)
    {
        if (input is null)
        {
            problems.Add(ErrorCodes.FieldRequired, field);
            return null;
        }
        var ok = true;
        PartyKind? kind = input.Kind?.Trim().ToUpperInvariant() switch
        {
            "PERSON" => PartyKind.Person,
            "ORGANISATION" or "ORGANIZATION" => PartyKind.Organisation,
            _ => null,
        };
        if (kind is null)
        {
            problems.Add(input.Kind is null ? ErrorCodes.FieldRequired : ErrorCodes.InvalidPartyKind, $"{field}.kind");
            ok = false;
        }
        var name = Text(input.Name, $"{field}.name", problems, MaxNameLength, required: true);
        ok &= name is not null;
        var document = kind is { } known ? DocumentOf(input.IdType, known, $"{field}.idType", problems) : null;
        ok &= kind is null || document is not null;
        string? idNumber = null;
        if (string.IsNullOrWhiteSpace(input.IdNumber))
        {
            problems.Add(ErrorCodes.FieldRequired, $"{field}.idNumber");
            ok = false;
        }
        else if (document is { } type)
        {
            if (IdentityDocuments.TryParse(type, input.IdNumber, out var canonical, out var error, today))
            {
                idNumber = canonical;
            }
            else
            {
                problems.Add(ApiError.Invalid(error, $"{field}.idNumber"));
                ok = false;
            }
        }
        var nationality = NationalityOf(input.Nationality, document, $"{field}.nationality", problems, ref ok);
        var phone = input.Phone?.Trim();
        if (!string.IsNullOrEmpty(phone) && (phone.Length is < 5 or > 20 || !phone.All(c => char.IsAsciiDigit(c) || c is '+' or '-' or ' ')))
        {
            problems.Add(ErrorCodes.InvalidPhone, $"{field}.phone");
            ok = false;
        }
        if (input.SharePercent is { } share && (!allowShare || share <= 0 || share > 100 || decimal.Round(share, 4) != share))
        {
            problems.Add(ErrorCodes.InvalidShare, $"{field}.sharePercent", allowShare ? "BETWEEN_0_AND_100" : "NOT_APPLICABLE");
            ok = false;
        }
        return ok
            ? new PartyData(kind!.Value, name!, idNumber!, string.IsNullOrEmpty(phone) ? null : phone, input.SharePercent,
                document == PartyData.UsualDocument(kind.Value) ? null : document, nationality)
            : null;
    }

    /// <summary>
    /// A passport's issuing state, required with a passport (its number alone identifies no one: every state numbers its
    /// own); with any other document a nationality is refused, since that document says nothing of one.
    /// </summary>
    private static string? NationalityOf(string? text, IdentityDocumentType? document, string field, Problems problems, ref bool ok)
    {
        if (document != IdentityDocumentType.Passport)
        {
            if (!string.IsNullOrWhiteSpace(text) && document is not null)
            {
                problems.Add(IdentifierErrorCodes.InvalidNationality, field, "ONLY_FOR_PASSPORT");
                ok = false;
            }
            return null;
        }
        if (string.IsNullOrWhiteSpace(text))
        {
            problems.Add(ErrorCodes.FieldRequired, field, "PASSPORT_ISSUING_STATE");
            ok = false;
            return null;
        }
        if (!Nationality.TryParse(text, out var code, out var error))
        {
            problems.Add(ApiError.Invalid(error, field));
            ok = false;
            return null;
        }
        return code;
    }

    /// <summary>
    /// The identity document a party's idNumber is from: the kind's usual one when none is named, otherwise one of the
    /// documents the kind may be identified by (<see cref="IdentityDocuments"/>).
    /// </summary>
    public static IdentityDocumentType? DocumentOf(string? text, PartyKind kind, string field, Problems problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return PartyData.UsualDocument(kind);
        }
        var allowed = kind == PartyKind.Person ? IdentityDocuments.ForPersons : IdentityDocuments.ForOrganisations;
        var named = text.Trim().ToUpperInvariant();
        foreach (var type in allowed)
        {
            if (named == DocumentName(type))
            {
                return type;
            }
        }
        problems.Add(ErrorCodes.InvalidIdType, field, kind == PartyKind.Person ? "NOT_A_PERSON_DOCUMENT" : "NOT_AN_ORGANISATION_DOCUMENT");
        return null;
    }

    /// <summary>The document's name in requests and answers (the GraphQL enum's value): RESIDENT_ID, HONG_KONG_MACAO_TRAVEL_PERMIT, ….</summary>
    public static string DocumentName(IdentityDocumentType type) =>
        System.Text.Json.JsonNamingPolicy.SnakeCaseUpper.ConvertName(type.ToString());

    /// <summary>A non-empty list of parties, none named twice.</summary>
    public static List<PartyData>? Parties(IReadOnlyList<PartyInput>? inputs, string field, Problems problems, DateOnly today, bool allowShares = false)
    {
        if (inputs is null || inputs.Count == 0)
        {
            problems.Add(ErrorCodes.FieldRequired, field);
            return null;
        }
        if (inputs.Count > 20)
        {
            problems.Add(ErrorCodes.TooManyParties, field, "AT_MOST_20");
            return null;
        }
        var parties = new List<PartyData>();
        var ok = true;
        for (var i = 0; i < inputs.Count; i++)
        {
            var party = Party(inputs[i], $"{field}[{i}]", problems, today, allowShares);
            if (party is null)
            {
                ok = false;
                continue;
            }
            if (parties.Any(p => p.IdNumber == party.IdNumber))
            {
                problems.Add(ErrorCodes.DuplicateParty, $"{field}[{i}].idNumber");
                ok = false;
                continue;
            }
            parties.Add(party);
        }
        return ok ? parties : null;
    }

    public static string? Unit(string? value, string field, Problems problems)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add(ErrorCodes.FieldRequired, field);
            return null;
        }
        if (!UnitCode.TryParse(value, out var code, out var error))
        {
            problems.Add(ApiError.Invalid(error, field));
            return null;
        }
        return code.ToString();
    }

    /// <summary>A non-empty list of distinct unit codes, at most <paramref name="max"/>.</summary>
    public static List<string>? Units(IReadOnlyList<string>? values, string field, Problems problems, int max)
    {
        if (values is null || values.Count == 0)
        {
            problems.Add(ErrorCodes.FieldRequired, field);
            return null;
        }
        if (values.Count > max)
        {
            problems.Add(ErrorCodes.TooManyUnits, field, $"AT_MOST_{max}");
            return null;
        }
        var codes = new List<string>(values.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var ok = true;
        for (var i = 0; i < values.Count; i++)
        {
            if (Unit(values[i], $"{field}[{i}]", problems) is not { } code)
            {
                ok = false;
            }
            else if (!seen.Add(code))
            {
                problems.Add(ErrorCodes.DuplicateUnit, $"{field}[{i}]");
                ok = false;
            }
            else
            {
                codes.Add(code);
            }
        }
        return ok ? codes : null;
    }

    public static DateOnly? Date(string? value, string field, Problems problems, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                problems.Add(ErrorCodes.FieldRequired, field);
            }
            return null;
        }
        if (!DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            || date.Year is < 1900 or > 2200)
        {
            problems.Add(ErrorCodes.InvalidDate, field, "YYYY_MM_DD");
            return null;
        }
        return date;
    }

    public static string? CertificateNumberOf(string? value, string field, Problems problems, DateOnly today, CertificateKind? kind = null)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add(ErrorCodes.FieldRequired, field);
            return null;
        }
        if (!CertificateNumber.TryParse(value, out var number, out var error, today))
        {
            problems.Add(ApiError.Invalid(error, field));
            return null;
        }
        if (kind is { } expected && number.Kind != expected)
        {
            problems.Add(IdentifierErrorCodes.InvalidCertificateNumber, field, expected == CertificateKind.Registration ? "NOT_A_CERTIFICATE_OF_REGISTRATION" : "NOT_A_CERTIFICATE_OF_TITLE");
            return null;
        }
        return number.ToString();
    }

    public static IReadOnlyList<string> Circumstances(IReadOnlyList<string>? values, string field, Problems problems)
    {
        if (values is null)
        {
            return [];
        }
        var result = new List<string>();
        for (var i = 0; i < values.Count; i++)
        {
            var code = values[i]?.Trim().ToUpperInvariant();
            if (string.IsNullOrEmpty(code) || code.Length > 60)
            {
                problems.Add(ErrorCodes.FieldRequired, $"{field}[{i}]");
            }
            else if (!result.Contains(code))
            {
                result.Add(code);
            }
        }
        return result;
    }

    public static IReadOnlyList<MaterialReference> Materials(IReadOnlyList<MaterialReference>? values, string field, Problems problems)
    {
        if (values is null)
        {
            return [];
        }
        if (values.Count > 200)
        {
            problems.Add(ErrorCodes.TooManyMaterials, field, "AT_MOST_200");
            return [];
        }
        var result = new List<MaterialReference>();
        for (var i = 0; i < values.Count; i++)
        {
            var id = values[i]?.MaterialId?.Trim();
            var code = values[i]?.Code?.Trim().ToUpperInvariant();
            var ok = Required(id, $"{field}[{i}].materialId", problems) & Required(code, $"{field}[{i}].code", problems);
            if (!ok)
            {
                continue;
            }
            if (id!.Length > 40 || code!.Length > 60)
            {
                problems.Add(ErrorCodes.MaterialNotFound, $"{field}[{i}]");
                continue;
            }
            if (result.Any(m => m.MaterialId == id && m.Code == code))
            {
                problems.Add(ErrorCodes.DuplicateMaterial, $"{field}[{i}]");
                continue;
            }
            result.Add(new MaterialReference(id, code));
        }
        return result;
    }
}
