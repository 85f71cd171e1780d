using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;

namespace OneWindow.Api.Errors;

public static class RegistryErrors
{
    public static WebApplicationBuilder AddRegistryErrors(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            problem.Extensions.TryAdd("traceId", Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier);
            if (!problem.Extensions.ContainsKey("code"))
            {
                problem.Extensions["code"] = ErrorCodes.ForStatus(problem.Status ?? StatusCodes.Status500InternalServerError);
            }
        });
        builder.Services.AddExceptionHandler<RegistryExceptionHandler>();
        // A body that does not bind (wrong JSON types, a number out of range) is thrown to the one handler below in
        // every environment, so its answer (400 BAD_REQUEST, reason WRONG_TYPE) does not depend on the environment.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return builder;
    }

    public static void UseRegistryErrors(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
    }

    /// <summary>
    /// The JSON body check, placed after authentication, authorization and the rate limits: a body is read only for a
    /// caller that may call the endpoint.
    /// </summary>
    public static void UseRegistryInputChecks(this WebApplication app) => app.UseMiddleware<JsonBodyCheck>();

    /// <summary>
    /// The endpoint reads and judges its JSON body itself, with its own codes (the GraphQL endpoint; documents an
    /// operator uploads whole): <see cref="JsonBodyCheck"/> leaves its body alone.
    /// </summary>
    public static TBuilder ReadsItsOwnJsonBody<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(OwnJsonBody.Instance);
}

/// <summary>Endpoint metadata of <see cref="RegistryErrors.ReadsItsOwnJsonBody"/>.</summary>
public sealed class OwnJsonBody
{
    public static readonly OwnJsonBody Instance = new();

    private OwnJsonBody()
    {
    }
}

/// <summary>
/// Checks every JSON request body (but those of endpoints that read their own, <see cref="RegistryErrors.ReadsItsOwnJsonBody"/>) with <see cref="JsonInput"/>
/// before an endpoint binds it: a body that is not JSON the platform can store is 400 <c>BAD_REQUEST</c> with
/// <c>reason</c> <c>INVALID_JSON</c> or <c>JSON_TOO_DEEP</c>, whatever the endpoint would have done with it. The
/// body is read once into memory (within the server's body size limit) and handed on from there.
/// </summary>
internal sealed class JsonBodyCheck(RequestDelegate next, IProblemDetailsService problems, ILogger<JsonBodyCheck> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!request.HasJsonContentType() || request.ContentLength == 0 || context.GetEndpoint()?.Metadata.GetMetadata<OwnJsonBody>() is not null
            || context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == false)
        {
            await next(context);
            return;
        }
        // Sized by Content-Length up to 1 MiB; it grows as the body arrives (Kestrel stops it at the body size limit: 413).
        var body = new MemoryStream(request.ContentLength is { } length ? (int)Math.Min(length, 1 << 20) : 4096);
        await request.Body.CopyToAsync(body, context.RequestAborted);
        if (JsonInput.Problem(body.GetBuffer().AsSpan(0, (int)body.Length)) is { } reason)
        {
            logger.LogDebug("Refused a JSON body on {Method} {Path}: {Reason}", request.Method, request.Path, reason);
            await RegistryExceptionHandler.WriteAsync(problems, context, StatusCodes.Status400BadRequest, ErrorCodes.BadRequest, reason, null);
            return;
        }
        body.Position = 0;
        request.Body = body;
        await next(context);
    }
}

/// <summary>
/// The one place exceptions become problem details. Expected failures are returned by handlers, not thrown; what
/// arrives here is a malformed request the framework rejected, or a bug (500 with a trace id, no details).
/// </summary>
internal sealed class RegistryExceptionHandler(IProblemDetailsService problems, ILogger<RegistryExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, code, reason) = exception switch
        {
            // A body that is JSON but does not bind to the endpoint's request (JsonBodyCheck has refused what is not JSON).
            BadHttpRequestException { InnerException: JsonException } => (StatusCodes.Status400BadRequest, ErrorCodes.BadRequest, JsonInput.Reasons.WrongType),
            BadHttpRequestException bad => (bad.StatusCode, ErrorCodes.ForStatus(bad.StatusCode), null),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => (499, ErrorCodes.BadRequest, null),
            _ => (StatusCodes.Status500InternalServerError, ErrorCodes.InternalError, (string?)null),
        };
        if (status >= 500)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
        }
        else
        {
            // A client's mistake: one line, no stack trace.
            logger.LogDebug("Refused {Method} {Path}: {Status} {Reason}", httpContext.Request.Method, httpContext.Request.Path, status, exception.Message);
        }
        return await WriteAsync(problems, httpContext, status, code, reason, exception);
    }

    /// <summary>Problem details with the code (and reason), in the caller's language; the trace id is added by AddProblemDetails.</summary>
    internal static async ValueTask<bool> WriteAsync(IProblemDetailsService problems, HttpContext context, int status, string code, string? reason, Exception? exception)
    {
        context.Response.StatusCode = status;
        var details = new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails =
            {
                Status = status,
                Title = ErrorMessages.For(code, context),
                Extensions = { ["code"] = code },
            },
        };
        if (reason is not null)
        {
            details.ProblemDetails.Extensions["reason"] = reason;
        }
        return await problems.TryWriteAsync(details);
    }
}
