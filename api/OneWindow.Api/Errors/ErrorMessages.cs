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
