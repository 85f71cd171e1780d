using OneWindow.Api.Auth;
using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Errors;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Identifiers;
using OneWindow.Domain.Restrictions;

namespace OneWindow.Api.Features.Applications;

public sealed record TransferPayload(
    string UnitCode,
    IReadOnlyList<PartyData> Transferors,
    IReadOnlyList<PartyData> Transferees,
    CoOwnership CoOwnership,
    long? PriceFen,
    string? Notes,
    IReadOnlyList<PartyData>? Mortgagees = null,
    bool ObjectionUndertaking = false);

/// <summary>
/// 转移登记: the transferors must be exactly the owners; no seizure; an advance notice only for one of the buyers
/// (completing the purchase it protects). A mortgage does not block it and is not affected by it (Civil Code art. 406,
/// 抵押权不受影响), unless an agreement forbidding or limiting transfer is registered with it: then its mortgagee must
/// join the application. An objection in force needs the applicant's written undertaking (实施细则 art. 84). Entry in the
/// register ends the old ownership, registers the buyers' with a new certificate of title, releases the advance
/// notice the transfer fulfils, and turns the buyers' bank's mortgage notice into its mortgage (预告转本).
/// </summary>
public sealed class Transfers : ApplicationKind<TransferRequest, TransferPayload>
{
    public override KindDeclaration Declaration { get; } = new(
        [BusinessType.Transfer], "submitTransfer", "/transfers", Scopes.ApplicationsSubmit,
        "转移登记 of a unit from its owners to the buyers.",
        typeof(TransferInputType),
        [(ApplicantRole.Transferor, "transferors"), (ApplicantRole.Transferee, "transferees"), (ApplicantRole.Mortgagee, "mortgagees")]);

    protected override Draft<TransferPayload>? Parse(TransferRequest request, IReadOnlyList<string> circumstances, SubmitContext context, Problems problems, string path) =>
        ParseTransfer(request, circumstances, context, problems, path);

    /// <summary>The transfer's own fields, also read by a transfer with its mortgage (带押过户).</summary>
    internal static Draft<TransferPayload>? ParseTransfer(TransferRequest request, IReadOnlyList<string> circumstances, SubmitContext context, Problems problems, string path)
    {
        var unit = Inputs.Unit(request.UnitCode, path + "unitCode", problems);
        var transferors = Inputs.Parties(request.Transferors, path + "transferors", problems, context.Today);
        var transferees = Inputs.Parties(request.Transferees, path + "transferees", problems, context.Today, allowShares: true);
        var coOwnership = CoOwnershipOf(request.CoOwnership, transferees, path, problems);
        if (request.PriceFen is < 0 or > MortgageRegistrations.MaxAmountFen)
        {
            problems.Add(ErrorCodes.InvalidAmount, path + "priceFen", "POSITIVE_FEN");
        }
        if (transferors is not null && transferees?.Any(t => transferors.Any(f => f.IdNumber == t.IdNumber)) == true)
        {
            problems.Add(ErrorCodes.DuplicateParty, path + "transferees", "TRANSFEREE_IS_A_TRANSFEROR");
        }
        var notes = Inputs.Text(request.Notes, path + "notes", problems);
        List<PartyData>? mortgagees = request.Mortgagees is null ? [] : Inputs.Parties(request.Mortgagees, path + "mortgagees", problems, context.Today);
        if (unit is null || transferors is null || transferees is null || coOwnership is null || mortgagees is null)
        {
            return null;
        }
        return new Draft<TransferPayload>
        {
            Type = BusinessType.Transfer,
            Payload = new TransferPayload(unit, transferors, transferees, coOwnership.Value, request.PriceFen, notes, mortgagees.Count == 0 ? null : mortgagees,
                circumstances.Contains(RegisterChecks.DisposalDespiteObjection)),
            Applicants =
            [
                .. transferors.Select(p => (ApplicantRole.Transferor, p)), .. transferees.Select(p => (ApplicantRole.Transferee, p)),
                .. mortgagees.Select(p => (ApplicantRole.Mortgagee, p)),
            ],
            UnitCodes = [unit],
        };
    }

    /// <summary>SOLE: one owner; JOINT: several, no shares; IN_SHARES: several with shares adding up to 100.</summary>
    public static CoOwnership? CoOwnershipOf(string? text, IReadOnlyList<PartyData>? owners, string path, Problems problems)
    {
        CoOwnership? kind = text?.Trim().ToUpperInvariant() switch
        {
            "SOLE" => CoOwnership.Sole,
            "JOINT" => CoOwnership.Joint,
            "IN_SHARES" => CoOwnership.InShares,
            _ => null,
        };
        if (kind is null)
        {
            problems.Add(string.IsNullOrWhiteSpace(text) ? ErrorCodes.FieldRequired : ErrorCodes.InvalidCoOwnership, path + "coOwnership");
            return null;
        }
        if (owners is null)
        {
            return kind;
        }
        var valid = kind switch
        {
            CoOwnership.Sole => owners.Count == 1 && owners[0].SharePercent is null,
            CoOwnership.Joint => owners.Count > 1 && owners.All(o => o.SharePercent is null),
            _ => owners.Count > 1 && owners.All(o => o.SharePercent is not null) && owners.Sum(o => o.SharePercent!.Value) == 100m,
        };
        if (!valid)
        {
            problems.Add(ErrorCodes.InvalidShares, path + "transferees", kind switch
            {
                CoOwnership.Sole => "SOLE_NEEDS_ONE_OWNER_WITHOUT_SHARE",
                CoOwnership.Joint => "JOINT_NEEDS_SEVERAL_OWNERS_WITHOUT_SHARES",
                _ => "SHARES_MUST_ADD_UP_TO_100",
            });
            return null;
        }
        return kind;
    }

    public override string UnitField(int index) => "unitCode";

    public override IReadOnlyList<string> UnitsToLoad(TransferPayload payload) => [payload.UnitCode];

    public override void Check(TransferPayload payload, RegisterState state, Problems problems, string path) =>
        CheckTransfer(payload, state, problems, path);

    /// <summary>
    /// The transfer's checks; <paramref name="cancelledMortgage"/> names the mortgage a transfer with its mortgage
    /// (带押过户) cancels in the same entry: its agreement against transfer does not apply (its mortgagee applies).
    /// </summary>
    internal static UnitState? CheckTransfer(TransferPayload payload, RegisterState state, Problems problems, string path, string? cancelledMortgage = null)
    {
        var field = path + "unitCode";
        if (RegisterChecks.Existing(state, payload.UnitCode, field, problems) is not { } unit)
        {
            return null;
        }
        if (unit.Ownership is not { Kind: RightKind.LandUseAndHouseOwnership } ownership)
        {
            problems.Add(ErrorCodes.NoOwnershipRight, field);
        }
        else
        {
            RegisterChecks.ApplicantsAreHolders(ownership, payload.Transferors, path + "transferors", field, problems);
        }
        RegisterChecks.NotSeized(unit, field, problems);
        RegisterChecks.NoForeignAdvanceNotice(unit, payload.Transferees, field, problems);
        CheckMortgagees(unit, payload.Mortgagees ?? [], path + "mortgagees", problems, cancelledMortgage);
        RegisterChecks.UndertakingGivenIfObjected(unit, payload.ObjectionUndertaking, field, problems);
        return unit;
    }

    /// <summary>
    /// Civil Code art. 406: a mortgage whose registered agreement forbids or limits transfer needs its mortgagee (by
    /// credit code of record) among the applicants; a mortgagee named must hold a mortgage in force on the unit.
    /// Without such an agreement the mortgage does not stop the transfer and is not affected by it.
    /// </summary>
    private static void CheckMortgagees(UnitState unit, IReadOnlyList<PartyData> named, string field, Problems problems, string? cancelledMortgage)
    {
        var ofRecord = unit.Mortgages.SelectMany(m => UnitState.HoldersOf(m).Select(p => (Mortgage: m, p.IdNumber))).ToList();
        for (var i = 0; i < named.Count; i++)
        {
            if (!ofRecord.Any(r => r.IdNumber == named[i].IdNumber))
            {
                problems.Add(ErrorCodes.NotAMortgageeOfRecord, $"{field}[{i}].idNumber");
            }
        }
        foreach (var mortgage in unit.Mortgages.Where(m => m.TransferAgreement != TransferAgreement.None && m.CertificateNumber != cancelledMortgage))
        {
            if (!UnitState.HoldersOf(mortgage).Any(holder => named.Any(n => n.IdNumber == holder.IdNumber)))
            {
                problems.Add(ErrorCodes.MortgageeMustJoin, field, mortgage.CertificateNumber);
                return;
            }
        }
    }

    public override async Task RecordAsync(TransferPayload payload, RecordContext context, CancellationToken cancellationToken)
    {
        var (unit, owners) = await EnterTransferAsync(payload, context, cancellationToken);
        await MortgagesFollowAsync(unit, owners, context, cancellationToken);
    }

    /// <summary>
    /// Civil Code art. 406: a transfer of a mortgaged unit leaves its mortgages as they are (same mortgagee, amount,
    /// term, certificate of registration; "抵押权不受影响"), but the mortgaged property is now the new owners': they
    /// become each mortgage's obligors (义务人). An amendment entry in the unit's chain records it. This holds for a
    /// mortgage with a registered agreement against transfer too: its mortgagee had to join the transfer
    /// (<see cref="CheckMortgagees"/>), and joining does not release the mortgage. Every transfer calls it once its new
    /// title is entered: a plain transfer, a court-ordered one whose ruling leaves the mortgages, and 带押过户 for the
    /// mortgages other than the one it cancels.
    /// </summary>
    internal static async Task MortgagesFollowAsync(RealEstateUnit unit, IReadOnlyList<Party> owners, RecordContext context, CancellationToken cancellationToken)
    {
        var mortgages = await context.Db.Rights.Include(r => r.Holders)
            .Where(r => r.UnitId == unit.Id && r.Status == RightStatus.Active && r.Kind == RightKind.Mortgage)
            .ToListAsync(cancellationToken);
        foreach (var mortgage in mortgages)
        {
            var obligors = mortgage.Holders.Where(h => h.Role == HolderRole.Obligor).ToList();
            foreach (var obligor in obligors)
            {
                mortgage.Holders.Remove(obligor);
                context.Db.RightHolders.Remove(obligor);
            }
            var position = mortgage.Holders.Count == 0 ? 0 : mortgage.Holders.Max(h => h.Position) + 1;
            foreach (var owner in owners)
            {
                mortgage.Holders.Add(new RightHolder { Party = owner, Role = HolderRole.Obligor, Position = position++ });
            }
            context.Change.AmendRight(unit, mortgage, context.Application.BusinessNumber);
        }
    }

    /// <summary>Enters the transfer; returns the new owners (parties of record) and their unit.</summary>
    internal static async Task<(RealEstateUnit Unit, IReadOnlyList<Party> Owners)> EnterTransferAsync(TransferPayload payload, RecordContext context, CancellationToken cancellationToken)
    {
        var unit = (await context.Change.UnitsAsync([payload.UnitCode], cancellationToken))[payload.UnitCode];
        var old = await context.Db.Rights.SingleAsync(r => r.UnitId == unit.Id && r.Status == RightStatus.Active && r.Kind == RightKind.LandUseAndHouseOwnership, cancellationToken);
        var businessNumber = context.Application.BusinessNumber;
        await context.Change.EndRightAsync(unit, old, businessNumber, cancellationToken);
        var owners = await context.Parties.GetManyAsync(payload.Transferees, cancellationToken);
        var certificate = (await context.Numbering.CertificateNumbersAsync(CertificateKind.Title, 1, context.Db, cancellationToken))[0];
        var right = new Right
        {
            Kind = RightKind.LandUseAndHouseOwnership,
            CoOwnership = payload.CoOwnership,
            CertificateNumber = certificate.ToString(),
            TermStart = old.TermStart,
            TermEnd = old.TermEnd,
            Nature = old.Nature,
            Notes = payload.Notes,
            BusinessNumber = businessNumber,
        };
        for (var i = 0; i < owners.Count; i++)
        {
            right.Holders.Add(new RightHolder { Party = owners[i], Role = HolderRole.Holder, SharePercent = payload.Transferees[i].SharePercent, Position = i });
        }
        context.Change.AddRight(unit, right, transfer: true);

        var buyers = owners.Where(o => o.Id != 0).Select(o => o.Id).ToArray();
        var fulfilled = await context.Db.Restrictions
            .Where(r => r.UnitId == unit.Id && r.Kind == RestrictionKind.AdvanceNotice && r.Status == RestrictionStatus.Active
                && r.BeneficiaryPartyId != null && buyers.Contains(r.BeneficiaryPartyId.Value))
            .ToListAsync(cancellationToken);
        foreach (var notice in fulfilled)
        {
            context.Change.ReleaseRestriction(unit, notice, businessNumber, businessNumber);
        }
        await MortgageAdvanceNotices.ConvertAsync(context, unit, owners, cancellationToken);
        return (unit, owners);
    }
}
