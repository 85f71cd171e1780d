using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Errors;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Restrictions;

namespace OneWindow.Api.Features.Applications;

public sealed record SeizurePayload(IReadOnlyList<string> UnitCodes, PartyData Court, string DocumentNumber, DateOnly StartsOn, DateOnly EndsOn, string? Notes);

public sealed record SeizureReleasePayload(IReadOnlyList<string> UnitCodes, PartyData Court, string SeizureDocumentNumber, string ReleaseDocumentNumber, string? Notes);

/// <summary>The court behind a seizure or release: always the submitting court partner.</summary>
internal static class Courts
{
    public static PartyData? Of(SubmitContext context, string field, Problems problems)
    {
        if (context.Partner is not { Kind: PartnerKind.Court } court)
        {
            problems.Add(ErrorCodes.ApplicantNotCaller, field, "ONLY_A_COURT");
            return null;
        }
        return new PartyData(PartyKind.Organisation, court.Name, court.CreditCode);
    }
}

/// <summary>
/// 查封登记 on a court's notice of assistance in execution: registered at once (即办), no fee. A unit already seized may
/// be seized again (轮候查封). Entry in the register adds a seizure restriction per unit, three years by default.
/// </summary>
public sealed class Seizures : ApplicationKind<SeizureRequest, SeizurePayload>
{
    public override string Operation => "submitSeizure";

    public override Draft<SeizurePayload>? Parse(SeizureRequest request, SubmitContext context, Problems problems, string path)
    {
        var court = Courts.Of(context, path + "court", problems);
        var units = Inputs.Units(request.UnitCodes, path + "unitCodes", problems, context.Options.MaxUnitsPerApplication);
        var document = Inputs.Text(request.DocumentNumber, path + "documentNumber", problems, 100, required: true);
        var starts = Inputs.Date(request.StartsOn, path + "startsOn", problems, required: false) ?? context.Today;
        var ends = Inputs.Date(request.EndsOn, path + "endsOn", problems, required: false) ?? starts.AddYears(3).AddDays(-1);
        if (ends < starts)
        {
            problems.Add(ErrorCodes.InvalidTerm, path + "endsOn", "ENDS_BEFORE_IT_STARTS");
        }
        var notes = Inputs.Text(request.Notes, path + "notes", problems);
        var materials = Inputs.Materials(request.Materials, path + "materials", problems);
        if (court is null || units is null || document is null || ends < starts)
        {
            return null;
        }
        return new Draft<SeizurePayload>
        {
            Type = BusinessType.Seizure,
            Payload = new SeizurePayload(units, court, document, starts, ends, notes),
            Circumstances = [],
            Applicants = [(ApplicantRole.Court, court)],
            UnitCodes = units,
            Materials = materials,
            MaterialsField = path + "materials",
        };
    }

    public override IReadOnlyList<string> UnitsToLoad(SeizurePayload payload) => payload.UnitCodes;

    /// <summary>A court's own seizure: registries do not review court orders on the merits (Parse made the court the caller).</summary>
    public override bool EntersAtOnce(Draft<SeizurePayload> draft, SubmitContext context) => context.Partner is { Kind: PartnerKind.Court };

    public override void Check(SeizurePayload payload, RegisterState state, Problems problems, string path)
    {
        for (var i = 0; i < payload.UnitCodes.Count; i++)
        {
            RegisterChecks.Existing(state, payload.UnitCodes[i], $"{path}unitCodes[{i}]", problems);
        }
    }

    public override async Task RecordAsync(SeizurePayload payload, RecordContext context, CancellationToken cancellationToken)
    {
        var units = await context.Change.UnitsAsync(payload.UnitCodes, cancellationToken);
        var court = await context.Parties.GetAsync(payload.Court, cancellationToken);
        foreach (var code in payload.UnitCodes)
        {
            var queued = context.State.Unit(code)?.Has(RestrictionKind.Seizure) == true;
            context.Change.AddRestriction(units[code], new Restriction
            {
                Kind = RestrictionKind.Seizure,
                Authority = payload.Court.Name,
                // The court by its credit code: only it may release the seizure.
                BeneficiaryParty = court,
                DocumentNumber = payload.DocumentNumber,
                StartsOn = payload.StartsOn,
                EndsOn = payload.EndsOn,
                Notes = queued ? $"轮候查封。{payload.Notes}".TrimEnd('。') + "。" : payload.Notes,
                BusinessNumber = context.Application.BusinessNumber,
            });
        }
    }
}

/// <summary>
/// 注销查封登记 (解封): the seizure under the named document, made by the submitting court (its credit code of record),
/// must be in force on every unit. Immediate.
/// Entry in the register releases it with the release document's number.
/// </summary>
public sealed class SeizureReleases : ApplicationKind<SeizureReleaseRequest, SeizureReleasePayload>
{
    public override string Operation => "submitSeizureRelease";

    public override Draft<SeizureReleasePayload>? Parse(SeizureReleaseRequest request, SubmitContext context, Problems problems, string path)
    {
        var court = Courts.Of(context, path + "court", problems);
        var units = Inputs.Units(request.UnitCodes, path + "unitCodes", problems, context.Options.MaxUnitsPerApplication);
        var seizure = Inputs.Text(request.SeizureDocumentNumber, path + "seizureDocumentNumber", problems, 100, required: true);
        var release = Inputs.Text(request.ReleaseDocumentNumber, path + "releaseDocumentNumber", problems, 100, required: true);
        var notes = Inputs.Text(request.Notes, path + "notes", problems);
        var materials = Inputs.Materials(request.Materials, path + "materials", problems);
        if (court is null || units is null || seizure is null || release is null)
        {
            return null;
        }
        return new Draft<SeizureReleasePayload>
        {
            Type = BusinessType.SeizureRelease,
            Payload = new SeizureReleasePayload(units, court, seizure, release, notes),
            Circumstances = [],
            Applicants = [(ApplicantRole.Court, court)],
            UnitCodes = units,
            Materials = materials,
            MaterialsField = path + "materials",
        };
    }

    public override IReadOnlyList<string> UnitsToLoad(SeizureReleasePayload payload) => payload.UnitCodes;

    /// <summary>The release by the court that seized: the register check found its seizure by credit code.</summary>
    public override bool EntersAtOnce(Draft<SeizureReleasePayload> draft, SubmitContext context) => context.Partner is { Kind: PartnerKind.Court };

    public override void Check(SeizureReleasePayload payload, RegisterState state, Problems problems, string path)
    {
        for (var i = 0; i < payload.UnitCodes.Count; i++)
        {
            var field = $"{path}unitCodes[{i}]";
            if (RegisterChecks.Existing(state, payload.UnitCodes[i], field, problems) is { } unit && Seizure(unit.Restrictions, payload) is null)
            {
                problems.Add(ErrorCodes.SeizureNotFound, field, path + "seizureDocumentNumber");
            }
        }
    }

    public override async Task RecordAsync(SeizureReleasePayload payload, RecordContext context, CancellationToken cancellationToken)
    {
        var units = await context.Change.UnitsAsync(payload.UnitCodes, cancellationToken);
        var ids = units.Values.Select(u => u.Id).ToArray();
        var seizures = await context.Db.Restrictions
            .Where(r => ids.Contains(r.UnitId) && r.Kind == RestrictionKind.Seizure && r.Status == RestrictionStatus.Active && r.DocumentNumber == payload.SeizureDocumentNumber)
            .Include(r => r.BeneficiaryParty)
            .ToListAsync(cancellationToken);
        foreach (var unit in units.Values)
        {
            if (Seizure(seizures.Where(s => s.UnitId == unit.Id), payload) is { } seizure)
            {
                context.Change.ReleaseRestriction(unit, seizure, context.Application.BusinessNumber, payload.ReleaseDocumentNumber);
            }
        }
    }

    /// <summary>The seizure under the document that this court made: the court of record by credit code, never by name.</summary>
    private static Restriction? Seizure(IEnumerable<Restriction> restrictions, SeizureReleasePayload payload) =>
        restrictions.FirstOrDefault(r => r.Kind == RestrictionKind.Seizure && r.DocumentNumber == payload.SeizureDocumentNumber
            && r.BeneficiaryParty?.IdNumber == payload.Court.IdNumber);
}
