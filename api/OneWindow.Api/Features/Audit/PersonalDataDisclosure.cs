using OneWindow.Api.Auth;

namespace OneWindow.Api.Features.Audit;

/// <summary>
/// The one rule for a natural person's name and ID number (DESIGN.md, "Personal data"; docs/decisions/0010-masking.md): registry
/// staff see them, and so do the people entitled to the thing they appear in — the person themself, the holders of
/// the unit, a party to the application — identified by their resident ID number (a citizen) or credit code (a
/// partner); everyone else sees them masked (PersonalDataMasking). Every answer that carries them unmasked is
/// recorded in the audit log before it leaves (<see cref="PersonalDataAudit"/>). Organisations' names and credit
/// codes are not personal data and are never masked.
/// </summary>
public sealed class PersonalDataDisclosure(PersonalDataAudit audit)
{
    /// <summary>
    /// Whether <paramref name="caller"/> sees unmasked the personal data of something <paramref name="entitled"/>
    /// (the ID numbers or credit codes of those it belongs to or concerns) may be shown to. <paramref name="callerIdentity"/>
    /// is the number the caller is known by: a citizen's ID number by default, a partner's credit code when the
    /// feature has read it.
    /// </summary>
    public static bool MayReveal(Caller caller, IEnumerable<string> entitled, string? callerIdentity = null) =>
        caller.IsStaff || (callerIdentity ?? (caller.IsCitizen ? caller.IdNumber : null)) is { } identity && entitled.Contains(identity, StringComparer.Ordinal);

    /// <summary>
    /// Records that the answer to <paramref name="caller"/> carries <paramref name="fields"/> of
    /// <paramref name="subject"/> (<c>unit:…</c>, <c>application:…</c>) unmasked; nothing when there are none.
    /// </summary>
    public void Revealed(Caller caller, string subject, IReadOnlyCollection<string> fields)
    {
        if (fields.Count > 0)
        {
            audit.Record(caller, subject, string.Join(',', fields));
        }
    }
}
