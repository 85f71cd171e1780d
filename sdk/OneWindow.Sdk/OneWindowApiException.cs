using System.Net;

namespace OneWindow.Sdk;

/// <summary>One field at fault in a refused request.</summary>
/// <param name="Code">The stable code (schema/errors.md).</param>
/// <param name="Message">In the language asked for.</param>
/// <param name="Field">The input field, as a path (e.g. <c>units[3].unitCode</c>); null when the whole request.</param>
/// <param name="Reason">What exactly is wrong (e.g. <c>CHECK_CHARACTER</c>).</param>
public sealed record OneWindowFieldError(string Code, string Message, string? Field, string? Reason);

/// <summary>
/// Every failure the platform answers with, on REST (RFC 9457 problem details) and GraphQL (<c>extensions.code</c>) alike:
/// the stable code of schema/errors.md, the HTTP status, the fields at fault and the trace id to quote to support.
/// </summary>
public sealed class OneWindowApiException : Exception
{
    /// <summary>A failure with its code, status and details.</summary>
    public OneWindowApiException(string code, string message, HttpStatusCode status, string? traceId = null,
        IReadOnlyList<OneWindowFieldError>? fieldErrors = null, string? reason = null, TimeSpan? retryAfter = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
        Status = status;
        TraceId = traceId;
        FieldErrors = fieldErrors ?? [];
        Reason = reason;
        RetryAfter = retryAfter;
    }

    /// <summary>
    /// The stable code, e.g. <c>PROPERTY_NOT_FOUND</c> or <c>IDEMPOTENCY_KEY_REUSED</c> (schema/errors.md); OAuth's
    /// <c>invalid_client</c> for a refused token request; <c>NETWORK_ERROR</c> or <c>TIMEOUT</c> when the last attempt got no answer.
    /// </summary>
    public string Code { get; }

    /// <summary>The HTTP status (200 for a GraphQL error in a successful response; 0 when no answer came: <c>NETWORK_ERROR</c>).</summary>
    public HttpStatusCode Status { get; }

    /// <summary>The trace id of the request on the platform.</summary>
    public string? TraceId { get; }

    /// <summary>Every field at fault (a refused submission names them all).</summary>
    public IReadOnlyList<OneWindowFieldError> FieldErrors { get; }

    /// <summary>The precise reason, where the platform gives one.</summary>
    public string? Reason { get; }

    /// <summary>How long to wait before trying again (429).</summary>
    public TimeSpan? RetryAfter { get; }
}
