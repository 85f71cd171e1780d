using OneWindow.Domain.Applications;
using OneWindow.Api.Data.Entities;
using OneWindow.Domain.Restrictions;

namespace OneWindow.Api.Features.Properties;

/// <summary>The one-look verdict on a unit's restrictions, with the reasons and the restrictions in force.</summary>
public sealed record RestrictionStatusResponse(
    string UnitCode,
    bool IsSeized,
    bool IsMortgaged,
    bool HasObjection,
    bool HasAdvanceNotice,
    bool CanTransfer,
    bool CanMortgage,
    IReadOnlyList<RestrictionReasonResponse> Reasons,
    IReadOnlyList<RestrictionResponse> Restrictions,
    DateOnly AsOf)
{
    /// <summary>The verdict on <paramref name="view"/>, with its restrictions as the caller sees them (masked or not).</summary>
    public static RestrictionStatusResponse From(PropertyView view, IReadOnlyList<RestrictionResponse> restrictions, DateOnly today, bool english)
    {
        var ownership = view.Rights.Any(r => r.Kind is RightKind.LandUse or RightKind.LandUseAndHouseOwnership);
        var verdict = RestrictionVerdict.Decide(
            view.Restrictions.Select(r => new RestrictionInForce(r.Kind, r.StartsOn, r.EndsOn,
                r.RightId is { } right && view.Rights.Any(v => v.Id == right && v.TransferAgreement != TransferAgreement.None))), ownership, today);
        return new RestrictionStatusResponse(
            view.UnitCode,
            verdict.IsSeized,
            verdict.IsMortgaged,
            verdict.HasObjection,
            verdict.HasAdvanceNotice,
            verdict.CanTransfer,
            verdict.CanMortgage,
            [.. verdict.Reasons.Select(r => new RestrictionReasonResponse(r.Code, r.BlocksTransfer, r.BlocksMortgage, Explain(r.Code, english)))],
            restrictions,
            today);
    }

    private static string Explain(string code, bool english) => (code, english) switch
    {
        (RestrictionVerdict.Seized, false) => "已被查封：查封期间不得转移、抵押或作其他处分。",
        (RestrictionVerdict.Seized, true) => "Seized: no transfer, mortgage or other disposal while the seizure lasts.",
        (RestrictionVerdict.AdvanceNoticeRegistered, false) => "已办理预告登记：未经预告登记权利人同意的处分不发生物权效力。",
        (RestrictionVerdict.AdvanceNoticeRegistered, true) => "Advance notice registered: a disposal without its holder's consent has no effect on the real right.",
        (RestrictionVerdict.Mortgaged, false) => "已设定抵押：可以转让，抵押权不受影响（民法典第四百零六条），可以再次抵押。",
        (RestrictionVerdict.Mortgaged, true) => "Mortgaged: may be transferred, and the mortgage is not affected (Civil Code art. 406); may be mortgaged again.",
        (RestrictionVerdict.MortgageRestrictsTransfer, false) => "抵押合同约定禁止或限制转让并已登记：转移登记须由抵押权人共同申请。",
        (RestrictionVerdict.MortgageRestrictsTransfer, true) => "The mortgage's registered agreement forbids or limits transfer: the mortgagee must join the transfer application.",
        (RestrictionVerdict.SeizureQueued, false) => "存在轮候查封：在先查封解除或期满后生效。",
        (RestrictionVerdict.SeizureQueued, true) => "A seizure is queued (轮候): it takes effect when the earlier seizure ends.",
        (RestrictionVerdict.ObjectionRegistered, false) => "存在异议登记：不阻止登记，但处分人须书面知悉并承诺自担风险。",
        (RestrictionVerdict.ObjectionRegistered, true) => "Objection registered: registration goes ahead, but the disposer must acknowledge it in writing and bear the risk.",
        (RestrictionVerdict.NoRegisteredOwnership, false) => "尚无登记的所有权或使用权，不能转移或抵押。",
        (RestrictionVerdict.NoRegisteredOwnership, true) => "No ownership or use right is registered: it cannot be transferred or mortgaged.",
        _ => code,
    };
}

/// <summary>One reason of the verdict.</summary>
public sealed record RestrictionReasonResponse(string Code, bool BlocksTransfer, bool BlocksMortgage, string Message);
