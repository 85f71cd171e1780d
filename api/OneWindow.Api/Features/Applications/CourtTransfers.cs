using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Auth;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Errors;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Restrictions;

namespace OneWindow.Api.Features.Applications;

/// <summary>
/// 协助执行 of a transfer: the court's notice of assistance in execution with its ruling (拍卖、变卖成交或以物抵债裁定)
/// moves a unit it has seized to the person the ruling names.
/// </summary>
/// <param name="SeizureDocumentNumber">The court's own seizure in force on the unit (its ruling's number).</param>
/// <param name="DocumentNumber">The ruling that transfers the unit (e.g. (2026)粤1202执123号之二).</param>
/// <param name="Transferees">Who the ruling names (买受人/承受人).</param>
/// <param name="ReleaseSeizure">Whether the ruling releases the court's own seizure (解除查封); default true.</param>
/// <param name="MortgagesEnded">Whether the ruling ends the mortgages on the unit (拍卖 extinguishes them: 拍卖变卖规定 art. 28).</param>
public sealed record CourtTransferRequest(
    string? UnitCode,
    string? SeizureDocumentNumber,
    string? DocumentNumber,
    IReadOnlyList<PartyInput>? Transferees,
    string? CoOwnership = null,
    bool? ReleaseSeizure = null,
    bool? MortgagesEnded = null,
    IReadOnlyList<string>? Circumstances = null,
    IReadOnlyList<MaterialReference>? Materials = null,
    string? Notes = null) : IApplicationRequest;

public sealed record CourtTransferPayload(
    string UnitCode, PartyData Court, string SeizureDocumentNumber, string DocumentNumber, IReadOnlyList<PartyData> Transferees,
    CoOwnership CoOwnership, bool ReleaseSeizure, bool MortgagesEnded, string? Notes);

public sealed class CourtTransferInputType : InputObjectGraphType<CourtTransferRequest>
{
    public CourtTransferInputType()
    {
        Name = "CourtTransferInput";
        Description = "协助执行 (courts): the court that seized the unit transfers it to the person its ruling names.";
        Field(r => r.UnitCode, nullable: true);
        Field(r => r.SeizureDocumentNumber, nullable: true).Description("The court's own seizure in force on the unit.");
        Field(r => r.DocumentNumber, nullable: true).Description("The ruling that transfers the unit.");
        Field(r => r.Transferees, type: typeof(ListGraphType<NonNullGraphType<PartyInputType>>)).Description("Who the ruling names.");
        Field(r => r.CoOwnership, nullable: true).Description("SOLE, JOINT or IN_SHARES.");
        Field(r => r.ReleaseSeizure, nullable: true).Description("Whether the ruling releases the court's own seizure (default true).");
        Field(r => r.MortgagesEnded, nullable: true).Description("Whether the ruling ends the unit's mortgages (default false).");
        MortgageRegistrationInputType.Common(this);
        Field(r => r.Notes, nullable: true);
    }
}

/// <summary>
/// 协助执行 (transfer by court order): the court of record — the submitting court partner, by its verified credit code,
/// never a name in the request — must hold a seizure in force on the unit under the document named; another court's
/// seizure in force refuses it. The holders lose the right without applying (the registry does not review the ruling on
/// the merits), so it is never entered by the platform alone: deemed accepted at once, a registrar enters it the same
/// day. Entry ends the ownership, registers the transferees' with a new certificate of title (the old one REPLACED),
/// releases the court's seizure when the ruling says so, ends the other courts' seizures queued behind it (查封法院对
/// 查封财产处分的，轮候查封的效力消灭: 最高法查封扣押冻结规定 art. 26), ends the mortgages when the ruling says so (their
/// certificates CANCELLED), and leaves advance notices and objections as they are.
/// </summary>
public sealed class CourtTransfers : ApplicationKind<CourtTransferRequest, CourtTransferPayload>
{
    public override KindDeclaration Declaration { get; } = new(
        [BusinessType.CourtOrderedTransfer], "submitCourtTransfer", "/court-transfers", Scopes.SeizuresSubmit,
        "协助执行 by the court that seized the unit: the right moves to the person the ruling names; a registrar enters it the same day.",
        typeof(CourtTransferInputType), [(ApplicantRole.Court, "court")]);

    protected override Draft<CourtTransferPayload>? Parse(CourtTransferRequest request, IReadOnlyList<string> circumstances, SubmitContext context, Problems problems, string path)
    {
        var court = Courts.Of(context, path + "court", problems);
        var unit = Inputs.Unit(request.UnitCode, path + "unitCode", problems);
        var seizure = Inputs.Text(request.SeizureDocumentNumber, path + "seizureDocumentNumber", problems, 100, required: true);
        var document = Inputs.Text(request.DocumentNumber, path + "documentNumber", problems, 100, required: true);
        var transferees = Inputs.Parties(request.Transferees, path + "transferees", problems, context.Today, allowShares: true);
        var coOwnership = Transfers.CoOwnershipOf(request.CoOwnership ?? (transferees?.Count > 1 ? null : "SOLE"), transferees, path, problems);
        var notes = Inputs.Text(request.Notes, path + "notes", problems);
        if (court is null || unit is null || seizure is null || document is null || transferees is null || coOwnership is null)
        {
            return null;
        }
        return new Draft<CourtTransferPayload>
        {
            Type = BusinessType.CourtOrderedTransfer,
            Payload = new CourtTransferPayload(unit, court, seizure, document, transferees, coOwnership.Value, request.ReleaseSeizure ?? true, request.MortgagesEnded ?? false, notes),
            Applicants = [(ApplicantRole.Court, court)],
            UnitCodes = [unit],
        };
    }

    public override string UnitField(int index) => "unitCode";

    public override IReadOnlyList<string> UnitsToLoad(CourtTransferPayload payload) => [payload.UnitCode];

    public override void Check(CourtTransferPayload payload, RegisterState state, Problems problems, string path)
    {
        var field = path + "unitCode";
        if (RegisterChecks.Existing(state, payload.UnitCode, field, problems) is not { } unit)
        {
            return;
        }
        if (unit.Ownership is not { Kind: RightKind.LandUseAndHouseOwnership } ownership)
        {
            problems.Add(ErrorCodes.NoOwnershipRight, field);
            return;
        }
        var seizures = unit.InForce.Where(r => r.Kind == RestrictionKind.Seizure).ToList();
        if (!seizures.Any(s => Ours(s, payload)))
        {
            // The court's own seizure queued (轮候) behind another court's in force: only the court whose seizure is in
            // force may dispose of the unit now; the queued one takes effect when that one ends.
            var queued = seizures.Count > 0 && unit.Restrictions.Any(r => r.Kind == RestrictionKind.Seizure && r.Status == RestrictionStatus.Active && Ours(r, payload));
            problems.Add(queued ? ErrorCodes.UnitSeized : ErrorCodes.SeizureNotFound, field, queued ? "SEIZED_BY_ANOTHER_COURT" : path + "seizureDocumentNumber");
        }
        else if (seizures.Any(s => s.BeneficiaryParty?.IdNumber != payload.Court.IdNumber))
        {
            problems.Add(ErrorCodes.UnitSeized, field, "SEIZED_BY_ANOTHER_COURT");
        }
        if (payload.Transferees.Any(t => UnitState.HoldersOf(ownership).Any(h => h.IdNumber == t.IdNumber)))
        {
            problems.Add(ErrorCodes.DuplicateParty, path + "transferees", "TRANSFEREE_IS_A_HOLDER");
        }
    }

    /// <summary>The court's own seizure under the document: by its credit code of record, never by name.</summary>
    private static bool Ours(Restriction seizure, CourtTransferPayload payload) =>
        seizure.DocumentNumber == payload.SeizureDocumentNumber && seizure.BeneficiaryParty?.IdNumber == payload.Court.IdNumber;

    public override async Task RecordAsync(CourtTransferPayload payload, RecordContext context, CancellationToken cancellationToken)
    {
        var transfer = new TransferPayload(payload.UnitCode, [], payload.Transferees, payload.CoOwnership, null,
            SeizureChain.Note($"协助执行，{payload.Court.Name}{payload.DocumentNumber}", payload.Notes));
        var (unit, owners) = await Transfers.EnterTransferAsync(transfer, context, cancellationToken);
        var businessNumber = context.Application.BusinessNumber;
        var seizures = await context.Db.Restrictions
            .Where(r => r.UnitId == unit.Id && r.Kind == RestrictionKind.Seizure && r.Status == RestrictionStatus.Active)
            .Include(r => r.BeneficiaryParty)
            .ToListAsync(cancellationToken);
        foreach (var seizure in seizures)
        {
            var ours = seizure.BeneficiaryParty?.IdNumber == payload.Court.IdNumber;
            if ((ours && payload.ReleaseSeizure && seizure.DocumentNumber == payload.SeizureDocumentNumber) || seizure.StartsOn > context.Today)
            {
                // Ours when the ruling says so; every seizure queued behind it (轮候) lapses with the disposal.
                context.Change.ReleaseRestriction(unit, seizure, businessNumber, payload.DocumentNumber);
            }
        }
        if (payload.MortgagesEnded)
        {
            var mortgages = await context.Db.Rights.Where(r => r.UnitId == unit.Id && r.Kind == RightKind.Mortgage && r.Status == RightStatus.Active).ToListAsync(cancellationToken);
            var ids = mortgages.Select(m => m.Id).ToArray();
            foreach (var mortgage in mortgages)
            {
                await context.Change.EndRightAsync(unit, mortgage, businessNumber, cancellationToken);
            }
            foreach (var restriction in await context.Db.Restrictions
                .Where(r => r.UnitId == unit.Id && r.RightId != null && ids.Contains(r.RightId.Value) && r.Status == RestrictionStatus.Active)
                .ToListAsync(cancellationToken))
            {
                context.Change.ReleaseRestriction(unit, restriction, businessNumber, payload.DocumentNumber);
            }
        }
        else
        {
            // The ruling leaves the mortgages: they stay on the unit, with the new owners as their obligors.
            await Transfers.MortgagesFollowAsync(unit, owners, context, cancellationToken);
        }
    }
}
