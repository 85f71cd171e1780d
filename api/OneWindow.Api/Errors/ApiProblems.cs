using Microsoft.AspNetCore.Http.HttpResults;

namespace OneWindow.Api.Errors;

public static class ApiProblems
{
    /// <summary>RFC 9457 problem details for an expected failure, with its stable code, reason and field.</summary>
    public static ProblemHttpResult ToProblem(this ApiError error, HttpContext context)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = error.Code };
        if (error.Reason is not null)
        {
            extensions["reason"] = error.Reason;
        }
        if (error.Field is not null)
        {
            extensions["field"] = error.Field;
        }
        if (error.RetryAfter is { } retryAfter)
        {
            extensions["retryAfter"] = retryAfter;
        }
        return TypedResults.Problem(
            title: error.Message(ErrorMessages.PrefersEnglish(context)),
            statusCode: error.Status,
            extensions: extensions);
    }
}
