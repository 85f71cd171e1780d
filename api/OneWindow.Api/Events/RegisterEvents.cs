using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Data;
using OneWindow.Api.Data.Entities;
using OneWindow.Domain.Identifiers;
using OneWindow.Domain.Privacy;

namespace OneWindow.Api.Events;

/// <summary>One thing a register change did to a unit, as <see cref="Data.Register.RegisterChange"/> records it.</summary>
/// <param name="Transfer">The right entered is the new owners' title of a transfer (转移, 协助执行, 带押过户).</param>
/// <param name="Entry">The register entry that records it (set once the entries are made).</param>
public sealed record RegisterFact(
    RealEstateUnit Unit, RegisterEntryKind Kind, Right? Right, Restriction? Restriction, string? BusinessNumber, bool Transfer = false, RegisterEntry? Entry = null);

/// <summary>
/// The events of a register change (登簿): one per right or restriction entered or ended, a transfer as one
/// <c>unit.transferred</c>. Heard by whoever holds a right or restriction on the unit with the change, including the
/// right or restriction the change ended: a mortgagee hears of a seizure, transfer or cancellation on its unit, a
/// court of what happens on a unit it seized. A transfer also writes one <c>unit.transferNotice</c> per mortgage that
/// stays on the unit, heard by that mortgage's mortgagees of record only (Civil Code art. 406: the mortgagee is told of a
/// transfer).
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
            if (unitFacts.FirstOrDefault(f => f.Transfer) is { Right: { } title } transfer)
            {
                await AddTransferNoticesAsync(db, unit, transfer, title, ended?.Right, reported, now, cancellationToken);
            }
        }
    }

    /// <summary>
    /// Civil Code art. 406 (抵押人转让抵押财产的，应当及时通知抵押权人): the platform tells the mortgagee itself. Each
    /// mortgage in force on the unit after the transfer that the change did not enter (not the buyers' new mortgage of a
    /// 带押过户, not a mortgage notice converted by it) stays on the unit: its mortgagees of record, and nobody else, hear
    /// of the transfer, with the new owners as a bank sees them (people masked, decision 0010), the new title and the
    /// register entry that records it. Derived from the register alone: nothing a request says adds a recipient.
    /// </summary>
    private static async Task AddTransferNoticesAsync(
        RegistryDbContext db, RealEstateUnit unit, RegisterFact transfer, Right title, Right? previous, IReadOnlyList<RegisterFact> facts, DateTime now,
        CancellationToken cancellationToken)
    {
        var entered = facts.Where(f => f.Kind == RegisterEntryKind.RightRegistered).Select(f => f.Right!.Id).ToArray();
        var staying = await db.Rights.AsNoTracking()
            .Where(r => r.UnitId == unit.Id && r.Kind == RightKind.Mortgage && r.Status == RightStatus.Active && !entered.Contains(r.Id))
            .OrderBy(r => r.Id)
            .Select(r => new
            {
                r.CertificateNumber,
                Mortgagees = r.Holders.Where(h => h.Role == HolderRole.Holder).Select(h => new { h.Party!.IdType, h.Party.IdNumber }).ToList(),
            })
            .ToListAsync(cancellationToken);
        if (staying.Count == 0)
        {
            return;
        }
        var owners = (await db.RightHolders.AsNoTracking()
                .Where(h => h.RightId == title.Id && h.Role == HolderRole.Holder)
                .OrderBy(h => h.Position)
                .Select(h => new { h.Party!.Kind, h.Party.Name, h.Party.IdType, h.Party.IdNumber, h.Party.Nationality, h.SharePercent })
                .ToListAsync(cancellationToken))
            .Select(o => TransferNoticeOwner.Of(o.Kind, o.Name, o.IdType, o.IdNumber, o.Nationality, o.SharePercent))
            .ToList();
        var entry = transfer.Entry;
        foreach (var mortgage in staying)
        {
            var mortgagees = mortgage.Mortgagees.Select(m => EventRecipients.Identity(m.IdType, m.IdNumber)).OfType<string>().ToList();
            if (mortgagees.Count == 0)
            {
                continue;
            }
            Outbox.Add(db, EventTypes.UnitTransferNotice, now, transfer.BusinessNumber, unit.UnitCode,
                new
                {
                    unitCode = unit.UnitCode, businessNumber = transfer.BusinessNumber, mortgageCertificateNumber = mortgage.CertificateNumber,
                    certificateNumber = title.CertificateNumber, previousCertificateNumber = previous?.CertificateNumber, coOwnership = title.CoOwnership,
                    newOwners = owners,
                    registerEntry = entry is null ? null : new { sequence = entry.Sequence, recordedAt = entry.RecordedAt, hash = entry.Hash },
                },
                mortgagees);
        }
    }
}

/// <summary>
/// A new owner as a transfer notice names it for its mortgagee: an organisation as the register has it (public register
/// content); a person masked as a bank sees them in <c>property</c> (张*, 4412**********1234; decision 0010).
/// </summary>
public sealed record TransferNoticeOwner(PartyKind Kind, string Name, IdentityDocumentType IdType, string IdNumber, string? Nationality, decimal? SharePercent, bool Masked)
{
    public static TransferNoticeOwner Of(PartyKind kind, string name, IdentityDocumentType idType, string idNumber, string? nationality, decimal? sharePercent)
    {
        var mask = kind == PartyKind.Person;
        return new TransferNoticeOwner(kind, mask ? PersonalDataMasking.MaskName(name) : name, idType, mask ? PersonalDataMasking.MaskIdNumber(idNumber) : idNumber,
            nationality, sharePercent, mask);
    }
}
