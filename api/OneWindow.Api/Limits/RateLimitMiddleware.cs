using System.Globalization;
using OneWindow.Api.Errors;
using OneWindow.Api.GraphQL;

namespace OneWindow.Api.Limits;

/// <summary>Which requests are rate-limited, and under which policy.</summary>
internal enum LimitedPath
{
    /// <summary>Not limited: health checks, the home page, OpenAPI, the authorize endpoint, static pages.</summary>
    None,

    /// <summary><c>/api/v1/…</c>: by caller.</summary>
    Rest,

    /// <summary><c>/graphql</c>: by caller; a refusal is a GraphQL response.</summary>
    GraphQL,

    /// <summary><c>POST /connect/token</c> and <c>POST /account/sign-in</c>: by IP address.</summary>
    SignIn,
}

/// <summary>
/// Counts each request to a limited path against its caller's rate limit, adds the <c>RateLimit-*</c> headers to the
/// answer, and refuses a request over the limit with 429, <c>Retry-After</c> and <c>RATE_LIMITED</c> before it
/// reaches its endpoint. Two instances in the pipeline: one for REST and GraphQL after authentication, so the caller
/// is known (<see cref="RegistryLimits.UseRegistryLimits"/>); one for token and sign-in requests at the very start,
/// because OpenIddict answers a refused token request (a wrong secret) inside authentication, before anything after it.
/// </summary>
internal sealed class RateLimitMiddleware(
    RequestDelegate next, bool signInOnly, LimitCounters counters, LimitPolicies policies, IProblemDetailsService problems, GraphQLHttpEndpoint graphQL)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var path = Classify(context.Request);
        if (path == LimitedPath.None || (path == LimitedPath.SignIn) != signInOnly)
        {
            await next(context);
            return;
        }
        var partition = path == LimitedPath.SignIn ? policies.ForSignIn(context) : policies.ForCaller(context);
        context.Features.Set(partition);
        var count = await counters.AcquireRequestAsync(partition, context.RequestAborted);
        RateLimitHeaders.Write(context.Response, partition.Policy, count);
        if (count.Allowed)
        {
            await next(context);
            return;
        }

        context.Response.Headers.RetryAfter = count.ResetSeconds.ToString(CultureInfo.InvariantCulture);
        var english = ErrorMessages.PrefersEnglish(context);
        if (path == LimitedPath.GraphQL)
        {
            await graphQL.WriteRefusalAsync(context, StatusCodes.Status429TooManyRequests,
                new ReportedError(ErrorCodes.RateLimited, ErrorMessages.For(ErrorCodes.RateLimited, english)).With("retryAfter", count.ResetSeconds));
            return;
        }
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = ErrorMessages.For(ErrorCodes.RateLimited, english),
                Extensions = { ["code"] = ErrorCodes.RateLimited, ["retryAfter"] = count.ResetSeconds },
            },
        });
    }

    internal static LimitedPath Classify(HttpRequest request)
    {
        var path = request.Path;
        if (path.StartsWithSegments("/api/v1", StringComparison.OrdinalIgnoreCase))
        {
            return LimitedPath.Rest;
        }
        if (path.StartsWithSegments("/graphql", StringComparison.OrdinalIgnoreCase))
        {
            return LimitedPath.GraphQL;
        }
        if (HttpMethods.IsPost(request.Method)
            && (path.Equals("/connect/token", StringComparison.OrdinalIgnoreCase) || path.Equals("/account/sign-in", StringComparison.OrdinalIgnoreCase)))
        {
            return LimitedPath.SignIn;
        }
        return LimitedPath.None;
    }
}

/// <summary>
/// The rate-limit headers of the IETF httpapi draft "RateLimit header fields for HTTP", in its three-field form:
/// <c>RateLimit-Limit</c> (requests per window), <c>RateLimit-Remaining</c> (left in this window),
/// <c>RateLimit-Reset</c> (seconds until the window ends), plus <c>RateLimit-Policy</c> (<c>limit;w=seconds</c>).
/// </summary>
internal static class RateLimitHeaders
{
    public const string Limit = "RateLimit-Limit";
    public const string Remaining = "RateLimit-Remaining";
    public const string Reset = "RateLimit-Reset";
    public const string Policy = "RateLimit-Policy";

    public static void Write(HttpResponse response, LimitPolicy policy, WindowCount count)
    {
        var headers = response.Headers;
        headers[Limit] = count.Limit.ToString(CultureInfo.InvariantCulture);
        headers[Remaining] = count.Remaining.ToString(CultureInfo.InvariantCulture);
        headers[Reset] = count.ResetSeconds.ToString(CultureInfo.InvariantCulture);
        headers[Policy] = policy.Header;
    }
}
