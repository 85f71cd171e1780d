using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Auth;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Errors;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Restrictions;

namespace OneWindow.Api.Features.Applications;

public sealed record OwnershipCancellationPayload(string UnitCode, IReadOnlyList<PartyData> Holders, string? Notes);

/// <summary>
/// 注销登记 of ownership (实施细则 art. 28): the building is gone (灭失). The holders of record apply (by ID number of
/// record; every holder). Refused while the restriction verdict finds a seizure, a mortgage or an advance notice in force
/// (<see cref="RestrictionVerdict"/>): their holders' rights would be lost without their say. Entry in the register ends
/// the ownership right; its certificate of title is CANCELLED.
/// </summary>
public sealed class OwnershipCancellations : ApplicationKind<OwnershipCancellationRequest, OwnershipCancellationPayload>
{
    public override KindDeclaration Declaration { get; } = new(
        [BusinessType.OwnershipCancellation], "submitOwnershipCancellation", "/ownership-cancellations", Scopes.ApplicationsSubmit,
        "注销登记 of ownership: the building is gone (灭失); refused while a seizure, mortgage or advance notice is in force.",
        typeof(OwnershipCancellationInputType), [(ApplicantRole.Owner, "holders")]);

    protected override Draft<OwnershipCancellationPayload>? Parse(OwnershipCancellationRequest request, IReadOnlyList<string> circumstances, SubmitContext context, Problems problems, string path)
    {
        var unit = Inputs.Unit(request.UnitCode, path + "unitCode", problems);
        var holders = Inputs.Parties(request.Holders, path + "holders", problems, context.Today);
        var notes = Inputs.Text(request.Notes, path + "notes", problems);
        if (unit is null || holders is null)
        {
            return null;
        }
        return new Draft<OwnershipCancellationPayload>
        {
            Type = BusinessType.OwnershipCancellation,
            Payload = new OwnershipCancellationPayload(unit, holders, notes),
            Applicants = [.. holders.Select(h => (ApplicantRole.Owner, h))],
            UnitCodes = [unit],
        };
    }

    public override string UnitField(int index) => "unitCode";

    public override IReadOnlyList<string> UnitsToLoad(OwnershipCancellationPayload payload) => [payload.UnitCode];

    public override void Check(OwnershipCancellationPayload payload, RegisterState state, Problems problems, string path)
    {
        var field = path + "unitCode";
        if (RegisterChecks.Existing(state, payload.UnitCode, field, problems) is not { } unit)
        {
            return;
        }
        if (unit.Ownership is not { } ownership)
        {
            problems.Add(ErrorCodes.NoOwnershipRight, field);
            return;
        }
        RegisterChecks.ApplicantsAreHolders(ownership, payload.Holders, path + "holders", field, problems);
        foreach (var blocking in Blocking(unit, state.Today))
        {
            problems.Add(ErrorCodes.RestrictionInForce, field, blocking);
        }
    }

    /// <summary>
    /// The verdict's reasons that forbid ending the right: a seizure, a mortgage (a mortgage right in force counts even
    /// without its restriction row), an advance notice. An objection does not: it disputes the right, which ends anyway.
    /// </summary>
    internal static IEnumerable<string> Blocking(UnitState unit, DateOnly today)
    {
        var verdict = RestrictionVerdict.Decide(unit.InForce.Select(r => new RestrictionInForce(r.Kind, r.StartsOn, r.EndsOn)), hasRegisteredOwnership: true, today);
        if (verdict.IsSeized)
        {
            yield return RestrictionVerdict.Seized;
        }
        if (verdict.IsMortgaged || unit.Mortgages.Any())
        {
            yield return RestrictionVerdict.Mortgaged;
        }
        if (verdict.HasAdvanceNotice)
        {
            yield return RestrictionVerdict.AdvanceNoticeRegistered;
        }
    }

    public override async Task RecordAsync(OwnershipCancellationPayload payload, RecordContext context, CancellationToken cancellationToken)
    {
        var unit = (await context.Change.UnitsAsync([payload.UnitCode], cancellationToken))[payload.UnitCode];
        var right = await context.Db.Rights.SingleAsync(r => r.UnitId == unit.Id && r.Status == RightStatus.Active && r.Kind != RightKind.Mortgage, cancellationToken);
        await context.Change.EndRightAsync(unit, right, context.Application.BusinessNumber, cancellationToken);
    }
}
