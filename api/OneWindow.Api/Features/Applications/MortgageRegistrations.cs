using OneWindow.Api.Auth;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Errors;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Identifiers;
using OneWindow.Domain.Restrictions;

namespace OneWindow.Api.Features.Applications;

public sealed record MortgageRegistrationPayload(
    MortgageKind MortgageKind,
    IReadOnlyList<string> UnitCodes,
    IReadOnlyList<PartyData> Mortgagors,
    PartyData Mortgagee,
    long SecuredAmountFen,
    DateOnly DebtStartsOn,
    DateOnly DebtEndsOn,
    string? Notes,
    TransferAgreement TransferAgreement = TransferAgreement.None,
    bool ObjectionUndertaking = false);

/// <summary>
/// 抵押权首次登记 (general, maximum-amount, building under construction): the mortgagors must be exactly the holders of
/// each unit's ownership (or, under construction, land use) right; no seizure; no advance notice. Entry in the register
/// adds, per unit, a mortgage right (the bank as holder, the mortgagors as obligors) and the mortgage restriction that
/// mirrors it, all under one certificate of registration.
/// </summary>
public sealed class MortgageRegistrations : ApplicationKind<MortgageRegistrationRequest, MortgageRegistrationPayload>
{
    /// <summary>The most a mortgage may secure: one hundred billion yuan, in fen.</summary>
    public const long MaxAmountFen = 10_000_000_000_000;

    public override KindDeclaration Declaration { get; } = new(
        [BusinessType.MortgageRegistrationGeneral, BusinessType.MortgageRegistrationMaximumAmount, BusinessType.MortgageRegistrationUnderConstruction], "submitMortgageRegistration", "/mortgage-registrations", Scopes.ApplicationsSubmit,
        "抵押权首次登记: a mortgage (general, maximum-amount, building under construction) on one or more units.",
        typeof(MortgageRegistrationInputType), [(ApplicantRole.Mortgagor, "mortgagors"), (ApplicantRole.Mortgagee, "mortgagee")]);

    protected override Draft<MortgageRegistrationPayload>? Parse(MortgageRegistrationRequest request, IReadOnlyList<string> circumstances, SubmitContext context, Problems problems, string path)
    {
        MortgageKind? kind = request.MortgageKind?.Trim().ToUpperInvariant() switch
        {
            "GENERAL" => MortgageKind.General,
            "MAXIMUM_AMOUNT" => MortgageKind.MaximumAmount,
            "BUILDING_UNDER_CONSTRUCTION" => MortgageKind.BuildingUnderConstruction,
            null or "" => null,
            _ => null,
        };
        if (kind is null)
        {
            problems.Add(string.IsNullOrWhiteSpace(request.MortgageKind) ? ErrorCodes.FieldRequired : ErrorCodes.InvalidMortgageKind, path + "mortgageKind");
        }
        var units = Inputs.Units(request.UnitCodes, path + "unitCodes", problems, context.Options.MaxUnitsPerApplication);
        var mortgagors = Inputs.Parties(request.Mortgagors, path + "mortgagors", problems, context.Today);
        var mortgagee = Inputs.Party(request.Mortgagee, path + "mortgagee", problems, context.Today);
        var (amount, starts, ends) = Secured(request.SecuredAmountFen, request.DebtStartsOn, request.DebtEndsOn, path, problems);
        NotAMortgagor(mortgagee, mortgagors, path, problems);
        var notes = Inputs.Text(request.Notes, path + "notes", problems);
        var agreement = TransferAgreementOf(request.TransferAgreement, path + "transferAgreement", problems);
        if (kind is null || units is null || mortgagors is null || mortgagee is null || amount is null || starts is null || ends is null)
        {
            return null;
        }
        return new Draft<MortgageRegistrationPayload>
        {
            Type = BusinessTypes.MortgageRegistration(kind.Value),
            Payload = new MortgageRegistrationPayload(kind.Value, units, mortgagors, mortgagee, amount.Value, starts.Value, ends.Value, notes, agreement,
                circumstances.Contains(RegisterChecks.DisposalDespiteObjection)),
            Applicants = [.. mortgagors.Select(m => (ApplicantRole.Mortgagor, m)), (ApplicantRole.Mortgagee, mortgagee)],
            UnitCodes = units,
        };
    }

    /// <summary>The secured amount (fen, within bounds) and the debt's term (ends on or after it starts), checked.</summary>
    internal static (long? AmountFen, DateOnly? StartsOn, DateOnly? EndsOn) Secured(long? amountFen, string? startsOn, string? endsOn, string path, Problems problems)
    {
        if (amountFen is not { } amount)
        {
            problems.Add(ErrorCodes.FieldRequired, path + "securedAmountFen");
        }
        else if (amount is <= 0 or > MaxAmountFen)
        {
            problems.Add(ErrorCodes.InvalidAmount, path + "securedAmountFen", "POSITIVE_FEN");
            amountFen = null;
        }
        var starts = Inputs.Date(startsOn, path + "debtStartsOn", problems);
        var ends = Inputs.Date(endsOn, path + "debtEndsOn", problems);
        if (starts is { } s && ends is { } e && e < s)
        {
            problems.Add(ErrorCodes.InvalidTerm, path + "debtEndsOn", "ENDS_BEFORE_IT_STARTS");
        }
        return (amountFen, starts, ends);
    }

    internal static void NotAMortgagor(PartyData? mortgagee, IReadOnlyList<PartyData>? mortgagors, string path, Problems problems)
    {
        if (mortgagee is not null && mortgagors?.Any(m => m.IdNumber == mortgagee.IdNumber) == true)
        {
            problems.Add(ErrorCodes.DuplicateParty, path + "mortgagee.idNumber", "MORTGAGEE_IS_A_MORTGAGOR");
        }
    }

    public override IReadOnlyList<string> UnitsToLoad(MortgageRegistrationPayload payload) => payload.UnitCodes;

    public override void Check(MortgageRegistrationPayload payload, RegisterState state, Problems problems, string path)
    {
        for (var i = 0; i < payload.UnitCodes.Count; i++)
        {
            var field = $"{path}unitCodes[{i}]";
            if (RegisterChecks.Existing(state, payload.UnitCodes[i], field, problems) is not { } unit)
            {
                continue;
            }
            var underConstruction = unit.Unit.Kind == UnitKind.Land && unit.ParcelUnderConstruction;
            if ((payload.MortgageKind == MortgageKind.BuildingUnderConstruction) != underConstruction)
            {
                problems.Add(ErrorCodes.MortgageKindNotApplicable, field,
                    underConstruction ? "BUILDING_UNDER_CONSTRUCTION_EXPECTED" : "NOT_A_BUILDING_UNDER_CONSTRUCTION");
            }
            if (unit.Ownership is not { } ownership)
            {
                problems.Add(ErrorCodes.NoOwnershipRight, field);
            }
            else
            {
                RegisterChecks.ApplicantsAreHolders(ownership, payload.Mortgagors, path + "mortgagors", field, problems);
            }
            RegisterChecks.NotSeized(unit, field, problems);
            RegisterChecks.NoForeignAdvanceNotice(unit, [], field, problems);
            RegisterChecks.UndertakingGivenIfObjected(unit, payload.ObjectionUndertaking, field, problems);
        }
    }

    public override async Task RecordAsync(MortgageRegistrationPayload payload, RecordContext context, CancellationToken cancellationToken)
    {
        var certificate = (await context.Numbering.CertificateNumbersAsync(CertificateKind.Registration, 1, context.Db, cancellationToken))[0].ToString();
        var mortgagee = await context.Parties.GetAsync(payload.Mortgagee, cancellationToken);
        var mortgagors = await context.Parties.GetManyAsync(payload.Mortgagors, cancellationToken);
        var units = await context.Change.UnitsAsync(payload.UnitCodes, cancellationToken);
        var businessNumber = context.Application.BusinessNumber;
        foreach (var code in payload.UnitCodes)
        {
            AddMortgage(context, units[code], new Right
            {
                Kind = RightKind.Mortgage,
                MortgageKind = payload.MortgageKind,
                TransferAgreement = payload.TransferAgreement,
                CoOwnership = CoOwnership.Sole,
                CertificateNumber = certificate,
                SecuredAmountFen = payload.SecuredAmountFen,
                TermStart = payload.DebtStartsOn,
                TermEnd = payload.DebtEndsOn,
                Nature = payload.MortgageKind switch
                {
                    MortgageKind.MaximumAmount => "最高额抵押",
                    MortgageKind.BuildingUnderConstruction => "在建建筑物抵押",
                    _ => "一般抵押",
                },
                Notes = payload.Notes,
                BusinessNumber = businessNumber,
            }, mortgagee, mortgagors);
        }
    }

    /// <summary>
    /// Enters <paramref name="right"/> (a mortgage) on <paramref name="unit"/>: the bank as holder, the mortgagors as
    /// obligors, and the restriction that mirrors it.
    /// </summary>
    internal static void AddMortgage(RecordContext context, RealEstateUnit unit, Right right, Party mortgagee, IReadOnlyList<Party> mortgagors)
    {
        right.Holders.Add(new RightHolder { Party = mortgagee, Role = HolderRole.Holder, Position = 0 });
        for (var i = 0; i < mortgagors.Count; i++)
        {
            right.Holders.Add(new RightHolder { Party = mortgagors[i], Role = HolderRole.Obligor, Position = i + 1 });
        }
        context.Change.AddRight(unit, right);
        context.Change.AddRestriction(unit, new Restriction
        {
            Kind = RestrictionKind.Mortgage,
            Authority = mortgagee.Name,
            DocumentNumber = right.CertificateNumber,
            Right = right,
            StartsOn = context.Today,
            EndsOn = right.TermEnd,
            Notes = right.Notes,
            BusinessNumber = right.BusinessNumber,
        });
    }

    /// <summary>NONE (or absent), FORBIDDEN or LIMITED: the agreement on transfer registered with the mortgage (art. 406).</summary>
    private static TransferAgreement TransferAgreementOf(string? text, string field, Problems problems)
    {
        switch (text?.Trim().ToUpperInvariant())
        {
            case null or "" or "NONE":
                return TransferAgreement.None;
            case "FORBIDDEN":
                return TransferAgreement.Forbidden;
            case "LIMITED":
                return TransferAgreement.Limited;
            default:
                problems.Add(ErrorCodes.InvalidTransferAgreement, field);
                return TransferAgreement.None;
        }
    }
}
