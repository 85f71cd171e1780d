using OneWindow.Api.Auth;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Errors;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Identifiers;
using OneWindow.Domain.Restrictions;

namespace OneWindow.Api.Features.Applications;

public sealed record AdvanceNoticePayload(
    string UnitCode,
    IReadOnlyList<PartyData> Transferors,
    IReadOnlyList<PartyData> Transferees,
    string? ContractNumber,
    string? Notes);

/// <summary>
/// 预告登记 (e.g. a pre-sale purchase): the sellers must be the unit's owners or, for a unit without an ownership
/// right yet (pre-sale), the holders of its parcel's land use right; no seizure; no other advance notice. Entry in the
/// register adds the advance-notice restriction in the buyers' favour under a certificate of registration.
/// </summary>
public sealed class AdvanceNotices : ApplicationKind<AdvanceNoticeRequest, AdvanceNoticePayload>
{
    public override KindDeclaration Declaration { get; } = new(
        [BusinessType.AdvanceNotice], "submitAdvanceNotice", "/advance-notices", Scopes.ApplicationsSubmit,
        "预告登记, e.g. of a pre-sale purchase.",
        typeof(AdvanceNoticeInputType), [(ApplicantRole.Transferor, "transferors"), (ApplicantRole.Transferee, "transferees")]);

    protected override Draft<AdvanceNoticePayload>? Parse(AdvanceNoticeRequest request, IReadOnlyList<string> circumstances, SubmitContext context, Problems problems, string path)
    {
        var unit = Inputs.Unit(request.UnitCode, path + "unitCode", problems);
        if (unit is not null && UnitCode.Parse(unit).FixtureKind != 'F')
        {
            problems.Add(ErrorCodes.NotAHouse, path + "unitCode");
            unit = null;
        }
        var transferors = Inputs.Parties(request.Transferors, path + "transferors", problems, context.Today);
        var transferees = Inputs.Parties(request.Transferees, path + "transferees", problems, context.Today);
        var contract = Inputs.Text(request.ContractNumber, path + "contractNumber", problems, 100);
        var notes = Inputs.Text(request.Notes, path + "notes", problems);
        if (unit is null || transferors is null || transferees is null)
        {
            return null;
        }
        return new Draft<AdvanceNoticePayload>
        {
            Type = BusinessType.AdvanceNotice,
            Payload = new AdvanceNoticePayload(unit, transferors, transferees, contract, notes),
            Applicants = [.. transferors.Select(p => (ApplicantRole.Transferor, p)), .. transferees.Select(p => (ApplicantRole.Transferee, p))],
            UnitCodes = [unit],
        };
    }

    private static string LandUnitOf(string unitCode) => unitCode[..19] + "W00000000";

    public override string UnitField(int index) => "unitCode";

    public override IReadOnlyList<string> UnitsToLoad(AdvanceNoticePayload payload) => [payload.UnitCode, LandUnitOf(payload.UnitCode)];

    public override void Check(AdvanceNoticePayload payload, RegisterState state, Problems problems, string path)
    {
        var field = path + "unitCode";
        if (RegisterChecks.Existing(state, payload.UnitCode, field, problems) is not { } unit)
        {
            return;
        }
        if (unit.Ownership is { } ownership)
        {
            RegisterChecks.ApplicantsAreHolders(ownership, payload.Transferors, path + "transferors", field, problems);
        }
        else if (state.Unit(LandUnitOf(payload.UnitCode))?.Ownership is { Kind: RightKind.LandUse } land)
        {
            // Pre-sale: the developer sells under its land use right.
            RegisterChecks.ApplicantsAreHolders(land, payload.Transferors, path + "transferors", field, problems);
        }
        else
        {
            problems.Add(ErrorCodes.NoOwnershipRight, field);
        }
        RegisterChecks.NotSeized(unit, field, problems);
        if (unit.Has(RestrictionKind.AdvanceNotice))
        {
            problems.Add(ErrorCodes.UnitUnderAdvanceNotice, field);
        }
    }

    public override async Task RecordAsync(AdvanceNoticePayload payload, RecordContext context, CancellationToken cancellationToken)
    {
        var unit = (await context.Change.UnitsAsync([payload.UnitCode], cancellationToken))[payload.UnitCode];
        var buyers = await context.Parties.GetManyAsync(payload.Transferees, cancellationToken);
        var certificate = (await context.Numbering.CertificateNumbersAsync(CertificateKind.Registration, 1, context.Db, cancellationToken))[0];
        context.Change.AddRestriction(unit, new Restriction
        {
            Kind = RestrictionKind.AdvanceNotice,
            Authority = string.Join("、", buyers.Select(b => b.Name)),
            BeneficiaryParty = buyers[0],
            DocumentNumber = certificate.ToString(),
            StartsOn = context.Today,
            Notes = payload.Notes ?? (payload.ContractNumber is { } contract ? $"预购商品房买卖预告登记（合同号 {contract}）" : "预购商品房买卖预告登记"),
            BusinessNumber = context.Application.BusinessNumber,
        });
    }
}
