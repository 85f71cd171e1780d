using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Auth;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Errors;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Calendar;
using OneWindow.Domain.Identifiers;

namespace OneWindow.Api.Features.Applications;

/// <summary>
/// What a 变更登记 or 更正登记 of an ownership right enters: the unit's holders of record as they are (the applicants, or
/// for a correction by the registry the holders it notified), the holders as they are to be (same people in the same
/// order, with a new name or identity document), and the unit's new area or use. Null means unchanged.
/// </summary>
public sealed record RegisterAmendmentPayload(
    string UnitCode,
    IReadOnlyList<PartyData> Holders,
    IReadOnlyList<PartyData>? NewHolders,
    decimal? Area,
    string? Use,
    string? Notes,
    string? NoticeDocumentNumber = null,
    DateOnly? NoticeServedOn = null);

/// <summary>
/// The rules 变更登记 and both 更正登记 share. Who applies is decided by the register, never by the names a request
/// gives: each applicant must hold the right by ID number (and the registered name), and every holder applies. The
/// new holders are the same people: as many, in the same order, each either unchanged or with a new name or identity
/// document. Entry in the register keeps the right — its co-ownership, shares, term and nature — and enters it again
/// with the new holders and a new certificate of title (the old one becomes REPLACED); a new area or use is a new
/// entry of the unit's attributes (<see cref="Data.Register.RegisterChange.ChangeUnit"/>). The earlier entries stay
/// in the unit's hash chain, so the register's history shows the old values (decision 0022).
/// </summary>
internal static class RegisterAmendment
{
    public const decimal MaxArea = 1_000_000m;

    /// <summary>Reads the new holders (the same count as the holders of record), area and use; null when nothing is changed.</summary>
    public static (IReadOnlyList<PartyData>? NewHolders, decimal? Area, string? Use, bool Ok) ReadChanges(
        IReadOnlyList<PartyData>? holders, IReadOnlyList<PartyInput>? newHolders, decimal? area, string? use, SubmitContext context, Problems problems, string path)
    {
        var ok = true;
        List<PartyData>? parsed = null;
        if (newHolders is not null)
        {
            parsed = Inputs.Parties(newHolders, path + "newHolders", problems, context.Today);
            ok &= parsed is not null;
            if (parsed is not null && holders is not null)
            {
                if (parsed.Count != holders.Count)
                {
                    problems.Add(ErrorCodes.InvalidShares, path + "newHolders", "ONE_FOR_EACH_HOLDER_IN_ORDER");
                    ok = false;
                }
                else if (parsed.Where((p, i) => p.Kind != holders[i].Kind).Any())
                {
                    problems.Add(ErrorCodes.InvalidPartyKind, path + "newHolders", "SAME_KIND_AS_THE_HOLDER");
                    ok = false;
                }
            }
        }
        if (area is { } a && (a <= 0 || a > MaxArea || decimal.Round(a, 2) != a))
        {
            problems.Add(ErrorCodes.InvalidArea, path + "area", "POSITIVE_SQUARE_METRES_2_DECIMALS");
            ok = false;
        }
        var useText = Inputs.Text(use, path + "use", problems, 20);
        ok &= use is null || useText is not null;
        var changesHolders = parsed is not null && holders is not null && parsed.Count == holders.Count
            && parsed.Where((p, i) => !RegisterChecks.SameName(p.Name, holders[i].Name) || p.IdNumber != holders[i].IdNumber || p.IdType != holders[i].IdType || p.Nationality != holders[i].Nationality).Any();
        if (ok && !changesHolders && area is null && useText is null)
        {
            problems.Add(ErrorCodes.NothingToChange, path + "newHolders");
            ok = false;
        }
        return (changesHolders ? parsed : null, area, useText, ok);
    }

    /// <summary>The unit has an ownership or use right in force and (unless <paramref name="holdersApply"/> is false) its holders apply.</summary>
    public static void Check(RegisterAmendmentPayload payload, RegisterState state, Problems problems, string path, bool holdersApply)
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
        if (holdersApply)
        {
            RegisterChecks.ApplicantsAreHolders(ownership, payload.Holders, path + "holders", field, problems);
        }
        if (payload.NewHolders is { } changed && unit.Ownership is { } right
            && changed.Where((p, i) => i < payload.Holders.Count && p.IdNumber != payload.Holders[i].IdNumber).Any(p => UnitState.HoldersOf(right).Any(h => h.IdNumber == p.IdNumber)))
        {
            problems.Add(ErrorCodes.DuplicateParty, path + "newHolders", "ALREADY_A_HOLDER");
        }
    }

    /// <summary>Enters the amendment; <paramref name="what"/> starts the new right's notes (附记), e.g. 变更登记.</summary>
    public static async Task RecordAsync(RegisterAmendmentPayload payload, RecordContext context, string what, CancellationToken cancellationToken)
    {
        var unit = (await context.Change.UnitsAsync([payload.UnitCode], cancellationToken))[payload.UnitCode];
        var businessNumber = context.Application.BusinessNumber;
        if (payload.Area is not null || payload.Use is not null)
        {
            unit.Area = payload.Area ?? unit.Area;
            unit.Use = payload.Use ?? unit.Use;
            context.Change.ChangeUnit(unit, businessNumber);
        }
        var old = await context.Db.Rights.Include(r => r.Holders).ThenInclude(h => h.Party)
            .SingleAsync(r => r.UnitId == unit.Id && r.Status == RightStatus.Active && r.Kind != RightKind.Mortgage, cancellationToken);
        await context.Change.EndRightAsync(unit, old, businessNumber, cancellationToken);
        var certificate = (await context.Numbering.CertificateNumbersAsync(CertificateKind.Title, 1, context.Db, cancellationToken))[0];
        var right = new Right
        {
            Kind = old.Kind,
            CoOwnership = old.CoOwnership,
            CertificateNumber = certificate.ToString(),
            TermStart = old.TermStart,
            TermEnd = old.TermEnd,
            Nature = old.Nature,
            Notes = Note(what, old.CertificateNumber, payload.Notes),
            BusinessNumber = businessNumber,
        };
        var holders = old.Holders.Where(h => h.Role == HolderRole.Holder).OrderBy(h => h.Position).ToList();
        for (var i = 0; i < holders.Count; i++)
        {
            var party = holders[i].Party!;
            var becomes = payload.NewHolders?.ElementAtOrDefault(payload.Holders.ToList().FindIndex(h => h.IdNumber == party.IdNumber));
            if (becomes is not null && (becomes.IdNumber != party.IdNumber || becomes.IdType != party.IdType || becomes.Nationality != party.Nationality
                || !RegisterChecks.SameName(party.Name, becomes.Name)))
            {
                party = await context.Parties.IdentityAsync(becomes, cancellationToken);
            }
            right.Holders.Add(new RightHolder { Party = party, Role = HolderRole.Holder, SharePercent = holders[i].SharePercent, Position = i });
        }
        context.Change.AddRight(unit, right);
    }

    private static string Note(string what, string? oldCertificate, string? notes)
    {
        var note = oldCertificate is null ? what : $"{what}，原证号{oldCertificate}";
        return string.IsNullOrWhiteSpace(notes) ? note + "。" : $"{note}。{notes.TrimEnd('。')}。";
    }
}

/// <summary>
/// 变更登记 (实施细则 art. 26): a holder's name or identity document changed, or the unit's area or use. The holders of
/// record apply (each by ID number of record); the right stays and is entered again with the new particulars.
/// </summary>
public sealed class OwnershipChanges : ApplicationKind<RegisterAmendmentRequest, RegisterAmendmentPayload>
{
    public override KindDeclaration Declaration { get; } = new(
        [BusinessType.OwnershipChange], "submitOwnershipChange", "/ownership-changes", Scopes.ApplicationsSubmit,
        "变更登记: a holder's name or identity document, or the unit's area or use, changed; the holders of record apply.",
        typeof(OwnershipChangeInputType), [(ApplicantRole.Owner, "holders")]);

    protected override Draft<RegisterAmendmentPayload>? Parse(RegisterAmendmentRequest request, IReadOnlyList<string> circumstances, SubmitContext context, Problems problems, string path) =>
        Read(BusinessType.OwnershipChange, request, context, problems, path);

    internal static Draft<RegisterAmendmentPayload>? Read(BusinessType type, RegisterAmendmentRequest request, SubmitContext context, Problems problems, string path)
    {
        var unit = Inputs.Unit(request.UnitCode, path + "unitCode", problems);
        var holders = Inputs.Parties(request.Holders, path + "holders", problems, context.Today);
        var (newHolders, area, use, ok) = RegisterAmendment.ReadChanges(holders, request.NewHolders, request.Area, request.Use, context, problems, path);
        var notes = Inputs.Text(request.Notes, path + "notes", problems);
        if (unit is null || holders is null || !ok)
        {
            return null;
        }
        return new Draft<RegisterAmendmentPayload>
        {
            Type = type,
            Payload = new RegisterAmendmentPayload(unit, holders, newHolders, area, use, notes),
            Applicants = [.. holders.Select(h => (ApplicantRole.Owner, h))],
            UnitCodes = [unit],
        };
    }

    public override string UnitField(int index) => "unitCode";

    public override IReadOnlyList<string> UnitsToLoad(RegisterAmendmentPayload payload) => [payload.UnitCode];

    public override void Check(RegisterAmendmentPayload payload, RegisterState state, Problems problems, string path) =>
        RegisterAmendment.Check(payload, state, problems, path, holdersApply: true);

    public override Task RecordAsync(RegisterAmendmentPayload payload, RecordContext context, CancellationToken cancellationToken) =>
        RegisterAmendment.RecordAsync(payload, context, "变更登记", cancellationToken);
}

/// <summary>
/// 更正登记 on application (实施细则 art. 79): the holders of record show that the register is wrong (a misspelt name, a
/// wrong ID number, area or use) with evidence (REGISTER_ERROR_EVIDENCE). Entered like a change; the corrected
/// values replace the wrong ones in the register, whose history keeps both.
/// </summary>
public sealed class Corrections : ApplicationKind<RegisterAmendmentRequest, RegisterAmendmentPayload>
{
    public override KindDeclaration Declaration { get; } = new(
        [BusinessType.Correction], "submitCorrection", "/corrections", Scopes.ApplicationsSubmit,
        "更正登记 on application: the holders of record show the register is wrong; the history keeps the old value.",
        typeof(CorrectionInputType), [(ApplicantRole.Owner, "holders")]);

    protected override Draft<RegisterAmendmentPayload>? Parse(RegisterAmendmentRequest request, IReadOnlyList<string> circumstances, SubmitContext context, Problems problems, string path) =>
        OwnershipChanges.Read(BusinessType.Correction, request, context, problems, path);

    public override string UnitField(int index) => "unitCode";

    public override IReadOnlyList<string> UnitsToLoad(RegisterAmendmentPayload payload) => [payload.UnitCode];

    public override void Check(RegisterAmendmentPayload payload, RegisterState state, Problems problems, string path) =>
        RegisterAmendment.Check(payload, state, problems, path, holdersApply: true);

    public override Task RecordAsync(RegisterAmendmentPayload payload, RecordContext context, CancellationToken cancellationToken) =>
        RegisterAmendment.RecordAsync(payload, context, "更正登记", cancellationToken);
}

/// <summary>
/// 依职权更正登记 (实施细则 art. 81): registry staff correct an error of the register after notifying the holders in
/// writing (the notice's number and the day it was served are recorded with the entry). Filed by staff with the
/// registry:staff scope; no applicant: the holders named must be the holders of record by ID number, and are who the
/// notice went to. It then goes through acceptance, review and 登簿 like any application.
/// </summary>
public sealed class RegistryCorrections : ApplicationKind<RegistryCorrectionRequest, RegisterAmendmentPayload>
{
    public override KindDeclaration Declaration { get; } = new(
        [BusinessType.RegistryCorrection], "submitRegistryCorrection", "/registry-corrections", Scopes.RegistryStaff,
        "依职权更正登记 (staff): the registry corrects the register after notifying the holders in writing.",
        typeof(RegistryCorrectionInputType), []);

    protected override Draft<RegisterAmendmentPayload>? Parse(RegistryCorrectionRequest request, IReadOnlyList<string> circumstances, SubmitContext context, Problems problems, string path)
    {
        if (!context.Caller.IsStaff)
        {
            problems.Add(ErrorCodes.ApplicantNotCaller, path + "holders", "ONLY_REGISTRY_STAFF");
            return null;
        }
        var unit = Inputs.Unit(request.UnitCode, path + "unitCode", problems);
        var holders = Inputs.Parties(request.Holders, path + "holders", problems, context.Today);
        var (newHolders, area, use, ok) = RegisterAmendment.ReadChanges(holders, request.NewHolders, request.Area, request.Use, context, problems, path);
        var notice = Inputs.Text(request.NoticeDocumentNumber, path + "noticeDocumentNumber", problems, 100, required: true);
        var served = Inputs.Date(request.NoticeServedOn, path + "noticeServedOn", problems);
        if (served > context.Today)
        {
            problems.Add(ErrorCodes.InvalidDate, path + "noticeServedOn", "NOT_IN_THE_FUTURE");
            served = null;
        }
        var notes = Inputs.Text(request.Notes, path + "notes", problems);
        if (unit is null || holders is null || !ok || notice is null || served is null)
        {
            return null;
        }
        return new Draft<RegisterAmendmentPayload>
        {
            Type = BusinessType.RegistryCorrection,
            Payload = new RegisterAmendmentPayload(unit, holders, newHolders, area, use,
                $"依职权更正，更正通知书{notice}已于{served:yyyy-MM-dd}书面通知权利人" + (notes is null ? "" : "。" + notes), notice, served),
            Applicants = [],
            UnitCodes = [unit],
        };
    }

    public override string UnitField(int index) => "unitCode";

    public override IReadOnlyList<string> UnitsToLoad(RegisterAmendmentPayload payload) => [payload.UnitCode];

    protected override bool Waits => true;

    /// <summary>
    /// Entered only after the holders' 30 working days from the written notice and the public notice's 15 working days
    /// that follow (实施细则 arts. 81, 17).
    /// </summary>
    public override WaitingPeriod? WaitingPeriodOf(RegisterAmendmentPayload payload, HolidayCalendar calendar) =>
        payload.NoticeServedOn is { } servedOn ? WaitingPeriod.RegistryCorrection(servedOn, calendar) : null;

    /// <summary>The holders named are exactly the holders of record (the notice went to them), though they do not apply.</summary>
    public override void Check(RegisterAmendmentPayload payload, RegisterState state, Problems problems, string path)
    {
        RegisterAmendment.Check(payload, state, problems, path, holdersApply: false);
        if (state.Unit(payload.UnitCode)?.Ownership is { } ownership)
        {
            RegisterChecks.ApplicantsAreHolders(ownership, payload.Holders, path + "holders", path + "unitCode", problems);
        }
    }

    public override Task RecordAsync(RegisterAmendmentPayload payload, RecordContext context, CancellationToken cancellationToken) =>
        RegisterAmendment.RecordAsync(payload, context, "更正登记", cancellationToken);
}
