using OneWindow.Domain.Identifiers;

namespace OneWindow.Api.Errors;

/// <summary>
/// An expected failure of a use case: a stable code, the HTTP status it maps to on REST, and where useful the
/// precise reason and the input field. Handlers return it; REST turns it into problem details, GraphQL into an error
/// with <c>extensions.code</c> (or a payload error for mutations). Messages are made at the edge in the caller's language.
/// A refusal for a limit carries <see cref="RetryAfter"/> (seconds), as the global limiter's answers do.
/// </summary>
public sealed record ApiError(string Code, int Status, string? Reason = null, string? Field = null, int? RetryAfter = null)
{
    public static ApiError Invalid(IdentifierError error, string field) => new(error.Code, StatusCodes.Status400BadRequest, error.Reason, field);

    public static ApiError BadRequest(string code, string field, string? reason = null) => new(code, StatusCodes.Status400BadRequest, reason, field);

    public static ApiError NotFound(string code) => new(code, StatusCodes.Status404NotFound);

    public string Message(bool english) => ErrorMessages.For(this, english);
}

/// <summary>A value or an <see cref="ApiError"/>.</summary>
public readonly record struct Result<T>(T? Value, ApiError? Error)
{
    public bool IsSuccess => Error is null;

    public static implicit operator Result<T>(T value) => new(value, null);

    public static implicit operator Result<T>(ApiError error) => new(default, error);
}
