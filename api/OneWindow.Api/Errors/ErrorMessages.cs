using Microsoft.Net.Http.Headers;

namespace OneWindow.Api.Errors;

/// <summary>Messages for error codes: Chinese by default, English when the caller asks for it.</summary>
public static class ErrorMessages
{
    private static readonly Dictionary<string, (string Zh, string En)> Messages = new(StringComparer.Ordinal)
    {
        [ErrorCodes.BadRequest] = ("请求格式不正确。", "The request is malformed."),
        [ErrorCodes.NotFound] = ("请求的资源不存在。", "The resource does not exist."),
        [ErrorCodes.MethodNotAllowed] = ("该地址不支持此请求方法。", "The method is not allowed on this resource."),
        [ErrorCodes.UnsupportedMediaType] = ("不支持的请求内容类型。", "The request's media type is not supported."),
        [ErrorCodes.NotAcceptable] = ("无法以请求的媒体类型应答。", "No acceptable media type can be produced."),
        [ErrorCodes.Unauthenticated] = ("需要有效的访问令牌。", "A valid access token is required."),
        [ErrorCodes.Forbidden] = ("访问令牌没有所需的权限范围。", "The access token lacks the required scope."),
        [ErrorCodes.InternalError] = ("服务器内部错误，请凭追踪号联系平台。", "Internal error; quote the trace id to the platform."),
        [ErrorCodes.RequestTooLarge] = ("请求过大。", "The request is too large."),
        [ErrorCodes.GraphQLBadRequest] = ("不是有效的 GraphQL 请求。", "The request is not a valid GraphQL request."),
        [ErrorCodes.GraphQLBatchNotSupported] = ("不支持批量请求：请求体须为单个 JSON 对象。", "Batched requests are not supported: send one JSON object per request."),
        [ErrorCodes.GraphQLParseFailed] = ("GraphQL 文档无法解析。", "The GraphQL document cannot be parsed."),
        [ErrorCodes.GraphQLValidationFailed] = ("GraphQL 文档未通过校验。", "The GraphQL document failed validation."),
        [ErrorCodes.GraphQLInvalidVariables] = ("GraphQL 变量的值与其声明的类型不符。", "A GraphQL variable's value does not match its declared type."),
        [ErrorCodes.GraphQLOperationNotFound] = ("无法确定要执行的操作。", "The operation to execute cannot be determined."),
        [ErrorCodes.QueryTooDeep] = ("查询嵌套层数超过上限。", "The query is nested too deeply."),
        [ErrorCodes.QueryTooComplex] = ("查询复杂度超过上限。", "The query is too complex."),
    };

    public static IReadOnlyDictionary<string, (string Zh, string En)> All => Messages;

    public static bool PrefersEnglish(HttpContext context)
    {
        var header = context.Request.Headers.AcceptLanguage;
        if (header.Count == 0 || !StringWithQualityHeaderValue.TryParseList(header, out var languages))
        {
            return false;
        }
        var best = languages.OrderByDescending(l => l.Quality ?? 1).FirstOrDefault();
        return best is not null && best.Value.StartsWith("en", StringComparison.OrdinalIgnoreCase);
    }

    public static string For(string code, HttpContext context) => For(code, PrefersEnglish(context));

    public static string For(string code, bool english) =>
        Messages.TryGetValue(code, out var message) ? (english ? message.En : message.Zh) : code;
}
