using OneWindow.Api.Auth;
using OneWindow.Api.Data.Entities;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Identifiers;
using OneWindow.Domain.Restrictions;

namespace OneWindow.Api.Features.Applications;

public sealed record ObjectionPayload(string UnitCode, PartyData Objector, string Matter);

/// <summary>
/// 异议登记: an interested party claims the register is wrong. It blocks nothing, but a later applicant disposing of the
/// right is told. Immediate by default; the restriction lapses 15 days on unless the objector sues (DOMAIN.md).
/// </summary>
public sealed class Objections : ApplicationKind<ObjectionRequest, ObjectionPayload>
{
    /// <summary>The objector must sue within this many days, or the objection lapses.</summary>
    public const int LapsesAfterDays = ObjectionLapse.Days;

    public override KindDeclaration Declaration { get; } = new(
        [BusinessType.Objection], "submitObjection", "/objections", Scopes.ApplicationsSubmit,
        "异议登记: deemed accepted at once and entered by a registrar the same working day.",
        typeof(ObjectionInputType), [(ApplicantRole.InterestedParty, "objector")]);

    protected override Draft<ObjectionPayload>? Parse(ObjectionRequest request, IReadOnlyList<string> circumstances, SubmitContext context, Problems problems, string path)
    {
        var unit = Inputs.Unit(request.UnitCode, path + "unitCode", problems);
        var objector = Inputs.Party(request.Objector, path + "objector", problems, context.Today);
        var matter = Inputs.Text(request.Matter, path + "matter", problems, 500, required: true);
        if (unit is null || objector is null || matter is null)
        {
            return null;
        }
        return new Draft<ObjectionPayload>
        {
            Type = BusinessType.Objection,
            Payload = new ObjectionPayload(unit, objector, matter),
            Applicants = [(ApplicantRole.InterestedParty, objector)],
            UnitCodes = [unit],
        };
    }

    public override string UnitField(int index) => "unitCode";

    public override IReadOnlyList<string> UnitsToLoad(ObjectionPayload payload) => [payload.UnitCode];

    public override void Check(ObjectionPayload payload, RegisterState state, Problems problems, string path) =>
        RegisterChecks.Existing(state, payload.UnitCode, path + "unitCode", problems);

    public override async Task RecordAsync(ObjectionPayload payload, RecordContext context, CancellationToken cancellationToken)
    {
        var unit = (await context.Change.UnitsAsync([payload.UnitCode], cancellationToken))[payload.UnitCode];
        var objector = await context.Parties.GetAsync(payload.Objector, cancellationToken);
        var certificate = (await context.Numbering.CertificateNumbersAsync(CertificateKind.Registration, 1, context.Db, cancellationToken))[0];
        context.Change.AddRestriction(unit, new Restriction
        {
            Kind = RestrictionKind.Objection,
            Authority = objector.Name,
            BeneficiaryParty = objector,
            DocumentNumber = certificate.ToString(),
            StartsOn = context.Today,
            EndsOn = ObjectionLapse.EndsOn(context.Today, lawsuitFiledOn: null),
            Notes = $"异议事项：{payload.Matter}",
            BusinessNumber = context.Application.BusinessNumber,
        });
    }
}
