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
    string? Notes);

/// <summary>
/// 转移登记: the transferors must be exactly the owners; no seizure; an advance notice only for one of the buyers
/// (completing the purchase it protects). A mortgage does not block it: since the Civil Code the mortgage follows the
/// property. Entry in the register ends the old ownership, registers the buyers' with a new certificate of title,
/// and releases the advance notice the transfer fulfils.
/// </summary>
public sealed class Transfers : ApplicationKind<TransferRequest, TransferPayload>
{
    public override string Operation => "submitTransfer";

    public override Draft<TransferPayload>? Parse(TransferRequest request, SubmitContext context, Problems problems, string path)
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
        var circumstances = Inputs.Circumstances(request.Circumstances, path + "circumstances", problems);
        var materials = Inputs.Materials(request.Materials, path + "materials", problems);
        if (unit is null || transferors is null || transferees is null || coOwnership is null)
        {
            return null;
        }
        return new Draft<TransferPayload>
        {
            Type = BusinessType.Transfer,
            Payload = new TransferPayload(unit, transferors, transferees, coOwnership.Value, request.PriceFen, notes),
            Circumstances = circumstances,
            Applicants = [.. transferors.Select(p => (ApplicantRole.Transferor, p)), .. transferees.Select(p => (ApplicantRole.Transferee, p))],
            UnitCodes = [unit],
            Materials = materials,
            MaterialsField = path + "materials",
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

    public override void Check(TransferPayload payload, RegisterState state, Problems problems, string path)
    {
        var field = path + "unitCode";
        if (RegisterChecks.Existing(state, payload.UnitCode, field, problems) is not { } unit)
        {
            return;
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
    }

    public override async Task RecordAsync(TransferPayload payload, RecordContext context, CancellationToken cancellationToken)
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
        context.Change.AddRight(unit, right);

        var buyers = owners.Where(o => o.Id != 0).Select(o => o.Id).ToArray();
        var fulfilled = await context.Db.Restrictions
            .Where(r => r.UnitId == unit.Id && r.Kind == RestrictionKind.AdvanceNotice && r.Status == RestrictionStatus.Active
                && r.BeneficiaryPartyId != null && buyers.Contains(r.BeneficiaryPartyId.Value))
            .ToListAsync(cancellationToken);
        foreach (var notice in fulfilled)
        {
            context.Change.ReleaseRestriction(unit, notice, businessNumber, businessNumber);
        }
    }
}
