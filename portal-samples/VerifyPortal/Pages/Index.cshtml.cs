using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OneWindow.Sdk;
using OneWindow.Sdk.Certificates;
using OneWindow.Sdk.Rest;

namespace OneWindow.Samples.VerifyPortal.Pages;

/// <summary>The page's one-word answer: the certificate is genuine and valid, genuine but no longer valid, or not genuine.</summary>
public enum Verdict
{
    Genuine,
    Revoked,
    Invalid,
    /// <summary>The token's signature checked offline, but the platform could not be asked whether it is still valid.</summary>
    SignedStatusUnknown,
}

/// <summary>
/// Verification of an e-certificate (电子证照): by its number and the verification code printed on it (online), or by
/// the token its QR code carries — pasted, or typed into the field by a handheld scanner — checked offline against
/// the registry's published keys and online for its status now.
/// </summary>
public sealed class IndexModel(OneWindowClient client, ILogger<IndexModel> logger) : PageModel
{
    [BindProperty]
    public string? Number { get; set; }

    [BindProperty]
    public string? VerificationCode { get; set; }

    [BindProperty]
    public string? Token { get; set; }

    /// <summary>The platform's answer (people masked as it masks them); null when it could not be asked.</summary>
    public CertificateVerification? Online { get; private set; }

    /// <summary>The offline check of a token (null for a number and code).</summary>
    public OfflineVerification? Offline { get; private set; }

    public (string Code, string Message)? Problem { get; private set; }

    public Verdict? Verdict { get; private set; }

    public void OnGet()
    {
    }

    public async Task OnPostCodeAsync(CancellationToken cancellationToken)
    {
        var number = Number?.Trim() ?? "";
        var code = VerificationCode?.Trim() ?? "";
        if (number.Length == 0 || code.Length == 0)
        {
            Problem = ("FIELD_REQUIRED", "请填写证书编号和核验码（均印在证书上）。");
            return;
        }
        try
        {
            Online = await client.Verifier.VerifyAsync(number, code, cancellationToken);
            Verdict = Judge(Online);
        }
        catch (OneWindowApiException e)
        {
            Refused(e);
        }
    }

    public async Task OnPostTokenAsync(CancellationToken cancellationToken)
    {
        // A scanner or a copy may bring line breaks and spaces into the token; a JWS has none.
        var token = string.Concat((Token ?? "").Where(c => !char.IsWhiteSpace(c)));
        if (token.Length == 0)
        {
            Problem = ("FIELD_REQUIRED", "请粘贴或扫描证书二维码中的令牌。");
            return;
        }
        try
        {
            // Offline first: the signature against the published keys (fetched once, then kept), without the platform.
            Offline = await client.Verifier.Offline.VerifyAsync(token, cancellationToken);
        }
        catch (OneWindowApiException e)
        {
            // The keys could not be fetched; the online check below still answers.
            logger.LogWarning("Published keys unavailable: {Code}", e.Code);
        }
        try
        {
            // Online: whether the certificate is still valid (cancelled, replaced) only the platform can say.
            Online = await client.Verifier.VerifyTokenAsync(token, cancellationToken);
            Verdict = Judge(Online);
        }
        catch (OneWindowApiException e) when (Offline is { Authentic: true } && e.Code is "NETWORK_ERROR" or "TIMEOUT")
        {
            Verdict = Pages.Verdict.SignedStatusUnknown;
        }
        catch (OneWindowApiException e)
        {
            Refused(e);
        }
    }

    public static string KindName(string? kind) => kind switch
    {
        "TITLE" => "不动产权证书",
        "REGISTRATION" => "不动产登记证明",
        _ => kind ?? "",
    };

    public static string StatusName(CertificateStatus? status) => status switch
    {
        CertificateStatus.VALID => "有效",
        CertificateStatus.CANCELLED => "已注销",
        CertificateStatus.REPLACED => "已换发新证，本证作废",
        _ => "",
    };

    public static string OfflineFailureName(OfflineTokenFailure? failure) => failure switch
    {
        OfflineTokenFailure.TokenMalformed => "不是证书二维码的令牌",
        OfflineTokenFailure.TokenAlgorithmUnsupported => "签名算法不受支持",
        OfflineTokenFailure.TokenKeyUnknown => "签名密钥不是登记机构公布的密钥",
        OfflineTokenFailure.TokenSignatureInvalid => "签名不符：内容被改动，或并非登记机构签发",
        _ => "",
    };

    private static Verdict Judge(CertificateVerification answer) =>
        !answer.Authentic ? Pages.Verdict.Invalid : answer.Status == CertificateStatus.VALID ? Pages.Verdict.Genuine : Pages.Verdict.Revoked;

    private void Refused(OneWindowApiException e)
    {
        logger.LogInformation("Verification refused: {Code} (trace {TraceId})", e.Code, e.TraceId);
        Problem = (e.Code, e.Code switch
        {
            "INVALID_CERTIFICATE_NUMBER" => "证书编号格式不对，应如“粤(2025)肇庆市不动产权第0012345号”或“粤(2025)肇庆市不动产证明第0001234号”。",
            "INVALID_VERIFICATION_CODE" => "核验码格式不对：核验码为证书上印的 8 位字母和数字。",
            "RATE_LIMITED" or "CERTIFICATE_VERIFICATION_THROTTLED" =>
                $"核验过于频繁，请{(e.RetryAfter is { } wait ? $" {Math.Ceiling(wait.TotalSeconds)} 秒" : "稍")}后再试。二维码核验不受此限。",
            "NETWORK_ERROR" or "TIMEOUT" => "暂时无法连接登记平台，请稍后再试。",
            "UNAUTHENTICATED" or "invalid_client" or "unauthorized_client" or "invalid_scope" => $"本门户无法以核验客户端身份登录平台（{e.Code}），请检查配置。",
            _ => $"平台未能核验（{e.Code}）：{e.Message}",
        });
    }
}
