using System.Globalization;
using System.Net.Mail;
using System.Text;
using OneWindow.Api.Auth;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Errors;
using OneWindow.Domain.Identifiers;

namespace OneWindow.Api.Features.Partners;

/// <summary>
/// The input rules of the partner use cases: names, contacts, kinds and statuses, review notes, paging cursors, and
/// who may administer partners. Each failure is an <see cref="ApiError"/> with a stable code, reason and field.
/// </summary>
public static class PartnerRules
{
    public const int MaxNameLength = 200;
    public const int MaxContactNameLength = 100;
    public const int MaxPhoneLength = 30;
    public const int MaxEmailLength = 200;
    public const int MaxNoteLength = 1000;

    /// <summary>
    /// Administration needs a token with <c>platform:admin</c>: none → UNAUTHENTICATED, another → FORBIDDEN. REST
    /// endpoints state the scope too; the use cases check it again so that no surface can skip it.
    /// </summary>
    public static ApiError? RefuseUnlessOperator(Caller caller) =>
        caller.IsOperator ? null
        : caller.IsAuthenticated ? new ApiError(ErrorCodes.Forbidden, StatusCodes.Status403Forbidden)
        : new ApiError(ErrorCodes.Unauthenticated, StatusCodes.Status401Unauthorized);

    /// <summary>An organisation's name as registered: 2 to 200 characters, no control characters.</summary>
    public static ApiError? Name(string? value, out string name) =>
        Text(value, 2, MaxNameLength, ErrorCodes.InvalidPartnerName, "name", allowLineBreaks: false, out name);

    public static ApiError? ContactName(string? value, out string name) =>
        Text(value, 1, MaxContactNameLength, ErrorCodes.InvalidContactName, "contactName", allowLineBreaks: false, out name);

    /// <summary>An operator's note on a review: at most 1,000 characters; required when <paramref name="required"/>.</summary>
    public static ApiError? Note(string? value, bool required, out string? note)
    {
        note = null;
        if (string.IsNullOrWhiteSpace(value) && !required)
        {
            return null;
        }
        var error = Text(value, 1, MaxNoteLength, ErrorCodes.InvalidReviewNote, "note", allowLineBreaks: true, out var text);
        note = text;
        return error;
    }

    public static ApiError? CreditCode(string? value, out string creditCode)
    {
        creditCode = "";
        if (!UnifiedSocialCreditCode.TryParse(value, out var code, out var error))
        {
            return ApiError.Invalid(error, "creditCode");
        }
        creditCode = code.Value;
        return null;
    }

    /// <summary>BANK, DEVELOPER, AGENCY, COURT or VERIFIER, in any case.</summary>
    public static ApiError? Kind(string? value, string field, out PartnerKind kind)
    {
        kind = default;
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return ApiError.BadRequest(ErrorCodes.InvalidPartnerKind, field, IdentifierErrorReasons.Empty);
        }
        return IsName(text) && Enum.TryParse(text, ignoreCase: true, out kind) && Enum.IsDefined(kind)
            ? null
            : ApiError.BadRequest(ErrorCodes.InvalidPartnerKind, field, IdentifierErrorReasons.Format);
    }

    /// <summary>PENDING, APPROVED or SUSPENDED, in any case.</summary>
    public static ApiError? Status(string? value, string field, out PartnerStatus status)
    {
        status = default;
        var text = value?.Trim();
        return !string.IsNullOrEmpty(text) && IsName(text) && Enum.TryParse(text, ignoreCase: true, out status) && Enum.IsDefined(status)
            ? null
            : ApiError.BadRequest(ErrorCodes.InvalidPartnerStatus, field, IdentifierErrorReasons.Format);
    }

    /// <summary>
    /// A mainland China phone number: a mobile (11 digits from 13…19…, an optional +86 before it) or a landline with
    /// its area code (0758-2123456, 020 12345678, +86 758 2123456). Spaces and hyphens are allowed. Kept as 11 digits
    /// for a mobile and area-number for a landline.
    /// </summary>
    public static ApiError? Phone(string? value, out string phone)
    {
        phone = "";
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return PhoneError(IdentifierErrorReasons.Empty);
        }
        if (text.Length > MaxPhoneLength)
        {
            return PhoneError(IdentifierErrorReasons.Length);
        }
        var digits = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
            else if (c == '+' && i == 0)
            {
                digits.Append(c);
            }
            else if (c is not (' ' or '-'))
            {
                return PhoneError(IdentifierErrorReasons.Characters);
            }
        }
        var number = digits.ToString();
        if (number.StartsWith("+86", StringComparison.Ordinal))
        {
            number = number[3..];
            // +86 drops the trunk 0 of a landline's area code.
            if (number.Length > 0 && number[0] != '1')
            {
                number = "0" + number;
            }
        }
        if (number.Length == 11 && number[0] == '1' && number[1] is >= '3' and <= '9' && IsDigits(number))
        {
            phone = number;
            return null;
        }
        if (number.Length >= 10 && number[0] == '0' && number[1] != '0' && IsDigits(number))
        {
            // Area codes 010 and 02x have three digits, all others four; the local number has 7 or 8.
            var area = number[1] is '1' or '2' ? 3 : 4;
            var local = number.Length - area;
            if (local is 7 or 8)
            {
                phone = $"{number[..area]}-{number[area..]}";
                return null;
            }
        }
        return PhoneError(IdentifierErrorReasons.Format);
    }

    /// <summary>An email address without a display name, with a dotted domain; the domain is kept in lower case.</summary>
    public static ApiError? Email(string? value, out string email)
    {
        email = "";
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return EmailError(IdentifierErrorReasons.Empty);
        }
        if (text.Length > MaxEmailLength)
        {
            return EmailError(IdentifierErrorReasons.Length);
        }
        if (!MailAddress.TryCreate(text, out var address) || address.Address != text || address.DisplayName.Length > 0
            || text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
            || address.User.Length is 0 or > 64
            || !address.Host.Contains('.', StringComparison.Ordinal) || address.Host.StartsWith('.') || address.Host.EndsWith('.'))
        {
            return EmailError(IdentifierErrorReasons.Format);
        }
        email = $"{address.User}@{address.Host.ToLowerInvariant()}";
        return null;
    }

    private static ApiError PhoneError(string reason) => ApiError.BadRequest(ErrorCodes.InvalidContactPhone, "contactPhone", reason);

    private static ApiError EmailError(string reason) => ApiError.BadRequest(ErrorCodes.InvalidContactEmail, "contactEmail", reason);

    private static ApiError? Text(string? value, int min, int max, string code, string field, bool allowLineBreaks, out string text)
    {
        text = value?.Trim() ?? "";
        if (text.Length == 0)
        {
            return ApiError.BadRequest(code, field, IdentifierErrorReasons.Empty);
        }
        if (text.Length < min || text.Length > max)
        {
            return ApiError.BadRequest(code, field, IdentifierErrorReasons.Length);
        }
        foreach (var c in text)
        {
            if (char.IsControl(c) && !(allowLineBreaks && c is '\n' or '\r' or '\t'))
            {
                return ApiError.BadRequest(code, field, IdentifierErrorReasons.Characters);
            }
        }
        return null;
    }

    private static bool IsName(string text) => text.All(char.IsAsciiLetter);

    private static bool IsDigits(string text) => text.All(char.IsAsciiDigit);
}

/// <summary>Partner ids as they travel in paths and GraphQL ids: decimal digits. Anything else names no partner.</summary>
public static class PartnerIds
{
    public static bool TryParse(string? text, out long id) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0;

    public static string Format(long id) => id.ToString(CultureInfo.InvariantCulture);
}
