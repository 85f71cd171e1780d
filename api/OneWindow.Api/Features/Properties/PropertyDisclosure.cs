using System.Runtime.CompilerServices;
using OneWindow.Api.Auth;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Features.Audit;
using OneWindow.Domain.Calendar;
using OneWindow.Domain.Privacy;

namespace OneWindow.Api.Features.Properties;

/// <summary>
/// Who may see a unit, and its personal data (docs/decisions/0010-masking.md). A citizen sees only the units where
/// they hold a right or a restriction is in their favour; partners and staff see every unit. People's names and ID
/// numbers — holders, and those a restriction's authority and notes name (an advance notice's buyers, an objector, a
/// person mortgagee) — are masked unless the caller is entitled by <see cref="PersonalDataDisclosure"/>: holders to
/// staff and the holders themselves; a restriction's names to staff, the unit's holders and the persons it is in
/// favour of. Every unmasked answer is audited. Views come from the shared cache unmasked; masking happens here,
/// per caller, on every read.
/// </summary>
public sealed class PropertyDisclosure(PersonalDataDisclosure personalData, TimeProvider time)
{
    private static readonly string[] HolderFields = ["holders.name", "holders.idNumber"];
    private static readonly string[] RestrictionFields = ["restrictions.authority", "restrictions.notes"];

    private DateOnly Today => ChinaTime.DateOf(time.GetUtcNow().UtcDateTime);

    public bool MayRead(Caller caller, PropertyView view) =>
        !caller.IsCitizen || caller.IdNumber is { } idNumber && (HolderIdNumbers(view).Contains(idNumber) || view.Restrictions.Any(r => r.PersonIdNumbers.Contains(idNumber)));

    /// <summary>The response for this caller (masked or not; audited when not), or null when they may not see the unit.</summary>
    public PropertyResponse? Respond(Caller caller, PropertyView view)
    {
        if (!MayRead(caller, view))
        {
            return null;
        }
        var masking = new UnitMasking(caller, view);
        if (masking.RevealsNothing(view))
        {
            // Nothing of this caller's is in the answer: it is every such caller's, made once per view and day.
            return MaskedAnswer<PropertyResponse>.Of(view, masking, Today, false, static (view, masking, today, _) => PropertyResponses.From(view, masking, today));
        }
        var response = PropertyResponses.From(view, masking, Today);
        var fields = new List<string>();
        if (masking.RevealHolders && view.Rights.Any(r => r.Holders.Any(h => h.PartyKind == PartyKind.Person)))
        {
            fields.AddRange(HolderFields);
        }
        if (masking.RevealHolders && view.Rights.Any(r => r.Notes is { } notes && masking.NamesAPerson(notes, null)))
        {
            fields.Add("rights.notes");
        }
        if (view.Restrictions.Any(masking.RevealsPersonalData))
        {
            fields.AddRange(RestrictionFields);
        }
        personalData.Revealed(caller, $"unit:{view.UnitCode}", fields);
        return response;
    }

    /// <summary>The restriction verdict for this caller, its restrictions masked as in <see cref="Respond"/>; null when they may not see the unit.</summary>
    public RestrictionStatusResponse? RespondStatus(Caller caller, PropertyView view)
    {
        if (!MayRead(caller, view))
        {
            return null;
        }
        var masking = new UnitMasking(caller, view);
        var today = Today;
        if (masking.RevealsNothing(view))
        {
            return MaskedAnswer<RestrictionStatusResponse>.Of(view, masking, today, caller.English, Status);
        }
        var response = Status(view, masking, today, caller.English);
        personalData.Revealed(caller, $"unit:{view.UnitCode}", view.Restrictions.Any(masking.RevealsPersonalData) ? RestrictionFields : []);
        return response;
    }

    private static RestrictionStatusResponse Status(PropertyView view, UnitMasking masking, DateOnly today, bool english) =>
        RestrictionStatusResponse.From(view, [.. view.Restrictions.Select(r => PropertyResponses.From(r, masking, today))], today, english);

    /// <summary>ID numbers of the holders of the unit's ownership or use rights (not of its mortgages).</summary>
    private static IEnumerable<string> HolderIdNumbers(PropertyView view) =>
        view.Rights.Where(r => r.Kind != RightKind.Mortgage).SelectMany(r => r.Holders).Where(h => h.Role == HolderRole.Holder).Select(h => h.IdNumber);

    /// <summary>
    /// The answers every caller who is shown no personal data gets, kept with the view they were made from (views are
    /// cached and never changed) for the day and language they were made in: what is in force depends on the day.
    /// Answers are only read once made (serialized, or resolved field by field). An answer is kept from a view's
    /// second read on: a unit read once (a view loaded for one request, or a crawl) costs a marker, not a second copy
    /// of the view beside it in the cache's memory.
    /// </summary>
    private sealed class MaskedAnswer<T>(DateOnly day, bool english, T? answer) where T : class
    {
        private static readonly ConditionalWeakTable<PropertyView, MaskedAnswer<T>> Kept = new();

        private readonly DateOnly _day = day;
        private readonly bool _english = english;
        private readonly T? _answer = answer;

        public static T Of(PropertyView view, UnitMasking masking, DateOnly today, bool english, Func<PropertyView, UnitMasking, DateOnly, bool, T> make)
        {
            if (!Kept.TryGetValue(view, out var kept))
            {
                Kept.AddOrUpdate(view, new MaskedAnswer<T>(today, english, null));
                return make(view, masking, today, english);
            }
            if (kept._answer is { } known && kept._day == today && kept._english == english)
            {
                return known;
            }
            var answer = make(view, masking, today, english);
            Kept.AddOrUpdate(view, new MaskedAnswer<T>(today, english, answer));
            return answer;
        }
    }

    /// <summary>How one caller sees one unit's personal data.</summary>
    public sealed class UnitMasking
    {
        private readonly Caller _caller;
        private readonly PropertyView _view;
        private string[]? _personNames;

        public UnitMasking(Caller caller, PropertyView view)
        {
            _caller = caller;
            _view = view;
            RevealHolders = PersonalDataDisclosure.MayReveal(caller, HolderIdNumbers(view));
        }

        /// <summary>The names of the unit's holders who are persons, made when masking first needs them.</summary>
        private string[] PersonNames => _personNames ??=
            [.. _view.Rights.SelectMany(r => r.Holders).Where(h => h.PartyKind == PartyKind.Person).Select(h => h.Name).Distinct(StringComparer.Ordinal)];

        /// <summary>Whether the holders' names and ID numbers are shown (staff, the holders themselves).</summary>
        public bool RevealHolders { get; }

        /// <summary>Whether this caller sees the unit as anyone not entitled to its personal data does.</summary>
        public bool RevealsNothing(PropertyView view) => !RevealHolders && !view.Restrictions.Any(Reveals);

        /// <summary>Whether a restriction's names are shown: staff, the unit's holders, the persons it is in favour of.</summary>
        public bool Reveals(RestrictionView restriction) =>
            RevealHolders || PersonalDataDisclosure.MayReveal(_caller, restriction.PersonIdNumbers);

        /// <summary>Whether the restriction is shown unmasked and its authority or notes name a person (so the answer is audited).</summary>
        public bool RevealsPersonalData(RestrictionView restriction) =>
            Reveals(restriction) && (NamesAPerson(restriction.Authority, restriction) || restriction.Notes is { } notes && NamesAPerson(notes, restriction));

        /// <summary>Whether the text names a person of the unit (or of the restriction), or holds an ID number.</summary>
        public bool NamesAPerson(string text, RestrictionView? restriction) =>
            PersonalDataMasking.MaskIn(text, restriction is null ? PersonNames : PersonNames.Concat(restriction.PersonNames)) != text;

        /// <summary>
        /// A right's notes (附记, free text the submitter wrote, e.g. a mortgage's) as this caller sees them: the unit's
        /// people and every ID number masked unless the holders are revealed.
        /// </summary>
        public string? RightNotes(string? notes) =>
            notes is null || RevealHolders ? notes : PersonalDataMasking.MaskIn(notes, PersonNames);

        /// <summary>The authority and notes as this caller sees them, and whether anything in them was masked.</summary>
        public (string Authority, string? Notes, bool Masked) Restriction(RestrictionView restriction)
        {
            if (RevealHolders)
            {
                // Staff and the unit's holders see the whole entry, as the register has it.
                return (restriction.Authority, restriction.Notes, false);
            }
            var reveal = Reveals(restriction);
            var authority = Masked(restriction.Authority, restriction, reveal);
            var notes = restriction.Notes is { } text ? Masked(text, restriction, reveal) : null;
            return (authority, notes, authority != restriction.Authority || notes != restriction.Notes);
        }

        /// <summary>
        /// The text for a caller who may not see the holders: their names masked, the restriction's people's too unless
        /// revealed to the caller (then their ID numbers are kept), and every other ID number.
        /// </summary>
        private string Masked(string text, RestrictionView restriction, bool reveal)
        {
            return reveal
                ? PersonalDataMasking.MaskIn(text, PersonNames, restriction.PersonIdNumbers.ToHashSet(StringComparer.Ordinal))
                : PersonalDataMasking.MaskIn(text, PersonNames.Concat(restriction.PersonNames));
        }
    }
}
