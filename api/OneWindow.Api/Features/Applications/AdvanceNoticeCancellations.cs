using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Auth;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Errors;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Identifiers;
using OneWindow.Domain.Restrictions;

namespace OneWindow.Api.Features.Applications;

public sealed record AdvanceNoticeCancellationPayload(string UnitCode, string DocumentNumber, PartyData Holder, string? Notes);

/// <summary>
/// 预告登记注销 (实施细则 art. 89): the holder of record of an advance notice — the buyer of a purchase notice, the bank of
/// a mortgage notice — gives it up, or the claim it secured is extinguished. The notice is named by its certificate of
/// registration and must be registered on the unit; the applicant must be its holder (by ID number, with the registered
/// name). An immediate type: entered at once when the holder files it with its own identity (it gives up only its own
/// right); filed by an agent it is deemed accepted and waits for a registrar. Entry releases the notice.
/// </summary>
public sealed class AdvanceNoticeCancellations : ApplicationKind<AdvanceNoticeCancellationRequest, AdvanceNoticeCancellationPayload>
{
    public override KindDeclaration Declaration { get; } = new(
        [BusinessType.AdvanceNoticeCancellation], "submitAdvanceNoticeCancellation", "/advance-notice-cancellations", Scopes.ApplicationsSubmit,
        "预告登记注销: the holder of an advance notice gives it up; entered at once when the holder files it itself.",
        typeof(AdvanceNoticeCancellationInputType), [(ApplicantRole.Owner, "holder")]);

    protected override Draft<AdvanceNoticeCancellationPayload>? Parse(
        AdvanceNoticeCancellationRequest request, IReadOnlyList<string> circumstances, SubmitContext context, Problems problems, string path)
    {
        var unit = Inputs.Unit(request.UnitCode, path + "unitCode", problems);
        var document = Inputs.CertificateNumberOf(request.DocumentNumber, path + "documentNumber", problems, context.Today, CertificateKind.Registration);
        var holder = Inputs.Party(request.Holder, path + "holder", problems, context.Today);
        var notes = Inputs.Text(request.Notes, path + "notes", problems);
        if (unit is null || document is null || holder is null)
        {
            return null;
        }
        return new Draft<AdvanceNoticeCancellationPayload>
        {
            Type = BusinessType.AdvanceNoticeCancellation,
            Payload = new AdvanceNoticeCancellationPayload(unit, document, holder, notes),
            Applicants = [(ApplicantRole.Owner, holder)],
            UnitCodes = [unit],
        };
    }

    public override string UnitField(int index) => "unitCode";

    public override IReadOnlyList<string> UnitsToLoad(AdvanceNoticeCancellationPayload payload) => [payload.UnitCode];

    /// <summary>The holder itself, by the identity of record of whoever is signed in (a partner's verified code, a citizen's ID).</summary>
    public override bool EntersAtOnce(Draft<AdvanceNoticeCancellationPayload> draft, SubmitContext context) =>
        context.SelfIdNumber is { } self && draft.Payload.Holder.IdNumber == self;

    public override void Check(AdvanceNoticeCancellationPayload payload, RegisterState state, Problems problems, string path)
    {
        var field = path + "unitCode";
        if (RegisterChecks.Existing(state, payload.UnitCode, field, problems) is not { } unit)
        {
            return;
        }
        // Lapsed or not: a lapsed notice no longer counts, but cancelling it clears the register.
        var notice = unit.Restrictions.FirstOrDefault(r => r.Kind == RestrictionKind.AdvanceNotice && r.DocumentNumber == payload.DocumentNumber);
        if (notice is null)
        {
            problems.Add(ErrorCodes.AdvanceNoticeNotFound, field, path + "documentNumber");
        }
        else if (notice.BeneficiaryParty is not { } holder || holder.IdNumber != payload.Holder.IdNumber)
        {
            problems.Add(ErrorCodes.ApplicantNotHolder, path + "holder", field);
        }
        else if (!RegisterChecks.SameName(holder.Name, payload.Holder.Name))
        {
            problems.Add(ErrorCodes.PartyNameMismatch, path + "holder.name", field);
        }
    }

    public override async Task RecordAsync(AdvanceNoticeCancellationPayload payload, RecordContext context, CancellationToken cancellationToken)
    {
        var unit = (await context.Change.UnitsAsync([payload.UnitCode], cancellationToken))[payload.UnitCode];
        var notice = await context.Db.Restrictions.SingleAsync(
            r => r.UnitId == unit.Id && r.Kind == RestrictionKind.AdvanceNotice && r.Status == RestrictionStatus.Active && r.DocumentNumber == payload.DocumentNumber,
            cancellationToken);
        var businessNumber = context.Application.BusinessNumber;
        context.Change.ReleaseRestriction(unit, notice, businessNumber, businessNumber);
    }
}
