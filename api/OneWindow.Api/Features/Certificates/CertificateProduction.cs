using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Data;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Data.Register;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Calendar;
using OneWindow.Domain.Identifiers;
using OneWindow.Domain.Restrictions;

namespace OneWindow.Api.Features.Certificates;

/// <summary>
/// Produces certificates (缮证) and keeps their status with the register. Production reads what the entry in the
/// register (登簿) numbered, builds the canonical payload and signs it with the current ES256 and SM2 keys, in the
/// caller's transaction. The register's older certificates (the demo region's) are stored without payload: the
/// <see cref="CertificateBackfill"/> signs them in the background after the start, and a read that comes first
/// produces its certificate the same way (<see cref="EnsureProducedAsync"/>).
/// </summary>
public sealed class CertificateProduction(RegistryDbContext db, CertificateKeys keys)
{
    /// <summary>The alphabet of verification codes: no 0/O, 1/I/L, so a code read off paper is typed right.</summary>
    public const string CodeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    public const int CodeLength = 8;

    public static string CacheKey(string number) => "certificate:" + number;

    /// <summary>A new random verification code.</summary>
    public static string NewCode() => RandomNumberGenerator.GetString(CodeAlphabet, CodeLength);

    /// <summary>
    /// 缮证: a certificate for every number the application's entry in the register assigned (its new rights, its
    /// advance notice or objection), signed; tracked on the context, saved with the caller's change.
    /// <paramref name="issue"/>: issued at once too (an immediate type entered by the platform).
    /// </summary>
    public async Task<IReadOnlyList<Certificate>> ProduceAsync(RegistrationApplication application, DateTime now, bool issue, CancellationToken cancellationToken)
    {
        var businessNumber = application.BusinessNumber;
        var numbers = await db.Rights.AsNoTracking().Where(r => r.BusinessNumber == businessNumber && r.CertificateNumber != null)
            .Select(r => r.CertificateNumber!).Distinct().ToListAsync(cancellationToken);
        numbers.AddRange(await db.Restrictions.AsNoTracking()
            .Where(r => r.BusinessNumber == businessNumber && r.RightId == null && r.DocumentNumber != null
                && (r.Kind == RestrictionKind.AdvanceNotice || r.Kind == RestrictionKind.Objection))
            .Select(r => r.DocumentNumber!).Distinct().ToListAsync(cancellationToken));
        var existing = await db.Certificates.AsNoTracking().Where(c => numbers.Contains(c.Number)).Select(c => c.Number).ToListAsync(cancellationToken);
        var produced = new List<Certificate>();
        foreach (var number in numbers.Distinct().Except(existing).Order(StringComparer.Ordinal))
        {
            if (!CertificateNumber.TryParse(number, out var parsed, out _, new DateOnly(9998, 1, 1)))
            {
                continue;
            }
            var content = await CertificateContent.LoadAsync(db, number, cancellationToken);
            if (content is null)
            {
                continue;
            }
            var certificate = new Certificate
            {
                Number = number,
                Kind = parsed.Kind,
                BusinessNumber = businessNumber,
                ApplicationId = application.Id,
                VerificationCode = NewCode(),
                IssuedOn = ChinaTime.DateOf(now),
                ProducedAt = now,
                IssuedAt = issue ? now : null,
                Delivery = issue ? CertificateDelivery.Electronic : null,
            };
            await SignAsync(certificate, content, cancellationToken);
            db.Certificates.Add(certificate);
            produced.Add(certificate);
        }
        return produced;
    }

    /// <summary>
    /// 发证: the application's certificates are issued — electronically (the holders and the submitting partner fetch
    /// them from now on), and by post where a registrar recorded the dispatch already at 缮证 (<see cref="CertificateDispatch"/>).
    /// </summary>
    public async Task IssueAsync(RegistrationApplication application, DateTime now, CancellationToken cancellationToken)
    {
        var certificates = await db.Certificates.Where(c => c.ApplicationId == application.Id).ToListAsync(cancellationToken);
        foreach (var certificate in certificates)
        {
            certificate.IssuedAt ??= now;
            certificate.Delivery ??= CertificateDelivery.Electronic;
        }
    }

    /// <summary>
    /// A certificate with its payload and tokens: an older certificate without them is produced now (one writer wins;
    /// the others read its result).
    /// </summary>
    public async Task<Certificate?> EnsureProducedAsync(Certificate certificate, CancellationToken cancellationToken)
    {
        if (certificate.Payload is not null)
        {
            return certificate;
        }
        var content = await CertificateContent.LoadAsync(db, certificate.Number, cancellationToken);
        if (content is null)
        {
            return null;
        }
        await SignAsync(certificate, content, cancellationToken);
        return await StoreProducedAsync(certificate, cancellationToken)
            ? certificate
            : await db.Certificates.AsNoTracking().SingleAsync(c => c.Id == certificate.Id, cancellationToken);
    }

    /// <summary>
    /// Stores what <see cref="SignAsync"/> produced for an older certificate, unless another writer (a read's first
    /// use, the backfill, another instance) stored its own first: false then, and the certificate keeps that one.
    /// </summary>
    public async Task<bool> StoreProducedAsync(Certificate certificate, CancellationToken cancellationToken)
    {
        var id = certificate.Id;
        var updated = await db.Certificates.Where(c => c.Id == id && c.Payload == null).ExecuteUpdateAsync(set => set
            .SetProperty(c => c.Payload, certificate.Payload)
            .SetProperty(c => c.Token, certificate.Token)
            .SetProperty(c => c.Sm2Token, certificate.Sm2Token)
            .SetProperty(c => c.ProducedAt, certificate.ProducedAt), cancellationToken);
        return updated == 1;
    }

    /// <summary>Signs the content as this edition: payload and both tokens.</summary>
    public async Task SignAsync(Certificate certificate, CertificateContent content, CancellationToken cancellationToken)
    {
        var (es256, sm2) = await keys.SignersAsync(cancellationToken);
        var payload = content.Payload(certificate.Edition, certificate.IssuedOn);
        certificate.Payload = payload;
        certificate.Token = CertificateTokens.Create(payload, es256.Algorithm, es256.KeyId, es256.Sign);
        certificate.Sm2Token = CertificateTokens.Create(payload, sm2.Algorithm, sm2.KeyId, sm2.Sign);
        certificate.ProducedAt ??= DateTime.UtcNow;
    }

    /// <summary>
    /// Status follows the register, in the change that moves it: every certificate whose rights (or advance notice,
    /// objection) this change ended and of which nothing stays in force becomes replaced (a transfer: the buyer's new
    /// certificate of title takes its place) or cancelled (everything else), and its cached reads go stale after the
    /// commit on every instance.
    /// </summary>
    /// <summary>The business types whose entry ends a certificate of title by registering the right under a new one.</summary>
    private static bool ReplacesTitle(BusinessType type) => type is BusinessType.Transfer or BusinessType.OwnershipChange or BusinessType.Correction
        or BusinessType.RegistryCorrection or BusinessType.CertificateReplacementLost or BusinessType.CertificateReplacementDamaged or BusinessType.CourtOrderedTransfer;

    public static async Task FollowRegisterAsync(RegistryDbContext db, RegistrationApplication application, RegisterChange change, CancellationToken cancellationToken)
    {
        var endedRights = db.ChangeTracker.Entries<Right>()
            .Where(e => e.State == EntityState.Modified && e.Entity.Status == RightStatus.Ended && e.Entity.CertificateNumber != null)
            .Select(e => e.Entity).ToList();
        var releasedNotices = db.ChangeTracker.Entries<Restriction>()
            .Where(e => e.State == EntityState.Modified && e.Entity.Status == RestrictionStatus.Released && e.Entity.RightId == null
                && e.Entity.DocumentNumber != null && (e.Entity.Kind == RestrictionKind.AdvanceNotice || e.Entity.Kind == RestrictionKind.Objection))
            .Select(e => e.Entity.DocumentNumber!).ToList();
        var newTitle = db.ChangeTracker.Entries<Right>()
            .Where(e => e.State == EntityState.Added && e.Entity.Kind != RightKind.Mortgage && e.Entity.CertificateNumber != null)
            .Select(e => e.Entity.CertificateNumber).FirstOrDefault();
        var endedIds = endedRights.Select(r => r.Id).ToArray();
        var numbers = endedRights.Select(r => r.CertificateNumber!).Concat(releasedNotices).Distinct(StringComparer.Ordinal).ToArray();
        if (numbers.Length == 0)
        {
            return;
        }
        // A mortgage over several units keeps its certificate while one of them is still mortgaged under it.
        var stillInForce = await db.Rights.AsNoTracking()
            .Where(r => r.CertificateNumber != null && numbers.Contains(r.CertificateNumber) && r.Status == RightStatus.Active && !endedIds.Contains(r.Id))
            .Select(r => r.CertificateNumber!).Distinct().ToListAsync(cancellationToken);
        var ended = numbers.Except(stillInForce).ToArray();
        var certificates = await db.Certificates.Where(c => ended.Contains(c.Number) && c.Status == CertificateStatus.Valid).ToListAsync(cancellationToken);
        foreach (var certificate in certificates)
        {
            var replaced = ReplacesTitle(application.BusinessType) && certificate.Kind == CertificateKind.Title && newTitle is not null;
            certificate.Status = replaced ? CertificateStatus.Replaced : CertificateStatus.Cancelled;
            certificate.ReplacedBy = replaced ? newTitle : null;
            certificate.StatusChangedAt = change.Now;
        }
        foreach (var number in ended)
        {
            change.InvalidateAfterCommit(CacheKey(number));
        }
    }
}
