using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Data;
using OneWindow.Api.Data.Entities;

namespace OneWindow.Api.Events;

/// <summary>One thing a register change did to a unit, as <see cref="Data.Register.RegisterChange"/> records it.</summary>
public sealed record RegisterFact(RealEstateUnit Unit, RegisterEntryKind Kind, Right? Right, Restriction? Restriction, string? BusinessNumber);

/// <summary>
/// The events of a register change (登簿): one per right or restriction entered or ended, a transfer as one
/// <c>unit.transferred</c>. Heard by whoever holds a right or restriction on the unit with the change, including the
/// right or restriction the change ended: a mortgagee hears of a seizure, transfer or cancellation on its unit, a
/// court of what happens on a unit it seized (Civil Code art. 406: the mortgagee is told of a transfer).
/// </summary>
public static class RegisterEvents
{
    /// <summary>Adds the events of <paramref name="facts"/>; the rows must be saved (ids known) in the open transaction.</summary>
    public static async Task AddAsync(RegistryDbContext db, IReadOnlyList<RegisterFact> facts, DateTime now, CancellationToken cancellationToken)
    {
        var reported = facts.Where(f => f.Kind != RegisterEntryKind.UnitEntered).ToList();
        if (reported.Count == 0)
        {
            return;
        }
        var unitIds = reported.Select(f => f.Unit.Id).Distinct().ToArray();
        var endedRights = reported.Where(f => f.Kind == RegisterEntryKind.RightEnded).Select(f => f.Right!.Id).ToArray();
        var released = reported.Where(f => f.Kind == RegisterEntryKind.RestrictionReleased).Select(f => f.Restriction!.Id).ToArray();
        var holders = await db.RightHolders.AsNoTracking()
            .Where(h => unitIds.Contains(h.Right!.UnitId) && (h.Right.Status == RightStatus.Active || endedRights.Contains(h.RightId)))
            .Select(h => new { h.Right!.UnitId, h.Party!.IdType, h.Party.IdNumber }).ToListAsync(cancellationToken);
        var parties = await db.Restrictions.AsNoTracking()
            .Where(r => unitIds.Contains(r.UnitId) && r.BeneficiaryPartyId != null && (r.Status == RestrictionStatus.Active || released.Contains(r.Id)))
            .Select(r => new { r.UnitId, r.BeneficiaryParty!.IdType, r.BeneficiaryParty.IdNumber }).ToListAsync(cancellationToken);

        foreach (var unitFacts in reported.GroupBy(f => f.Unit.Id))
        {
            var unit = unitFacts.First().Unit;
            var audience = holders.Where(h => h.UnitId == unit.Id).Select(h => EventRecipients.Identity(h.IdType, h.IdNumber))
                .Concat(parties.Where(p => p.UnitId == unit.Id).Select(p => EventRecipients.Identity(p.IdType, p.IdNumber)))
                .OfType<string>().Distinct(StringComparer.Ordinal).ToList();
            var pending = unitFacts.ToList();
            var ended = pending.FirstOrDefault(f => f.Kind == RegisterEntryKind.RightEnded && f.Right!.Kind != RightKind.Mortgage);
            var entered = pending.FirstOrDefault(f => f.Kind == RegisterEntryKind.RightRegistered && f.Right!.Kind != RightKind.Mortgage);
            if (ended is not null && entered is not null)
            {
                // A title ended and another entered on the unit in one change: the ownership passed (转移).
                pending.Remove(ended);
                pending.Remove(entered);
                Outbox.Add(db, EventTypes.UnitTransferred, now, entered.BusinessNumber ?? ended.BusinessNumber, unit.UnitCode,
                    new
                    {
                        unitCode = unit.UnitCode, businessNumber = entered.BusinessNumber ?? ended.BusinessNumber, rightKind = entered.Right!.Kind,
                        certificateNumber = entered.Right.CertificateNumber, previousCertificateNumber = ended.Right!.CertificateNumber,
                    },
                    audience);
            }
            foreach (var fact in pending)
            {
                if (fact.Right is { } right)
                {
                    var type = fact.Kind == RegisterEntryKind.RightAmended ? EventTypes.UnitRightAmended : EventTypes.ForRight(right.Kind, fact.Kind == RegisterEntryKind.RightEnded);
                    Outbox.Add(db, type, now, fact.BusinessNumber, unit.UnitCode,
                        new
                        {
                            unitCode = unit.UnitCode, businessNumber = fact.BusinessNumber, rightKind = right.Kind, mortgageKind = right.MortgageKind,
                            certificateNumber = right.CertificateNumber,
                        },
                        audience);
                }
                else if (fact.Restriction is { } restriction
                    && (fact.Kind == RegisterEntryKind.RestrictionAmended
                        ? EventTypes.ForAmendedRestriction(restriction.Kind)
                        : EventTypes.ForRestriction(restriction.Kind, fact.Kind == RegisterEntryKind.RestrictionReleased)) is { } type)
                {
                    // Note: not the authority or the notes: they name people (an objector, buyers); see 0010.
                    Outbox.Add(db, type, now, fact.BusinessNumber, unit.UnitCode,
                        new
                        {
                            unitCode = unit.UnitCode, businessNumber = fact.BusinessNumber, restrictionKind = restriction.Kind,
                            documentNumber = restriction.DocumentNumber, releaseDocumentNumber = restriction.ReleaseDocumentNumber,
                            startsOn = restriction.StartsOn, endsOn = restriction.EndsOn, lawsuitFiledOn = restriction.LawsuitFiledOn,
                        },
                        audience);
                }
            }
        }
    }
}
