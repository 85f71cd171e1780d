using OneWindow.Api.Auth;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Features.Audit;
using OneWindow.Domain.Calendar;

namespace OneWindow.Api.Features.Properties;

/// <summary>
/// Who may see a unit, and its personal data: a citizen sees only the units where they hold a right; partners and
/// staff see every unit. Names and ID numbers of people are shown to the holders themselves and to staff, masked to
/// everyone else, and every unmasked answer is audited.
/// </summary>
public sealed class PropertyDisclosure(PersonalDataAudit audit, TimeProvider time)
{
    private static readonly string Fields = "holders.name,holders.idNumber";

    public bool MayRead(Caller caller, PropertyView view) => !caller.IsCitizen || IsHolder(caller, view);

    public bool MayReveal(Caller caller, PropertyView view) => caller.IsStaff || IsHolder(caller, view);

    /// <summary>The response for this caller (masked or not; audited when not), or null when they may not see the unit.</summary>
    public PropertyResponse? Respond(Caller caller, PropertyView view)
    {
        if (!MayRead(caller, view))
        {
            return null;
        }
        var reveal = MayReveal(caller, view);
        if (reveal && view.Rights.Any(r => r.Holders.Any(h => h.PartyKind == PartyKind.Person)))
        {
            audit.Record(caller, $"unit:{view.UnitCode}", Fields);
        }
        return PropertyResponses.From(view, reveal, ChinaTime.DateOf(time.GetUtcNow().UtcDateTime));
    }

    private static bool IsHolder(Caller caller, PropertyView view) =>
        caller.IdNumber is { } idNumber
        && view.Rights.Any(r => r.Kind != RightKind.Mortgage && r.Holders.Any(h => h.Role == HolderRole.Holder && h.IdNumber == idNumber));
}
