using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Auth;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Errors;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Calendar;
using OneWindow.Domain.Identifiers;

namespace OneWindow.Api.Features.Applications;

/// <summary>What a 补证/换证 enters: the certificate replaced, why, the holders who applied, and for a lost one its published loss declaration.</summary>
public sealed record CertificateReplacementPayload(
    string UnitCode, string CertificateNumber, IReadOnlyList<PartyData> Holders, string? LossNoticePublishedIn, DateOnly? LossNoticePublishedOn, string? Notes);

/// <summary>
/// 补证 (a lost certificate of title, with the loss declaration published: 实施细则 art. 22) and 换证 (a damaged one,
/// handed back). The holders of record apply; the certificate named must be the unit's certificate of title in force.
/// Entry in the register enters the right again under a new certificate number with the note 补发 or 换发 (the matter
/// is recorded in the register, art. 22): the old certificate becomes REPLACED in the certificate store — verification
/// of it, by code or token, reports REPLACED with the new number — and the new one is issued at 发证 (decision 0022).
/// </summary>
public sealed class CertificateReplacements : ApplicationKind<CertificateReplacementRequest, CertificateReplacementPayload>
{
    public override KindDeclaration Declaration { get; } = new(
        [BusinessType.CertificateReplacementLost, BusinessType.CertificateReplacementDamaged], "submitCertificateReplacement", "/certificate-replacements",
        Scopes.ApplicationsSubmit,
        "补证 (LOST, after the loss declaration is published) or 换证 (DAMAGED): the old certificate of title becomes REPLACED, a new one is issued.",
        typeof(CertificateReplacementInputType), [(ApplicantRole.Owner, "holders")]);

    protected override Draft<CertificateReplacementPayload>? Parse(
        CertificateReplacementRequest request, IReadOnlyList<string> circumstances, SubmitContext context, Problems problems, string path)
    {
        var unit = Inputs.Unit(request.UnitCode, path + "unitCode", problems);
        var certificate = Inputs.CertificateNumberOf(request.CertificateNumber, path + "certificateNumber", problems, context.Today, CertificateKind.Title);
        var holders = Inputs.Parties(request.Holders, path + "holders", problems, context.Today);
        BusinessType? type = request.Reason?.Trim().ToUpperInvariant() switch
        {
            "LOST" => BusinessType.CertificateReplacementLost,
            "DAMAGED" => BusinessType.CertificateReplacementDamaged,
            _ => null,
        };
        if (type is null)
        {
            problems.Add(string.IsNullOrWhiteSpace(request.Reason) ? ErrorCodes.FieldRequired : ErrorCodes.InvalidReissueReason, path + "reason", "LOST_OR_DAMAGED");
        }
        string? publishedIn = null;
        DateOnly? publishedOn = null;
        var noticeOk = true;
        if (type == BusinessType.CertificateReplacementLost)
        {
            // 补证: the loss declaration must have been published (实施细则 art. 22).
            if (request.LossNotice is null)
            {
                problems.Add(ErrorCodes.FieldRequired, path + "lossNotice", "LOSS_DECLARATION_PUBLISHED");
                noticeOk = false;
            }
            else
            {
                publishedIn = Inputs.Text(request.LossNotice.PublishedIn, path + "lossNotice.publishedIn", problems, 200, required: true);
                publishedOn = Inputs.Date(request.LossNotice.PublishedOn, path + "lossNotice.publishedOn", problems);
                if (publishedOn > context.Today)
                {
                    problems.Add(ErrorCodes.InvalidDate, path + "lossNotice.publishedOn", "NOT_IN_THE_FUTURE");
                    publishedOn = null;
                }
                noticeOk = publishedIn is not null && publishedOn is not null;
            }
        }
        else if (request.LossNotice is not null && type is not null)
        {
            problems.Add(ErrorCodes.InvalidReissueReason, path + "lossNotice", "ONLY_FOR_LOST");
            noticeOk = false;
        }
        var notes = Inputs.Text(request.Notes, path + "notes", problems);
        if (unit is null || certificate is null || holders is null || type is null || !noticeOk)
        {
            return null;
        }
        return new Draft<CertificateReplacementPayload>
        {
            Type = type.Value,
            Payload = new CertificateReplacementPayload(unit, certificate, holders, publishedIn, publishedOn, notes),
            Applicants = [.. holders.Select(h => (ApplicantRole.Owner, h))],
            UnitCodes = [unit],
        };
    }

    public override string UnitField(int index) => "unitCode";

    protected override bool Waits => true;

    /// <summary>补证 is entered 15 working days after the loss declaration was published (实施细则 art. 22); 换证 waits for nothing.</summary>
    public override WaitingPeriod? WaitingPeriodOf(CertificateReplacementPayload payload, HolidayCalendar calendar) =>
        payload.LossNoticePublishedOn is { } publishedOn ? WaitingPeriod.LossDeclaration(publishedOn, calendar) : null;

    public override IReadOnlyList<string> UnitsToLoad(CertificateReplacementPayload payload) => [payload.UnitCode];

    public override void Check(CertificateReplacementPayload payload, RegisterState state, Problems problems, string path)
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
        if (ownership.CertificateNumber != payload.CertificateNumber)
        {
            problems.Add(ErrorCodes.CertificateNotOfRecord, path + "certificateNumber", field);
        }
        RegisterChecks.ApplicantsAreHolders(ownership, payload.Holders, path + "holders", field, problems);
    }

    public override async Task RecordAsync(CertificateReplacementPayload payload, RecordContext context, CancellationToken cancellationToken)
    {
        var unit = (await context.Change.UnitsAsync([payload.UnitCode], cancellationToken))[payload.UnitCode];
        var old = await context.Db.Rights.Include(r => r.Holders)
            .SingleAsync(r => r.UnitId == unit.Id && r.Status == RightStatus.Active && r.Kind != RightKind.Mortgage, cancellationToken);
        var businessNumber = context.Application.BusinessNumber;
        await context.Change.EndRightAsync(unit, old, businessNumber, cancellationToken);
        var certificate = (await context.Numbering.CertificateNumbersAsync(CertificateKind.Title, 1, context.Db, cancellationToken))[0];
        var what = payload.LossNoticePublishedOn is { } on
            ? $"补发，原证号{payload.CertificateNumber}，遗失声明于{on.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}刊登于{payload.LossNoticePublishedIn}"
            : $"换发，原证号{payload.CertificateNumber}已收回";
        var right = new Right
        {
            Kind = old.Kind,
            CoOwnership = old.CoOwnership,
            CertificateNumber = certificate.ToString(),
            TermStart = old.TermStart,
            TermEnd = old.TermEnd,
            Nature = old.Nature,
            Notes = string.IsNullOrWhiteSpace(payload.Notes) ? what + "。" : $"{what}。{payload.Notes.TrimEnd('。')}。",
            BusinessNumber = businessNumber,
        };
        foreach (var holder in old.Holders.Where(h => h.Role == HolderRole.Holder).OrderBy(h => h.Position))
        {
            right.Holders.Add(new RightHolder { PartyId = holder.PartyId, Role = HolderRole.Holder, SharePercent = holder.SharePercent, Position = holder.Position });
        }
        context.Change.AddRight(unit, right);
    }
}
