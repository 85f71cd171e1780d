using GraphQL;
using OneWindow.Api.Errors;

namespace OneWindow.Api.GraphQL;

/// <summary>
/// An expected failure reported by a resolver (or a scalar's parser) in the top-level <c>errors</c>: throw it, or add
/// it with <c>context.Errors.Add(...)</c> and return null. The error filter writes <see cref="ExecutionError.Code"/>
/// as <c>extensions.code</c>, <see cref="Reason"/> as <c>extensions.reason</c> and <see cref="Field"/> as
/// <c>extensions.field</c>, and the message as given.
/// </summary>
/// <remarks>
/// Mutations report their expected failures as typed <c>errors</c> in the payload instead (DESIGN.md); this type is
/// for queries and for input that cannot be parsed (e.g. <c>INVALID_UNIT_CODE</c>). Messages are shown to callers:
/// localise them (<see cref="From(ApiError, bool)"/>, <see cref="Localized"/>), and never repeat personal data.
/// </remarks>
public class RegistryError : ExecutionError
{
    public RegistryError(string code, string message, string? reason = null, string? field = null)
        : base(message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        Code = code;
        Reason = reason;
        Field = field;
    }

    /// <summary>The stable sub-code saying what exactly is wrong (e.g. an identifier's <c>CHECK_CHARACTER</c>), or null.</summary>
    public string? Reason { get; }

    /// <summary>The argument or input field at fault, or null.</summary>
    public string? Field { get; }

    /// <summary>A use case's <see cref="ApiError"/> as a GraphQL error, in the caller's language (the same code as on REST).</summary>
    public static RegistryError From(ApiError error, bool english) =>
        new(error.Code, error.Message(english), error.Reason, error.Field) { RetryAfter = error.RetryAfter };

    /// <summary>Seconds until a limit that refused the request lets it through again (<c>extensions.retryAfter</c>), or null.</summary>
    public int? RetryAfter { get; init; }

    /// <summary>An error whose message is the code's entry in <see cref="ErrorMessages"/> in the caller's language.</summary>
    public static RegistryError Localized(string code, IResolveFieldContext context, string? reason = null, string? field = null) =>
        new(code, ErrorMessages.For(code, RegistryUserContext.From(context)?.PrefersEnglish ?? false), reason, field);
}
