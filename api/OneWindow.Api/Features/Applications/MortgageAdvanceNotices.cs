using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Auth;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Errors;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Identifiers;
using OneWindow.Domain.Restrictions;

namespace OneWindow.Api.Features.Applications;

/// <summary>What a bank's mortgage notice secures: entered as an advance notice now, as a mortgage at 预告转本.</summary>
public sealed record MortgageAdvanceNoticePayload(
    string UnitCode,
    IReadOnlyList<PartyData> Mortgagors,
    PartyData Mortgagee,
    long SecuredAmountFen,
    DateOnly DebtStartsOn,
    DateOnly DebtEndsOn,
    string? Notes);

/// <summary>
/// 预购商品房抵押预告登记: a bank lends to the buyer of a home sold before completion and secures the loan with an advance
/// notice of the mortgage. The home has no ownership registered yet; the buyers' purchase notice (预购商品房预告登记) is
/// in force and the mortgagors are its buyers (the holder of record by ID number, the others by name as the notice lists
/// them); no seizure and no other mortgage notice. Entry in the register adds an advance notice held by the bank, with
/// its own certificate of registration. When the home is registered to the buyers (their transfer from the developer),
/// the notice becomes a mortgage in the same transaction (预告转本, <see cref="Transfers"/>).
/// </summary>
public sealed class MortgageAdvanceNotices : ApplicationKind<MortgageAdvanceNoticeRequest, MortgageAdvanceNoticePayload>
{
    public override KindDeclaration Declaration { get; } = new(
        [BusinessType.MortgageAdvanceNotice], "submitMortgageAdvanceNotice", "/mortgage-advance-notices", Scopes.ApplicationsSubmit,
        "预购商品房抵押预告登记: a bank's advance notice of the mortgage on a pre-sold home, next to its buyers' purchase notice.",
        typeof(MortgageAdvanceNoticeInputType), [(ApplicantRole.Mortgagor, "mortgagors"), (ApplicantRole.Mortgagee, "mortgagee")]);

    protected override Draft<MortgageAdvanceNoticePayload>? Parse(
        MortgageAdvanceNoticeRequest request, IReadOnlyList<string> circumstances, SubmitContext context, Problems problems, string path)
    {
        var unit = Inputs.Unit(request.UnitCode, path + "unitCode", problems);
        if (unit is not null && UnitCode.Parse(unit).FixtureKind != 'F')
        {
            problems.Add(ErrorCodes.NotAHouse, path + "unitCode");
            unit = null;
        }
        var mortgagors = Inputs.Parties(request.Mortgagors, path + "mortgagors", problems, context.Today);
        var mortgagee = Inputs.Party(request.Mortgagee, path + "mortgagee", problems, context.Today);
        var (amount, starts, ends) = MortgageRegistrations.Secured(request.SecuredAmountFen, request.DebtStartsOn, request.DebtEndsOn, path, problems);
        MortgageRegistrations.NotAMortgagor(mortgagee, mortgagors, path, problems);
        var notes = Inputs.Text(request.Notes, path + "notes", problems);
        if (unit is null || mortgagors is null || mortgagee is null || amount is null || starts is null || ends is null)
        {
            return null;
        }
        return new Draft<MortgageAdvanceNoticePayload>
        {
            Type = BusinessType.MortgageAdvanceNotice,
            Payload = new MortgageAdvanceNoticePayload(unit, mortgagors, mortgagee, amount.Value, starts.Value, ends.Value, notes),
            Applicants = [.. mortgagors.Select(m => (ApplicantRole.Mortgagor, m)), (ApplicantRole.Mortgagee, mortgagee)],
            UnitCodes = [unit],
        };
    }

    public override string UnitField(int index) => "unitCode";

    public override IReadOnlyList<string> UnitsToLoad(MortgageAdvanceNoticePayload payload) => [payload.UnitCode];

    public override void Check(MortgageAdvanceNoticePayload payload, RegisterState state, Problems problems, string path)
    {
        var field = path + "unitCode";
        if (RegisterChecks.Existing(state, payload.UnitCode, field, problems) is not { } unit)
        {
            return;
        }
        if (unit.Ownership is not null)
        {
            // A registered home takes a mortgage registration: the notice is for a home not yet registered.
            problems.Add(ErrorCodes.NotAPresaleUnit, field);
            return;
        }
        var mortgagors = payload.Mortgagors.Select(m => m.IdNumber).ToHashSet(StringComparer.Ordinal);
        var purchase = unit.PurchaseNoticesInForce.FirstOrDefault(n => n.BeneficiaryParty is { } buyer && mortgagors.Contains(buyer.IdNumber));
        if (purchase is null)
        {
            problems.Add(ErrorCodes.PurchaseNoticeRequired, field, path + "mortgagors");
        }
        else
        {
            // The notice lists its buyers by name (、-separated); the holder of record is checked by ID number above.
            var buyers = purchase.Authority.Split('、', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            for (var i = 0; i < payload.Mortgagors.Count; i++)
            {
                if (payload.Mortgagors[i].IdNumber != purchase.BeneficiaryParty!.IdNumber && !buyers.Any(b => RegisterChecks.SameName(b, payload.Mortgagors[i].Name)))
                {
                    problems.Add(ErrorCodes.ApplicantNotHolder, $"{path}mortgagors[{i}]", field);
                }
            }
        }
        RegisterChecks.NotSeized(unit, field, problems);
        if (unit.InForce.Any(r => unit.MortgageNotices.ContainsKey(r.Id)))
        {
            problems.Add(ErrorCodes.UnitUnderAdvanceNotice, field);
        }
    }

    public override async Task RecordAsync(MortgageAdvanceNoticePayload payload, RecordContext context, CancellationToken cancellationToken)
    {
        var unit = (await context.Change.UnitsAsync([payload.UnitCode], cancellationToken))[payload.UnitCode];
        var bank = await context.Parties.GetAsync(payload.Mortgagee, cancellationToken);
        var certificate = (await context.Numbering.CertificateNumbersAsync(CertificateKind.Registration, 1, context.Db, cancellationToken))[0];
        context.Change.AddRestriction(unit, new Restriction
        {
            Kind = RestrictionKind.AdvanceNotice,
            Authority = bank.Name,
            BeneficiaryParty = bank,
            DocumentNumber = certificate.ToString(),
            StartsOn = context.Today,
            Notes = payload.Notes ?? $"预购商品房抵押预告登记（被担保主债权数额 {payload.SecuredAmountFen / 100m:0.00} 元，债务履行期限 {payload.DebtStartsOn:yyyy-MM-dd} 至 {payload.DebtEndsOn:yyyy-MM-dd}）",
            BusinessNumber = context.Application.BusinessNumber,
        });
    }

    /// <summary>The mortgage notices on <paramref name="unit"/> that a registration to <paramref name="owners"/> converts.</summary>
    internal static IEnumerable<long> ConvertedBy(UnitState unit, IEnumerable<string> owners)
    {
        var ids = owners.ToHashSet(StringComparer.Ordinal);
        return unit.MortgageNotices.Where(n => n.Value.Mortgagors.All(m => ids.Contains(m.IdNumber))).Select(n => n.Key);
    }

    /// <summary>
    /// 预告转本: the mortgage notices on <paramref name="unit"/> whose mortgagors are all among <paramref name="owners"/>
    /// become mortgages of the new owners, each with a new certificate of registration, and the notices are released.
    /// Called when the home is registered to its buyers, in the same transaction.
    /// </summary>
    internal static async Task ConvertAsync(RecordContext context, RealEstateUnit unit, IReadOnlyList<Party> owners, CancellationToken cancellationToken)
    {
        if (context.State.Unit(unit.UnitCode) is not { } state)
        {
            return;
        }
        var restrictionIds = ConvertedBy(state, owners.Select(o => o.IdNumber)).ToArray();
        if (restrictionIds.Length == 0)
        {
            return;
        }
        var notices = await context.Db.Restrictions
            .Where(r => restrictionIds.Contains(r.Id) && r.Status == RestrictionStatus.Active)
            .OrderBy(r => r.Id)
            .ToListAsync(cancellationToken);
        var certificates = await context.Numbering.CertificateNumbersAsync(CertificateKind.Registration, notices.Count, context.Db, cancellationToken);
        var businessNumber = context.Application.BusinessNumber;
        for (var i = 0; i < notices.Count; i++)
        {
            var secured = state.MortgageNotices[notices[i].Id];
            context.Change.ReleaseRestriction(unit, notices[i], businessNumber, businessNumber);
            var mortgagee = await context.Parties.GetAsync(secured.Mortgagee, cancellationToken);
            var mortgagors = owners.Where(o => secured.Mortgagors.Any(m => m.IdNumber == o.IdNumber)).ToList();
            MortgageRegistrations.AddMortgage(context, unit, new Right
            {
                Kind = RightKind.Mortgage,
                MortgageKind = MortgageKind.General,
                CoOwnership = CoOwnership.Sole,
                CertificateNumber = certificates[i].ToString(),
                SecuredAmountFen = secured.SecuredAmountFen,
                TermStart = secured.DebtStartsOn,
                TermEnd = secured.DebtEndsOn,
                Nature = "一般抵押",
                Notes = $"预告转本（抵押预告登记证明 {notices[i].DocumentNumber}）",
                BusinessNumber = businessNumber,
            }, mortgagee, mortgagors);
        }
    }
}
