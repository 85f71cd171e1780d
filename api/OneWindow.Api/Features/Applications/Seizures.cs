using OneWindow.Api.Auth;
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
/// be seized again (轮候查封): the new seizure is registered to take effect the day after those before it end, for
/// the days asked (<see cref="SeizureQueue"/>). Entry in the register adds a seizure restriction per unit, three years
/// by default.
/// </summary>
public sealed class Seizures : ApplicationKind<SeizureRequest, SeizurePayload>
{
    public override KindDeclaration Declaration { get; } = new(
        [BusinessType.Seizure], "submitSeizure", "/seizures", Scopes.SeizuresSubmit,
        "查封登记 by a court: recorded at once (即办) when valid.",
        typeof(SeizureInputType), [(ApplicantRole.Court, "court")]);

    protected override Draft<SeizurePayload>? Parse(SeizureRequest request, IReadOnlyList<string> circumstances, SubmitContext context, Problems problems, string path)
    {
        var court = Courts.Of(context, path + "court", problems);
        var units = Inputs.Units(request.UnitCodes, path + "unitCodes", problems, context.Options.MaxUnitsPerApplication);
        var document = Inputs.Text(request.DocumentNumber, path + "documentNumber", problems, 100, required: true);
        var starts = Inputs.Date(request.StartsOn, path + "startsOn", problems, required: false) ?? context.Today;
        var ends = Inputs.Date(request.EndsOn, path + "endsOn", problems, required: false) ?? SeizureQueue.LongestEnd(starts);
        // A seizure of real estate lasts at most three years at a time (DOMAIN.md); longer needs a 续封 before it ends.
        var termProblem = ends < starts ? "ENDS_BEFORE_IT_STARTS" : ends > SeizureQueue.LongestEnd(starts) ? "LONGER_THAN_THREE_YEARS" : null;
        if (termProblem is not null)
        {
            problems.Add(ErrorCodes.InvalidTerm, path + "endsOn", termProblem);
        }
        var notes = Inputs.Text(request.Notes, path + "notes", problems);
        if (court is null || units is null || document is null || termProblem is not null)
        {
            return null;
        }
        return new Draft<SeizurePayload>
        {
            Type = BusinessType.Seizure,
            Payload = new SeizurePayload(units, court, document, starts, ends, notes),
            Applicants = [(ApplicantRole.Court, court)],
            UnitCodes = units,
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
            // 轮候查封: behind the seizures already on the unit, from the day after they end, for as many days as asked.
            var seizures = (context.State.Unit(code)?.Restrictions ?? []).Select(SeizureChain.Of);
            var placed = SeizureQueue.Place(seizures, new SeizureTerm(payload.StartsOn, payload.EndsOn), context.Today);
            var queued = placed?.Queued ?? true;
            var term = placed?.Term ?? new SeizureTerm(payload.StartsOn, payload.EndsOn);
            context.Change.AddRestriction(units[code], new Restriction
            {
                Kind = RestrictionKind.Seizure,
                Authority = payload.Court.Name,
                // The court by its credit code: only it may release the seizure.
                BeneficiaryParty = court,
                DocumentNumber = payload.DocumentNumber,
                StartsOn = term.StartsOn,
                EndsOn = term.EndsOn,
                Notes = queued ? SeizureChain.Note("轮候查封", payload.Notes) : payload.Notes,
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
    public override KindDeclaration Declaration { get; } = new(
        [BusinessType.SeizureRelease], "submitSeizureRelease", "/seizure-releases", Scopes.SeizuresSubmit,
        "解封 by the court that seized: recorded at once (即办) when valid.",
        typeof(SeizureReleaseInputType), [(ApplicantRole.Court, "court")]);

    protected override Draft<SeizureReleasePayload>? Parse(SeizureReleaseRequest request, IReadOnlyList<string> circumstances, SubmitContext context, Problems problems, string path)
    {
        var court = Courts.Of(context, path + "court", problems);
        var units = Inputs.Units(request.UnitCodes, path + "unitCodes", problems, context.Options.MaxUnitsPerApplication);
        var seizure = Inputs.Text(request.SeizureDocumentNumber, path + "seizureDocumentNumber", problems, 100, required: true);
        var release = Inputs.Text(request.ReleaseDocumentNumber, path + "releaseDocumentNumber", problems, 100, required: true);
        var notes = Inputs.Text(request.Notes, path + "notes", problems);
        if (court is null || units is null || seizure is null || release is null)
        {
            return null;
        }
        return new Draft<SeizureReleasePayload>
        {
            Type = BusinessType.SeizureRelease,
            Payload = new SeizureReleasePayload(units, court, seizure, release, notes),
            Applicants = [(ApplicantRole.Court, court)],
            UnitCodes = units,
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
                if (seizure.EndsOn is { } end)
                {
                    // The seizures queued behind it take effect now (or when those still before them end).
                    var heldUntil = seizure.StartsOn <= context.Today ? context.Today.AddDays(-1) : seizure.StartsOn.AddDays(-1);
                    await SeizureChain.MoveQueueAsync(context, unit, end, heldUntil, "轮候查封，因在先查封解除而提前生效", payload.ReleaseDocumentNumber, cancellationToken);
                }
            }
        }
    }

    /// <summary>The seizure under the document that this court made: the court of record by credit code, never by name.</summary>
    private static Restriction? Seizure(IEnumerable<Restriction> restrictions, SeizureReleasePayload payload) =>
        restrictions.FirstOrDefault(r => r.Kind == RestrictionKind.Seizure && r.DocumentNumber == payload.SeizureDocumentNumber
            && r.BeneficiaryParty?.IdNumber == payload.Court.IdNumber);
}

/// <summary>
/// 续封: the court that seized extends its seizure before it ends, for at most three more years from the day after its
/// end. Immediate. Entry in the register adds the extension as a seizure from the day after the current one ends
/// (the register keeps both, each with its ruling), and the seizures of other courts queued behind it (轮候) move
/// back behind the extension: a timely 续封 keeps its place.
/// </summary>
public sealed class SeizureExtensions : ApplicationKind<SeizureExtensionRequest, SeizureExtensionPayload>
{
    public override KindDeclaration Declaration { get; } = new(
        [BusinessType.SeizureExtension], "submitSeizureExtension", "/seizure-extensions", Scopes.SeizuresSubmit,
        "续封 by the court that seized, before its seizure ends: recorded at once (即办) when valid.",
        typeof(SeizureExtensionInputType), [(ApplicantRole.Court, "court")]);

    protected override Draft<SeizureExtensionPayload>? Parse(SeizureExtensionRequest request, IReadOnlyList<string> circumstances, SubmitContext context, Problems problems, string path)
    {
        var court = Courts.Of(context, path + "court", problems);
        var units = Inputs.Units(request.UnitCodes, path + "unitCodes", problems, context.Options.MaxUnitsPerApplication);
        var seizure = Inputs.Text(request.SeizureDocumentNumber, path + "seizureDocumentNumber", problems, 100, required: true);
        var document = Inputs.Text(request.DocumentNumber, path + "documentNumber", problems, 100, required: true);
        var ends = Inputs.Date(request.EndsOn, path + "endsOn", problems, required: false);
        var notes = Inputs.Text(request.Notes, path + "notes", problems);
        if (court is null || units is null || seizure is null || document is null)
        {
            return null;
        }
        return new Draft<SeizureExtensionPayload>
        {
            Type = BusinessType.SeizureExtension,
            Payload = new SeizureExtensionPayload(units, court, seizure, document, ends, notes),
            Applicants = [(ApplicantRole.Court, court)],
            UnitCodes = units,
        };
    }

    public override IReadOnlyList<string> UnitsToLoad(SeizureExtensionPayload payload) => payload.UnitCodes;

    /// <summary>The extension by the court that seized: the register check found its seizure by credit code.</summary>
    public override bool EntersAtOnce(Draft<SeizureExtensionPayload> draft, SubmitContext context) => context.Partner is { Kind: PartnerKind.Court };

    public override void Check(SeizureExtensionPayload payload, RegisterState state, Problems problems, string path)
    {
        var today = state.Today;
        for (var i = 0; i < payload.UnitCodes.Count; i++)
        {
            var field = $"{path}unitCodes[{i}]";
            if (RegisterChecks.Existing(state, payload.UnitCodes[i], field, problems) is not { } unit)
            {
                continue;
            }
            // Before it ends: in force today (a lapsed seizure cannot be extended; a new one is a new seizure).
            if (InForce(unit.Restrictions, payload, today) is not { EndsOn: { } end })
            {
                problems.Add(ErrorCodes.SeizureNotFound, field, path + "seizureDocumentNumber");
            }
            else if (payload.EndsOn is { } asked && (asked <= end || asked > SeizureQueue.LongestEnd(end.AddDays(1))))
            {
                problems.Add(ErrorCodes.InvalidTerm, path + "endsOn", asked <= end ? "ENDS_BEFORE_THE_SEIZURE_ENDS" : "LONGER_THAN_THREE_YEARS");
            }
        }
    }

    public override async Task RecordAsync(SeizureExtensionPayload payload, RecordContext context, CancellationToken cancellationToken)
    {
        var units = await context.Change.UnitsAsync(payload.UnitCodes, cancellationToken);
        var court = await context.Parties.GetAsync(payload.Court, cancellationToken);
        foreach (var code in payload.UnitCodes)
        {
            if (InForce(context.State.Unit(code)?.Restrictions ?? [], payload, context.Today) is not { EndsOn: { } end })
            {
                continue;
            }
            var starts = end.AddDays(1);
            var extension = new Restriction
            {
                Kind = RestrictionKind.Seizure,
                Authority = payload.Court.Name,
                BeneficiaryParty = court,
                DocumentNumber = payload.DocumentNumber,
                StartsOn = starts,
                EndsOn = payload.EndsOn ?? SeizureQueue.LongestEnd(starts),
                Notes = SeizureChain.Note($"续封，原查封文号{payload.SeizureDocumentNumber}", payload.Notes),
                BusinessNumber = context.Application.BusinessNumber,
            };
            context.Change.AddRestriction(units[code], extension);
            await SeizureChain.MoveQueueAsync(context, units[code], end, extension.EndsOn.Value, "轮候查封，因在先查封续封而顺延", payload.DocumentNumber, cancellationToken);
        }
    }

    /// <summary>The seizure in force under the document that this court made (court of record by credit code).</summary>
    private static Restriction? InForce(IEnumerable<Restriction> restrictions, SeizureExtensionPayload payload, DateOnly today) =>
        restrictions.FirstOrDefault(r => r.Kind == RestrictionKind.Seizure && r.DocumentNumber == payload.SeizureDocumentNumber
            && r.BeneficiaryParty?.IdNumber == payload.Court.IdNumber && r.StartsOn <= today && r.EndsOn >= today);
}

/// <summary>What a 续封 enters: the seizure it extends, the extension's ruling and last day (null: three years).</summary>
public sealed record SeizureExtensionPayload(
    IReadOnlyList<string> UnitCodes, PartyData Court, string SeizureDocumentNumber, string DocumentNumber, DateOnly? EndsOn, string? Notes);

/// <summary>The seizures of a unit as one chain: those in force, then those queued behind them (轮候).</summary>
internal static class SeizureChain
{
    public static RestrictionInForce Of(Restriction restriction) => new(restriction.Kind, restriction.StartsOn, restriction.EndsOn);

    /// <summary>A note that starts with <paramref name="what"/>, then the court's own notes.</summary>
    public static string Note(string what, string? notes) => string.IsNullOrWhiteSpace(notes) ? what + "。" : $"{what}。{notes.TrimEnd('。')}。";

    /// <summary>
    /// The seizures queued right behind a seizure that ended on <paramref name="oldEnd"/> now wait only until
    /// <paramref name="newEnd"/> (a release: yesterday or earlier; an extension: its new end): each, in turn, is released
    /// and registered again with its new days — same court, ruling and length — so the register records the move.
    /// </summary>
    public static async Task MoveQueueAsync(
        RecordContext context, RealEstateUnit unit, DateOnly oldEnd, DateOnly newEnd, string why, string documentNumber, CancellationToken cancellationToken)
    {
        var waiting = await context.Db.Restrictions
            .Where(r => r.UnitId == unit.Id && r.Kind == RestrictionKind.Seizure && r.Status == RestrictionStatus.Active && r.StartsOn > context.Today)
            .Include(r => r.BeneficiaryParty)
            .OrderBy(r => r.StartsOn).ThenBy(r => r.Id)
            .ToListAsync(cancellationToken);
        foreach (var seizure in waiting)
        {
            var starts = newEnd.AddDays(1) < context.Today ? context.Today : newEnd.AddDays(1);
            if (seizure.StartsOn != oldEnd.AddDays(1) || seizure.EndsOn is not { } end || starts == seizure.StartsOn)
            {
                return;
            }
            context.Change.ReleaseRestriction(unit, seizure, context.Application.BusinessNumber, documentNumber);
            var moved = new Restriction
            {
                Kind = RestrictionKind.Seizure,
                Authority = seizure.Authority,
                BeneficiaryParty = seizure.BeneficiaryParty,
                DocumentNumber = seizure.DocumentNumber,
                StartsOn = starts,
                EndsOn = starts.AddDays(end.DayNumber - seizure.StartsOn.DayNumber),
                Notes = Note(why, seizure.Notes?.Replace("轮候查封。", "", StringComparison.Ordinal)),
                BusinessNumber = seizure.BusinessNumber,
            };
            context.Change.AddRestriction(unit, moved);
            oldEnd = end;
            newEnd = moved.EndsOn.Value;
        }
    }
}
