using OneWindow.Api.Auth;
using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Errors;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Identifiers;

namespace OneWindow.Api.Features.Applications;

public sealed record MortgageCancellationPayload(
    string CertificateNumber,
    IReadOnlyList<string> UnitCodes,
    PartyData? Mortgagee,
    IReadOnlyList<PartyData> Mortgagors,
    string? Notes);

/// <summary>
/// 抵押权注销登记: the mortgage registered under the certificate of registration must be in force on every unit named;
/// the applicants (by circumstance: both parties, the mortgagee alone, or the mortgagor alone with a court or
/// arbitration document) must be its mortgagee and mortgagors; a bank may only cancel its own mortgages. An immediate
/// type: entered at once (即办) only when the bank that holds the mortgage of record cancels it alone; by the mortgagor
/// or jointly it is deemed accepted and waits for a registrar. Entry in the register ends the mortgage right and
/// releases its restriction.
/// </summary>
public sealed class MortgageCancellations : ApplicationKind<MortgageCancellationRequest, MortgageCancellationPayload>
{
    public override KindDeclaration Declaration { get; } = new(
        [BusinessType.MortgageCancellation], "submitMortgageCancellation", "/mortgage-cancellations", Scopes.ApplicationsSubmit,
        "抵押权注销登记: entered at once (即办) when the bank holding the mortgage cancels it alone; otherwise deemed accepted for a registrar.",
        typeof(MortgageCancellationInputType), [(ApplicantRole.Mortgagor, "mortgagors"), (ApplicantRole.Mortgagee, "mortgagee")]);

    protected override Draft<MortgageCancellationPayload>? Parse(MortgageCancellationRequest request, IReadOnlyList<string> circumstances, SubmitContext context, Problems problems, string path)
    {
        var certificate = Inputs.CertificateNumberOf(request.CertificateNumber, path + "certificateNumber", problems, context.Today, CertificateKind.Registration);
        var units = Inputs.Units(request.UnitCodes, path + "unitCodes", problems, context.Options.MaxUnitsPerApplication);
        // Who must apply follows the circumstance; the materials check reports a missing or conflicting one.
        var roles = BusinessTypes.Get(BusinessType.MortgageCancellation).ResolveApplicants(circumstances)?.Roles ?? [];
        PartyData? mortgagee = null;
        if (request.Mortgagee is not null || roles.Contains(ApplicantRole.Mortgagee))
        {
            mortgagee = Inputs.Party(request.Mortgagee, path + "mortgagee", problems, context.Today);
        }
        IReadOnlyList<PartyData> mortgagors = [];
        if (request.Mortgagors is { Count: > 0 } || roles.Contains(ApplicantRole.Mortgagor))
        {
            mortgagors = Inputs.Parties(request.Mortgagors, path + "mortgagors", problems, context.Today) ?? [];
        }
        var notes = Inputs.Text(request.Notes, path + "notes", problems);
        if (certificate is null || units is null)
        {
            return null;
        }
        var applicants = mortgagors.Select(m => (ApplicantRole.Mortgagor, m)).ToList();
        if (mortgagee is not null)
        {
            applicants.Add((ApplicantRole.Mortgagee, mortgagee));
        }
        return new Draft<MortgageCancellationPayload>
        {
            Type = BusinessType.MortgageCancellation,
            Payload = new MortgageCancellationPayload(certificate, units, mortgagee, mortgagors, notes),
            Applicants = applicants,
            UnitCodes = units,
        };
    }

    public override IReadOnlyList<string> UnitsToLoad(MortgageCancellationPayload payload) => payload.UnitCodes;

    /// <summary>
    /// The mortgagee cancelling alone is the submitting bank itself (its verified credit code); the register check has
    /// already found that this code holds the mortgage of record on every unit.
    /// </summary>
    public override bool EntersAtOnce(Draft<MortgageCancellationPayload> draft, SubmitContext context) =>
        context.Partner is { Kind: PartnerKind.Bank } bank
        && draft.Circumstances.Contains(Circumstances.MortgageeAlone)
        && draft.Payload.Mortgagors.Count == 0
        && draft.Payload.Mortgagee?.IdNumber == bank.CreditCode;

    public override void CheckSubmitter(Draft<MortgageCancellationPayload> draft, RegisterState state, SubmitContext context, Problems problems, string path)
    {
        if (context.Partner is not { Kind: PartnerKind.Bank } bank)
        {
            return;
        }
        for (var i = 0; i < draft.Payload.UnitCodes.Count; i++)
        {
            if (Mortgage(state.Unit(draft.Payload.UnitCodes[i]), draft.Payload.CertificateNumber) is { } mortgage
                && UnitState.HoldersOf(mortgage).All(h => h.IdNumber != bank.CreditCode))
            {
                problems.Add(ErrorCodes.MortgageNotHeldByCaller, $"{path}unitCodes[{i}]");
            }
        }
    }

    public override void Check(MortgageCancellationPayload payload, RegisterState state, Problems problems, string path)
    {
        for (var i = 0; i < payload.UnitCodes.Count; i++)
        {
            var field = $"{path}unitCodes[{i}]";
            if (RegisterChecks.Existing(state, payload.UnitCodes[i], field, problems) is not { } unit)
            {
                continue;
            }
            if (Mortgage(unit, payload.CertificateNumber) is not { } mortgage)
            {
                problems.Add(ErrorCodes.MortgageNotFound, field, path + "certificateNumber");
                continue;
            }
            if (payload.Mortgagee is { } mortgagee)
            {
                RegisterChecks.ApplicantsAreHolders(mortgage, [mortgagee], path + "mortgagee", field, problems, single: true);
            }
            if (payload.Mortgagors.Count > 0)
            {
                RegisterChecks.ApplicantsAreHolders(mortgage, payload.Mortgagors, path + "mortgagors", field, problems, HolderRole.Obligor);
            }
        }
    }

    public override Task RecordAsync(MortgageCancellationPayload payload, RecordContext context, CancellationToken cancellationToken) =>
        CancelAsync(context, payload.UnitCodes, payload.CertificateNumber, cancellationToken);

    /// <summary>Ends the mortgage of <paramref name="certificateNumber"/> on the units and releases its restriction; returns the units (tracked).</summary>
    internal static async Task<IReadOnlyDictionary<string, RealEstateUnit>> CancelAsync(RecordContext context, IReadOnlyList<string> unitCodes, string certificateNumber, CancellationToken cancellationToken)
    {
        var units = await context.Change.UnitsAsync(unitCodes, cancellationToken);
        var ids = units.Values.Select(u => u.Id).ToArray();
        var rights = await context.Db.Rights
            .Where(r => ids.Contains(r.UnitId) && r.Kind == RightKind.Mortgage && r.Status == RightStatus.Active && r.CertificateNumber == certificateNumber)
            .ToListAsync(cancellationToken);
        var rightIds = rights.Select(r => r.Id).ToArray();
        var restrictions = await context.Db.Restrictions
            .Where(r => r.RightId != null && rightIds.Contains(r.RightId.Value) && r.Status == RestrictionStatus.Active)
            .ToListAsync(cancellationToken);
        var byId = units.Values.ToDictionary(u => u.Id);
        foreach (var right in rights)
        {
            var unit = byId[right.UnitId];
            await context.Change.EndRightAsync(unit, right, context.Application.BusinessNumber, cancellationToken);
            foreach (var restriction in restrictions.Where(r => r.RightId == right.Id))
            {
                context.Change.ReleaseRestriction(unit, restriction, context.Application.BusinessNumber, context.Application.BusinessNumber);
            }
        }
        return units;
    }

    internal static Right? Mortgage(UnitState? unit, string certificateNumber) =>
        unit?.Mortgages.FirstOrDefault(r => r.CertificateNumber == certificateNumber);
}
