using GraphQL;
using GraphQL.DI;
using GraphQL.Execution;
using OneWindow.Api.Errors;

namespace OneWindow.Api.GraphQL;

/// <summary>
/// The one error filter of every GraphQL execution: it runs around everything else (<see cref="SortOrder"/> 0) and
/// turns each error into a <see cref="ReportedError"/> with <c>extensions.code</c> and a message in the caller's
/// language (<see cref="GraphQLErrors.Report"/>). Unexpected exceptions are logged here, once, with the trace id the
/// caller sees.
/// </summary>
internal sealed class RegistryErrorFilter(IHostEnvironment environment, ILogger<RegistryErrorFilter> logger) : IConfigureExecution
{
    public float SortOrder => 0;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        ExecutionResult result;
        try
        {
            result = await next(options);
        }
        catch (OperationCanceledException) when (options.CancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            result = new ExecutionResult(exception as ExecutionError ?? new UnhandledError("Error executing document.", exception));
        }
        Report(result, RegistryUserContext.From(options), environment.IsDevelopment(), logger);
        return result;
    }

    /// <summary>
    /// Turns the result's errors into <see cref="ReportedError"/>s; also for results the filter does not see (each
    /// event of a subscription, reported by the WebSocket transport).
    /// </summary>
    public static void Report(ExecutionResult result, RegistryUserContext? user, bool development, ILogger logger)
    {
        if (result.Errors is not { Count: > 0 } errors)
        {
            return;
        }
        var english = user?.PrefersEnglish ?? false;
        var traceId = user?.TraceId ?? GraphQLErrors.CurrentTraceId();
        var reported = new ExecutionErrors();
        foreach (var error in errors)
        {
            var report = GraphQLErrors.Report(error, english, traceId, development);
            if (report.Code == ErrorCodes.InternalError)
            {
                logger.LogError(error.InnerException ?? error, "GraphQL execution failed at {Path} (trace {TraceId})",
                    error.Path is null ? "(request)" : string.Join('.', error.Path), traceId);
            }
            reported.Add(report);
        }
        result.Errors = reported;
    }
}

/// <summary>Writes what the filter prepared; an error that did not pass the filter is classified here, in Chinese.</summary>
internal sealed class RegistryErrorInfoProvider : IErrorInfoProvider
{
    public ErrorInfo GetInfo(ExecutionError executionError)
    {
        var report = executionError as ReportedError
            ?? GraphQLErrors.Report(executionError, english: false, GraphQLErrors.CurrentTraceId(), exposeDetails: false);
        return new ErrorInfo { Message = report.Message, Extensions = report.Extensions };
    }
}
