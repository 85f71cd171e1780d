using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OneWindow.Sdk;
using OneWindow.Sdk.Rest;

namespace OneWindow.Samples.AgencyPortal.Pages;

/// <summary>One step of an application's progress as the page shows it, from either answer of the platform.</summary>
public sealed record ProgressStep(ApplicationStatus? Status, string StatusName, string? Action, string? By, string? Reason, DateTimeOffset At);

/// <summary>
/// The agency enters a business number: the platform answers with the application the agency filed (its timeline,
/// applicants and deadline, as the platform shows them to a party), or, with an applicant's ID number as well, with
/// the public progress form (nothing personal) for an application somebody else filed.
/// </summary>
public sealed class IndexModel(OneWindowClient client, ILogger<IndexModel> logger) : PageModel
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [BindProperty]
    public string? BusinessNumber { get; set; }

    /// <summary>Optional: an applicant's ID number or credit code, for the public progress form.</summary>
    [BindProperty]
    public string? ApplicantIdNumber { get; set; }

    /// <summary>The agency's own view of the application (null for the public form or when nothing was found).</summary>
    public ApplicationResponse? Application { get; private set; }

    /// <summary>The public form's answer (null unless an ID number was given).</summary>
    public ApplicationProgressResponse? Progress { get; private set; }

    public IReadOnlyList<ProgressStep> Steps { get; private set; } = [];

    /// <summary>What went wrong, in words for the person at the counter, and the platform's code for it.</summary>
    public (string Code, string Message)? Problem { get; private set; }

    public void OnGet()
    {
    }

    public async Task OnPostAsync(CancellationToken cancellationToken)
    {
        var number = BusinessNumber?.Trim() ?? "";
        var applicant = ApplicantIdNumber?.Trim() ?? "";
        if (number.Length == 0)
        {
            Problem = ("FIELD_REQUIRED", "请输入业务号。");
            return;
        }
        try
        {
            if (applicant.Length == 0)
            {
                Application = await client.Agencies.GetApplicationAsync(number, cancellationToken);
                Steps = [.. Application.Timeline.Select(t => new ProgressStep(t.Status, t.StatusName, ActionName(t.Action), By(t), t.Reason, t.At))];
            }
            else
            {
                Progress = await client.Agencies.GetProgressAsync(number, applicant, cancellationToken);
                Steps = [.. Progress.Timeline.Select(t => new ProgressStep(t.Status, t.StatusName, null, null, t.Reason, t.At))];
            }
        }
        catch (OneWindowApiException e)
        {
            logger.LogInformation("Progress of {BusinessNumber}: {Code} (trace {TraceId})", number, e.Code, e.TraceId);
            Problem = (e.Code, Explain(e, number, applicant.Length > 0));
        }
    }

    public static string Local(DateTimeOffset? at) =>
        at is { } value ? TimeZoneInfo.ConvertTime(value, Shanghai).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "—";

    public static bool HasEnded(ApplicationStatus? status) =>
        status is ApplicationStatus.REFUSED or ApplicationStatus.RETURNED or ApplicationStatus.WITHDRAWN or ApplicationStatus.DECLINED;

    public static string RoleName(ApplicantRole? role) => role switch
    {
        ApplicantRole.MORTGAGOR => "抵押人",
        ApplicantRole.MORTGAGEE => "抵押权人",
        ApplicantRole.OWNER => "权利人",
        ApplicantRole.TRANSFEROR => "转让方",
        ApplicantRole.TRANSFEREE => "受让方",
        ApplicantRole.COURT => "法院",
        ApplicantRole.INTERESTED_PARTY => "利害关系人",
        _ => role?.ToString() ?? "",
    };

    public static string ConfirmationName(ConfirmationState? state) => state switch
    {
        ConfirmationState.PENDING => "待确认",
        ConfirmationState.CONFIRMED => "已确认",
        ConfirmationState.DECLINED => "已拒绝",
        _ => "",
    };

    private static string Explain(OneWindowApiException e, string number, bool publicForm) => e.Code switch
    {
        "INVALID_BUSINESS_NUMBER" => $"“{number}”不是业务号：业务号共 21 位（行政区划代码、日期、流水号和校验位）。",
        "APPLICATION_NOT_FOUND" when publicForm => $"没有找到业务号 {number} 的申请，或所填证件号不是该申请的申请人（平台对两者不作区分）。",
        "APPLICATION_NOT_FOUND" => $"没有找到业务号 {number}：该号码不存在，或不是本机构提交、代理的申请（平台对两者不作区分）。若为他人提交的申请，请同时填写申请人证件号。",
        "FORBIDDEN" => "本门户使用的客户端没有查询办理进度的权限（applications:read），请联系平台运营方。",
        "UNAUTHENTICATED" or "invalid_client" or "unauthorized_client" or "invalid_scope" => $"本门户无法以本机构身份登录平台（{e.Code}），请检查配置的客户端编号和密钥。",
        "RATE_LIMITED" => $"查询过于频繁，请{(e.RetryAfter is { } wait ? $" {Math.Ceiling(wait.TotalSeconds)} 秒" : "稍")}后再试。",
        "NETWORK_ERROR" or "TIMEOUT" => "暂时无法连接登记平台，请稍后再试。",
        _ => $"平台未能答复（{e.Code}）：{e.Message}" + (e.FieldErrors.Count > 0 ? " " + string.Join("；", e.FieldErrors.Select(f => f.Message)) : ""),
    };

    private static string? By(TimelineEntryResponse step) => step.Actor ?? step.ActorKind switch
    {
        ActorKind.STAFF => "登记人员",
        ActorKind.SYSTEM => "平台",
        ActorKind.APPLICANT => "申请人",
        _ => null,
    };

    private static string? ActionName(ApplicationAction? action) => action switch
    {
        ApplicationAction.ACCEPT => "受理",
        ApplicationAction.REFUSE => "不予受理",
        ApplicationAction.REQUEST_CORRECTION => "要求补正",
        ApplicationAction.SUPPLEMENT => "补正材料",
        ApplicationAction.START_REVIEW => "审核",
        ApplicationAction.RECORD or ApplicationAction.RECORD_IMMEDIATELY => "登簿",
        ApplicationAction.RETURN => "不予登记",
        ApplicationAction.PREPARE_CERTIFICATE => "缮证",
        ApplicationAction.COMPLETE => "发证",
        ApplicationAction.WITHDRAW => "撤回",
        ApplicationAction.CONFIRM => "确认",
        ApplicationAction.DECLINE => "拒绝",
        null => "提交",
        _ => action.ToString(),
    };
}
