using System.Globalization;
using GraphQL;
using Microsoft.Extensions.Options;
using OneWindow.Api.Errors;
using OneWindow.Api.GraphQL.Schema;
using OneWindow.Api.Limits;

namespace OneWindow.Api.GraphQL;

/// <summary>
/// <c>/graphql</c>: GraphQL over HTTP as the spec's current draft describes it. POST with an <c>application/json</c>
/// body, GET with the parameters in the query string (queries only); answers in
/// <c>application/graphql-response+json</c> unless the client accepts only <c>application/json</c>, with the status
/// codes the spec gives each media type. Every answer is a GraphQL response, except 406 (no acceptable type) which is
/// problem details like the rest of the API. Once a request's cost has been measured, the answer reports it in
/// <c>extensions.cost</c> (<see cref="QueryCost"/>); a request over its caller's query budget is answered 429.
/// </summary>
internal sealed class GraphQLHttpEndpoint(
    RegistrySchema schema,
    IDocumentExecuter executer,
    RegistryGraphQLSerializer serializer,
    GraphQLValidationRules rules,
    IProblemDetailsService problems,
    IOptions<RegistryGraphQLOptions> options,
    GraphQLExplorer explorer,
    IntrospectionCache introspection,
    IntrospectionAccess introspectionAccess,
    QueryBudget? budget = null)
{
    private readonly RegistryGraphQLOptions _options = options.Value;

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var isGet = HttpMethods.IsGet(request.Method);
        var isPost = !isGet && HttpMethods.IsPost(request.Method);
        if (isGet && explorer.IsServed && !request.Query.ContainsKey("query") && GraphQLMediaTypes.AcceptsHtml(request.Headers.Accept))
        {
            await explorer.WriteAsync(context);
            return;
        }

        var mediaType = GraphQLMediaTypes.Negotiate(request.Headers.Accept);
        if (mediaType == GraphQLMediaType.None)
        {
            await WriteNotAcceptableAsync(context);
            return;
        }
        if (!isGet && !isPost)
        {
            context.Response.Headers.Allow = "GET, POST";
            await WriteAsync(context, mediaType, StatusCodes.Status405MethodNotAllowed, GraphQLErrors.Transport(ErrorCodes.MethodNotAllowed,
                ErrorMessages.PrefersEnglish(context), detail: GraphQLErrors.Localize(ErrorMessages.PrefersEnglish(context), "请使用 GET 或 POST。", "Use GET or POST.")));
            return;
        }

        GraphQLHttpRead read;
        if (isGet)
        {
            read = GraphQLHttpRequestReader.ReadQueryString(context, serializer, _options.MaxQueryStringLength);
        }
        else if (!GraphQLMediaTypes.IsJsonUtf8(request.ContentType))
        {
            var english = ErrorMessages.PrefersEnglish(context);
            read = GraphQLHttpRead.Refuse(StatusCodes.Status415UnsupportedMediaType, GraphQLErrors.Transport(ErrorCodes.UnsupportedMediaType,
                english, detail: GraphQLErrors.Localize(english, "请求体须为 application/json（UTF-8）。", "Send the body as application/json in UTF-8.")));
        }
        else
        {
            read = await GraphQLHttpRequestReader.ReadBodyAsync(context, serializer, _options.MaxRequestBytes);
        }
        if (read.Request is null)
        {
            await WriteAsync(context, mediaType, read.Status, read.Error!);
            return;
        }

        // Introspection answers depend on the schema only: kept as bytes, for the callers who may introspect.
        var introspectionKey = introspectionAccess.Allows(context.User) ? IntrospectionCache.KeyFor(read.Request) : null;
        if (introspectionKey is not null && introspection.TryGet(introspectionKey, out var kept))
        {
            await WriteAsync(context, mediaType, kept);
            return;
        }

        ExecutionResult result;
        var userContext = new RegistryUserContext(context);
        try
        {
            var execution = new ExecutionOptions
            {
                Schema = schema,
                Query = read.Request.Query,
                OperationName = read.Request.OperationName,
                Variables = read.Request.Variables,
                Extensions = read.Request.Extensions,
                UserContext = userContext,
                User = context.User,
                RequestServices = context.RequestServices,
                CancellationToken = context.RequestAborted,
                ValidationRules = isGet ? rules.Get : rules.Post,
                CachedDocumentValidationRules = isGet ? rules.CachedGet : rules.CachedPost,
            };
            if (budget is not null)
            {
                execution.Listeners.Add(budget);
            }
            result = await executer.ExecuteAsync(execution);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client has gone; there is nobody to answer.
            return;
        }

        if (introspectionKey is not null && IntrospectionCache.IsKept(result))
        {
            using var buffer = new MemoryStream();
            await serializer.WriteAsync(buffer, result, context.RequestAborted);
            var answer = buffer.ToArray();
            introspection.Keep(introspectionKey, answer);
            await WriteAsync(context, mediaType, answer);
            return;
        }

        var status = StatusFor(result, mediaType);
        if (status == StatusCodes.Status405MethodNotAllowed)
        {
            context.Response.Headers.Allow = "POST";
        }
        if (QueryCost.Of(userContext) is { } cost)
        {
            (result.Extensions ??= [])["cost"] = cost.ToExtension();
            if (cost.BudgetExceeded && cost.ResetSeconds is { } retryAfter)
            {
                context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
            }
        }
        await WriteAsync(context, mediaType, status, result);
    }

    /// <summary>
    /// A request refused before it reached GraphQL (e.g. 429 <c>RATE_LIMITED</c>), as a GraphQL response in the media
    /// type the client accepts, or problem details when it accepts none.
    /// </summary>
    internal async Task WriteRefusalAsync(HttpContext context, int status, ReportedError error)
    {
        var mediaType = GraphQLMediaTypes.Negotiate(context.Request.Headers.Accept);
        if (mediaType == GraphQLMediaType.None)
        {
            context.Response.StatusCode = status;
            await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = { Status = status, Title = error.Message, Extensions = { ["code"] = error.Code } },
            });
            return;
        }
        await WriteAsync(context, mediaType, status, error);
    }

    /// <summary>
    /// The spec's status codes. <c>application/json</c>: 200 for every well-formed request. graphql-response+json:
    /// 200 once execution has started (data present, possibly with field errors); a request error (parse, validation,
    /// operation, variables) is 400, a failure of ours 500. A mutation over GET is 405 under both, a request over its
    /// caller's query budget 429 (it did not run).
    /// </summary>
    internal static int StatusFor(ExecutionResult result, GraphQLMediaType mediaType)
    {
        if (HasCode(result, ErrorCodes.MethodNotAllowed))
        {
            return StatusCodes.Status405MethodNotAllowed;
        }
        if (!result.Executed && HasCode(result, ErrorCodes.QueryBudgetExceeded))
        {
            return StatusCodes.Status429TooManyRequests;
        }
        // Authorization is refused before execution under both media types, as on REST (the spec allows 401/403).
        if (!result.Executed && HasCode(result, ErrorCodes.Unauthenticated))
        {
            return StatusCodes.Status401Unauthorized;
        }
        if (!result.Executed && HasCode(result, ErrorCodes.Forbidden))
        {
            return StatusCodes.Status403Forbidden;
        }
        if (mediaType == GraphQLMediaType.Json || result.Executed)
        {
            return StatusCodes.Status200OK;
        }
        return HasCode(result, ErrorCodes.InternalError) ? StatusCodes.Status500InternalServerError : StatusCodes.Status400BadRequest;
    }

    private static bool HasCode(ExecutionResult result, string code)
    {
        if (result.Errors is null)
        {
            return false;
        }
        foreach (var error in result.Errors)
        {
            if (error.Code == code)
            {
                return true;
            }
        }
        return false;
    }

    private Task WriteAsync(HttpContext context, GraphQLMediaType mediaType, int status, ReportedError error) =>
        WriteAsync(context, mediaType, status, new ExecutionResult(error));

    /// <summary>The result is serialized straight into the response body's pipe, with no buffer of its own in between.</summary>
    private async Task WriteAsync(HttpContext context, GraphQLMediaType mediaType, int status, ExecutionResult result)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = GraphQLMediaTypes.ContentType(mediaType);
        try
        {
            serializer.Write(response.BodyWriter, result);
            await response.BodyWriter.FlushAsync(context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client has gone while the answer was being written.
        }
    }

    /// <summary>A kept introspection answer: 200 under both media types (it was executed).</summary>
    private static async Task WriteAsync(HttpContext context, GraphQLMediaType mediaType, byte[] answer)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = GraphQLMediaTypes.ContentType(mediaType);
        response.ContentLength = answer.Length;
        try
        {
            await response.Body.WriteAsync(answer, context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client has gone while the answer was being written.
        }
    }

    private async Task WriteNotAcceptableAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status406NotAcceptable;
        var english = ErrorMessages.PrefersEnglish(context);
        await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status406NotAcceptable,
                Title = ErrorMessages.For(ErrorCodes.NotAcceptable, english),
                Detail = GraphQLErrors.Localize(english,
                    $"请接受 {GraphQLMediaTypes.GraphQLResponse} 或 {GraphQLMediaTypes.Json}。",
                    $"Accept {GraphQLMediaTypes.GraphQLResponse} or {GraphQLMediaTypes.Json}."),
                Extensions = { ["code"] = ErrorCodes.NotAcceptable },
            },
        });
    }
}
