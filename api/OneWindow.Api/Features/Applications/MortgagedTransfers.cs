using OneWindow.Api.Auth;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Errors;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Identifiers;

namespace OneWindow.Api.Features.Applications;

/// <summary>The three registrations of a transfer with its mortgage, as one payload.</summary>
/// <param name="CancelledMortgage">The certificate of registration of the seller's mortgage that ends.</param>
/// <param name="OldMortgagee">Its mortgagee of record, agreeing to the cancellation.</param>
/// <param name="NewMortgagee">The buyers' bank (it may be the same bank).</param>
public sealed record MortgagedTransferPayload(
    TransferPayload Transfer,
    string CancelledMortgage,
    PartyData OldMortgagee,
    PartyData NewMortgagee,
    long SecuredAmountFen,
    DateOnly DebtStartsOn,
    DateOnly DebtEndsOn);

/// <summary>
/// 带押过户: a mortgaged home is sold without the seller repaying the loan first. One application carries the transfer
/// (转移登记), the cancellation of the seller's mortgage (抵押权注销登记, its mortgagee applying) and the buyers' new
/// mortgage (抵押权首次登记, the buyers as mortgagors); it is checked as a whole — every failure of any part told at
/// once — and entered in one transaction, so the register never shows the home sold without its new mortgage or the
/// old mortgage ended without the sale. Every applicant (sellers, buyers, both banks) consents like any applicant.
/// A mortgage that is not cancelled stays on the home, unaffected (Civil Code art. 406), unless it records an agreement
/// against transfer, whose mortgagee then must join as for any transfer.
/// </summary>
public sealed class MortgagedTransfers : ApplicationKind<MortgagedTransferRequest, MortgagedTransferPayload>
{
    public override KindDeclaration Declaration { get; } = new(
        [BusinessType.MortgagedTransfer], "submitMortgagedTransfer", "/mortgaged-transfers", Scopes.ApplicationsSubmit,
        "带押过户: a transfer of a mortgaged home with its mortgage cancelled and the buyers' new mortgage, checked and entered as one.",
        typeof(MortgagedTransferInputType),
        [(ApplicantRole.Transferor, "transferors"), (ApplicantRole.Transferee, "transferees"), (ApplicantRole.Mortgagee, "newMortgage.mortgagee")]);

    protected override Draft<MortgagedTransferPayload>? Parse(
        MortgagedTransferRequest request, IReadOnlyList<string> circumstances, SubmitContext context, Problems problems, string path)
    {
        var transfer = Transfers.ParseTransfer(
            new TransferRequest(request.UnitCode, request.Transferors, request.Transferees, request.CoOwnership, request.PriceFen, Notes: request.Notes),
            circumstances, context, problems, path);
        var certificate = Inputs.CertificateNumberOf(request.CancelledMortgage?.CertificateNumber, path + "cancelledMortgage.certificateNumber", problems, context.Today, CertificateKind.Registration);
        var oldMortgagee = Inputs.Party(request.CancelledMortgage?.Mortgagee, path + "cancelledMortgage.mortgagee", problems, context.Today);
        var newMortgage = path + "newMortgage.";
        var newMortgagee = Inputs.Party(request.NewMortgage?.Mortgagee, newMortgage + "mortgagee", problems, context.Today);
        var (amount, starts, ends) = MortgageRegistrations.Secured(request.NewMortgage?.SecuredAmountFen, request.NewMortgage?.DebtStartsOn, request.NewMortgage?.DebtEndsOn, newMortgage, problems);
        MortgageRegistrations.NotAMortgagor(newMortgagee, transfer?.Payload.Transferees, newMortgage, problems);
        if (transfer is null || certificate is null || oldMortgagee is null || newMortgagee is null || amount is null || starts is null || ends is null)
        {
            return null;
        }
        List<(ApplicantRole, PartyData)> applicants = [.. transfer.Applicants, (ApplicantRole.Mortgagee, oldMortgagee)];
        if (newMortgagee.IdNumber != oldMortgagee.IdNumber)
        {
            applicants.Add((ApplicantRole.Mortgagee, newMortgagee));
        }
        return new Draft<MortgagedTransferPayload>
        {
            Type = BusinessType.MortgagedTransfer,
            Payload = new MortgagedTransferPayload(transfer.Payload, certificate, oldMortgagee, newMortgagee, amount.Value, starts.Value, ends.Value),
            Applicants = applicants,
            UnitCodes = transfer.UnitCodes,
        };
    }

    public override string UnitField(int index) => "unitCode";

    public override IReadOnlyList<string> UnitsToLoad(MortgagedTransferPayload payload) => [payload.Transfer.UnitCode];

    public override void Check(MortgagedTransferPayload payload, RegisterState state, Problems problems, string path)
    {
        if (Transfers.CheckTransfer(payload.Transfer, state, problems, path, payload.CancelledMortgage) is not { } unit)
        {
            return;
        }
        if (MortgageCancellations.Mortgage(unit, payload.CancelledMortgage) is not { } mortgage)
        {
            problems.Add(ErrorCodes.MortgageNotFound, path + "unitCode", path + "cancelledMortgage.certificateNumber");
            return;
        }
        RegisterChecks.ApplicantsAreHolders(mortgage, [payload.OldMortgagee], path + "cancelledMortgage.mortgagee", path + "unitCode", problems, single: true);
    }

    public override async Task RecordAsync(MortgagedTransferPayload payload, RecordContext context, CancellationToken cancellationToken)
    {
        await MortgageCancellations.CancelAsync(context, [payload.Transfer.UnitCode], payload.CancelledMortgage, cancellationToken);
        var (unit, owners) = await Transfers.EnterTransferAsync(payload.Transfer, context, cancellationToken);
        // A second mortgage the combined application does not cancel stays, with the buyers as its obligors.
        await Transfers.MortgagesFollowAsync(unit, owners, context, cancellationToken);
        var certificate = (await context.Numbering.CertificateNumbersAsync(CertificateKind.Registration, 1, context.Db, cancellationToken))[0].ToString();
        var bank = await context.Parties.GetAsync(payload.NewMortgagee, cancellationToken);
        MortgageRegistrations.AddMortgage(context, unit, new Right
        {
            Kind = RightKind.Mortgage,
            MortgageKind = MortgageKind.General,
            CoOwnership = CoOwnership.Sole,
            CertificateNumber = certificate,
            SecuredAmountFen = payload.SecuredAmountFen,
            TermStart = payload.DebtStartsOn,
            TermEnd = payload.DebtEndsOn,
            Nature = "一般抵押",
            Notes = $"带押过户（原抵押登记证明 {payload.CancelledMortgage}）",
            BusinessNumber = context.Application.BusinessNumber,
        }, bank, owners);
    }
}
