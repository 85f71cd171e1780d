using System.Diagnostics;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Validation;
using OneWindow.Api.Errors;

namespace OneWindow.Api.GraphQL;

/// <summary>An error as the caller sees it: a stable <c>extensions.code</c> first, a localised message.</summary>
internal sealed class ReportedError : ExecutionError
{
    public ReportedError(string code, string message)
        : base(message)
    {
        Code = code;
        Extensions = new Dictionary<string, object?>(StringComparer.Ordinal) { ["code"] = code };
    }

    public ReportedError With(string key, object? value)
    {
        Extensions![key] = value;
        return this;
    }
}

/// <summary>Which code each GraphQL error gets, and its message in Chinese or English.</summary>
internal static class GraphQLErrors
{
    /// <summary>Why a request is not a well-formed GraphQL-over-HTTP request (<c>extensions.reason</c> of <c>GRAPHQL_BAD_REQUEST</c>).</summary>
    public static class Reasons
    {
        public const string InvalidJson = "INVALID_JSON";
        public const string NotAnObject = "NOT_AN_OBJECT";
        public const string MissingQuery = "MISSING_QUERY";
        public const string QueryNotString = "QUERY_NOT_STRING";
        public const string OperationNameNotString = "OPERATION_NAME_NOT_STRING";
        public const string VariablesNotObject = "VARIABLES_NOT_OBJECT";
        public const string ExtensionsNotObject = "EXTENSIONS_NOT_OBJECT";
        public const string RepeatedParameter = "REPEATED_PARAMETER";
    }

    private static readonly Dictionary<string, (string Zh, string En)> Details = new(StringComparer.Ordinal)
    {
        [Reasons.InvalidJson] = ("请求体不是有效的 JSON。", "The body is not valid JSON."),
        [Reasons.NotAnObject] = ("请求体须为 JSON 对象。", "The body must be a JSON object."),
        [Reasons.MissingQuery] = ("缺少 query 参数。", "The query parameter is missing."),
        [Reasons.QueryNotString] = ("query 参数须为字符串。", "The query parameter must be a string."),
        [Reasons.OperationNameNotString] = ("operationName 参数须为字符串。", "The operationName parameter must be a string."),
        [Reasons.VariablesNotObject] = ("variables 参数须为 JSON 对象。", "The variables parameter must be a JSON object."),
        [Reasons.ExtensionsNotObject] = ("extensions 参数须为 JSON 对象。", "The extensions parameter must be a JSON object."),
        [Reasons.RepeatedParameter] = ("同一参数出现了多次。", "A parameter is given more than once."),
    };

    public static string CurrentTraceId() => Activity.Current?.TraceId.ToString() ?? "";

    /// <summary>An error of the transport itself, before any execution; <paramref name="detail"/> is already localised.</summary>
    public static ReportedError Transport(string code, bool english, string? reason = null, string? detail = null)
    {
        if (reason is not null && Details.TryGetValue(reason, out var reasonDetail))
        {
            detail = english ? reasonDetail.En : reasonDetail.Zh;
        }
        var error = new ReportedError(code, Compose(code, english, detail));
        return reason is null ? error : error.With("reason", reason);
    }

    public static string Localize(bool english, string zh, string en) => english ? en : zh;

    /// <summary>The error as the caller sees it.</summary>
    public static ReportedError Report(ExecutionError error, bool english, string traceId, bool exposeDetails)
    {
        if (error is ReportedError reported)
        {
            return reported;
        }
        var report = Classify(error, english, traceId, exposeDetails);
        foreach (var location in error.Locations ?? [])
        {
            report.AddLocation(location);
        }
        report.Path = error.Path;
        return report;
    }

    private static ReportedError Classify(ExecutionError error, bool english, string traceId, bool exposeDetails)
    {
        // A scalar or an input parser may throw a RegistryError (e.g. INVALID_UNIT_CODE): GraphQL.NET wraps it in a
        // validation error that keeps the location; the caller sees our code.
        if ((error as RegistryError ?? FindInner<RegistryError>(error)) is { } registry)
        {
            var expected = Expected(registry.Code!, registry.Message, registry.Reason, registry.Field);
            return registry.RetryAfter is { } retryAfter ? expected.With("retryAfter", retryAfter) : expected;
        }
        if (IsDeliberate(error))
        {
            return Expected(error.Code!, error.Message, error.Data["reason"] as string, error.Data["field"] as string);
        }
        return error switch
        {
            QueryTooDeepError deep => new ReportedError(deep.Code!, Compose(deep.Code!, english,
                    Localize(english, $"深度 {deep.Depth}，上限 {deep.MaxDepth}。", $"Depth {deep.Depth}; the limit is {deep.MaxDepth}.")))
                .With("depth", deep.Depth).With("maxDepth", deep.MaxDepth),
            QueryTooComplexError complex => new ReportedError(complex.Code!, Compose(complex.Code!, english,
                    Localize(english, $"复杂度 {complex.Complexity}，上限 {complex.MaxComplexity}。", $"Complexity {complex.Complexity}; the limit is {complex.MaxComplexity}.")))
                .With("complexity", complex.Complexity).With("maxComplexity", complex.MaxComplexity),
            MutationOverGetError => Transport(ErrorCodes.MethodNotAllowed, english,
                detail: Localize(english, "变更操作须使用 POST 发送。", "Mutations must be sent with POST.")),
            SyntaxError => Framework(ErrorCodes.GraphQLParseFailed, error, english),
            InvalidVariableError => Framework(ErrorCodes.GraphQLInvalidVariables, error, english),
            ValidationError => Framework(ErrorCodes.GraphQLValidationFailed, error, english),
            InvalidOperationNameError or NoOperationNameError or NoOperationError => Framework(ErrorCodes.GraphQLOperationNotFound, error, english),
            // The document asks for an operation type the schema does not have (KnownOperationType reports it first).
            InvalidOperationError => Framework(ErrorCodes.GraphQLValidationFailed, error, english),
            QueryMissingError => Transport(ErrorCodes.GraphQLBadRequest, english, Reasons.MissingQuery),
            // The parser refuses a document nested deeper than it will recurse (before our own MaxDepth is measured).
            _ when FindInner<GraphQLParser.Exceptions.GraphQLMaxDepthExceededException>(error) is not null => new ReportedError(ErrorCodes.QueryTooDeep,
                Compose(ErrorCodes.QueryTooDeep, english, Localize(english, "文档的嵌套超过了解析器的上限。", "The document nests deeper than the parser allows."))),
            _ => Internal(error, english, traceId, exposeDetails),
        };
    }

    private static ReportedError Expected(string code, string message, string? reason, string? field)
    {
        var report = new ReportedError(code, message);
        if (reason is not null)
        {
            report.With("reason", reason);
        }
        return field is null ? report : report.With("field", field);
    }

    /// <summary>
    /// A plain <see cref="ExecutionError"/> with a code and no inner exception was thrown on purpose by our code (GraphQL.NET
    /// uses its own subclasses, or wraps an exception): an expected failure, with <c>Data["reason"]</c> and
    /// <c>Data["field"]</c> when set. <see cref="RegistryError"/> says the same more plainly.
    /// </summary>
    private static bool IsDeliberate(ExecutionError error) =>
        error.GetType() == typeof(ExecutionError) && !string.IsNullOrEmpty(error.Code) && error.InnerException is null;

    /// <summary>GraphQL.NET's own message says exactly what is wrong; it follows our sentence (it is English).</summary>
    private static ReportedError Framework(string code, ExecutionError error, bool english)
    {
        var report = new ReportedError(code, Compose(code, english, error.Message));
        return error is ValidationError { Number: { } number } ? report.With("number", number) : report;
    }

    private static ReportedError Internal(ExecutionError error, bool english, string traceId, bool exposeDetails)
    {
        var report = new ReportedError(ErrorCodes.InternalError, ErrorMessages.For(ErrorCodes.InternalError, english))
            .With("traceId", traceId);
        // Note: exception types, messages and stack traces can reveal internals; only Development shows them.
        return exposeDetails ? report.With("details", (error.InnerException ?? error).ToString()) : report;
    }

    private static string Compose(string code, bool english, string? detail)
    {
        var message = ErrorMessages.For(code, english);
        return detail is null ? message : english ? $"{message} {detail}" : $"{message}{detail}";
    }

    private static T? FindInner<T>(Exception error)
        where T : Exception
    {
        for (var inner = error.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is T found)
            {
                return found;
            }
        }
        return null;
    }
}
