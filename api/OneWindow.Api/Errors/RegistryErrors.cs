using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;

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
        return builder;
    }

    public static void UseRegistryErrors(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
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
        var (status, code) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, ErrorCodes.BadRequest),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => (499, ErrorCodes.BadRequest),
            _ => (StatusCodes.Status500InternalServerError, ErrorCodes.InternalError),
        };
        if (status >= 500)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
        }
        httpContext.Response.StatusCode = status;
        var message = ErrorMessages.For(code, httpContext);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = status,
                Title = message,
                Extensions = { ["code"] = code },
            },
        });
    }
}
