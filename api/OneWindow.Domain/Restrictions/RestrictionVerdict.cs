namespace OneWindow.Domain.Restrictions;

/// <summary>The restriction kinds the verdict weighs (登记簿 限制状态).</summary>
public enum RestrictionKind { Seizure, Mortgage, Objection, AdvanceNotice }

/// <summary>One restriction registered on a unit and not released, as the verdict needs it.</summary>
/// <param name="ForbidsTransfer">
/// A mortgage whose agreement forbidding or limiting transfer is registered (Civil Code art. 406): a transfer needs the
/// mortgagee to join the application.
/// </param>
public sealed record RestrictionInForce(RestrictionKind Kind, DateOnly StartsOn, DateOnly? EndsOn, bool ForbidsTransfer = false);

/// <summary>Why the verdict is what it is: a stable code and whether it blocks transfer or mortgage.</summary>
public sealed record VerdictReason(string Code, bool BlocksTransfer, bool BlocksMortgage);

/// <summary>The one-look answer of <c>restrictionStatus</c>.</summary>
public sealed record Verdict(
    bool IsSeized, bool IsMortgaged, bool HasObjection, bool HasAdvanceNotice, bool CanTransfer, bool CanMortgage,
    IReadOnlyList<VerdictReason> Reasons);

/// <summary>
/// What the restrictions on a unit mean for disposing of it (DOMAIN.md, "What restrictions do"):
/// a seizure forbids transfer, mortgage and any other disposal while it lasts, from its first day (a seizure queued
/// behind another, 轮候查封, or dated in the future is not in force yet); a mortgage does not block a transfer
/// (Civil Code art. 406: the mortgage is not affected, 抵押权不受影响) unless an agreement forbidding or limiting
/// transfer is registered, when the mortgagee must join the transfer; nor a further mortgage; an advance notice makes a disposal
/// without its holder's consent ineffective, so both need that consent; an objection blocks nothing but the disposer
/// must be told and give a written undertaking. A unit with no registered ownership or use right cannot be
/// transferred or mortgaged at all (a pre-sold flat is secured by an advance notice instead).
/// </summary>
public static class RestrictionVerdict
{
    public const string Seized = "SEIZED";
    public const string Mortgaged = "MORTGAGED";
    public const string ObjectionRegistered = "OBJECTION_REGISTERED";
    public const string AdvanceNoticeRegistered = "ADVANCE_NOTICE_REGISTERED";
    public const string NoRegisteredOwnership = "NO_REGISTERED_OWNERSHIP";
    public const string MortgageRestrictsTransfer = "MORTGAGE_RESTRICTS_TRANSFER";
    public const string SeizureQueued = "SEIZURE_QUEUED";

    /// <summary>
    /// A seizure, an objection and an advance notice lapse at their end date (a seizure not renewed, an objection whose
    /// holder did not sue within 15 days, an advance notice not followed by the registration it secures within 90 days
    /// of its becoming possible: <see cref="AdvanceNoticeLapse"/>): from the day after, they no longer count. A seizure
    /// counts from its first day: one queued behind another (轮候查封) starts the day after the earlier ends. A mortgage
    /// ends only when the register says so.
    /// </summary>
    public static bool IsInForce(RestrictionInForce restriction, DateOnly today) =>
        restriction.Kind is RestrictionKind.Mortgage
        || ((restriction.Kind != RestrictionKind.Seizure || restriction.StartsOn <= today)
            && (restriction.EndsOn is null || restriction.EndsOn >= today));

    /// <summary>A seizure registered to take effect later: queued behind another (轮候), or dated in the future.</summary>
    public static bool IsPending(RestrictionInForce restriction, DateOnly today) =>
        restriction.Kind == RestrictionKind.Seizure && restriction.StartsOn > today;

    public static Verdict Decide(IEnumerable<RestrictionInForce> restrictions, bool hasRegisteredOwnership, DateOnly today)
    {
        var all = restrictions.ToList();
        var inForce = all.Where(r => IsInForce(r, today)).ToList();
        var kinds = inForce.Select(r => r.Kind).ToHashSet();
        var reasons = new List<VerdictReason>();
        if (!hasRegisteredOwnership)
        {
            reasons.Add(new(NoRegisteredOwnership, BlocksTransfer: true, BlocksMortgage: true));
        }
        if (kinds.Contains(RestrictionKind.Seizure))
        {
            reasons.Add(new(Seized, BlocksTransfer: true, BlocksMortgage: true));
        }
        if (kinds.Contains(RestrictionKind.AdvanceNotice))
        {
            reasons.Add(new(AdvanceNoticeRegistered, BlocksTransfer: true, BlocksMortgage: true));
        }
        if (inForce.Any(r => r.Kind == RestrictionKind.Mortgage && r.ForbidsTransfer))
        {
            // Not a ban: the transfer goes ahead when the mortgagee joins the application.
            reasons.Add(new(MortgageRestrictsTransfer, BlocksTransfer: true, BlocksMortgage: false));
        }
        if (kinds.Contains(RestrictionKind.Mortgage))
        {
            reasons.Add(new(Mortgaged, BlocksTransfer: false, BlocksMortgage: false));
        }
        if (kinds.Contains(RestrictionKind.Objection))
        {
            reasons.Add(new(ObjectionRegistered, BlocksTransfer: false, BlocksMortgage: false));
        }
        if (all.Any(r => IsPending(r, today)))
        {
            reasons.Add(new(SeizureQueued, BlocksTransfer: false, BlocksMortgage: false));
        }
        return new Verdict(
            IsSeized: kinds.Contains(RestrictionKind.Seizure),
            IsMortgaged: kinds.Contains(RestrictionKind.Mortgage),
            HasObjection: kinds.Contains(RestrictionKind.Objection),
            HasAdvanceNotice: kinds.Contains(RestrictionKind.AdvanceNotice),
            CanTransfer: !reasons.Any(r => r.BlocksTransfer),
            CanMortgage: !reasons.Any(r => r.BlocksMortgage),
            reasons);
    }
}
