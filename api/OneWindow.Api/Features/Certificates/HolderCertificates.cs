using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Auth;
using OneWindow.Api.Data;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Features.Audit;
using OneWindow.Api.Errors;
using OneWindow.Domain.Identifiers;
using OneWindow.Domain.Restrictions;

namespace OneWindow.Api.Features.Certificates;

/// <summary>A certificate in a list: what its row says (the content is read when it is opened).</summary>
public sealed record CertificateSummary(
    string Number, CertificateKind Kind, int Edition, CertificateStatus Status, DateOnly IssuedOn, bool Issued, string? BusinessNumber,
    CertificateDelivery? Delivery, string? Courier, string? TrackingNumber);

/// <summary>A certificate opened by someone entitled to it: every field of the paper certificate, its code and tokens.</summary>
public sealed record CertificateView(
    string Number, CertificateKind Kind, int Edition, CertificateStatus Status, DateTime? StatusChangedAt, string? ReplacedBy,
    string Matter, string Registry, DateOnly IssuedOn, bool Issued,
    IReadOnlyList<CertificateParty> Holders, IReadOnlyList<CertificateParty> Obligors, IReadOnlyList<CertificateUnit> Units,
    string? RightNature, string? CoOwnership, DateOnly? TermStart, DateOnly? TermEnd, long? SecuredAmountFen, string? Notes,
    string VerificationCode, string Token, string Sm2Token, string? BusinessNumber,
    CertificateDelivery? Delivery, string? Courier, string? TrackingNumber, int PrintCount);

/// <summary>
/// 本人名下电子证照: who may open a certificate, and the lists. A certificate is the holders' (权利人, by the ID number
/// or credit code of record — a citizen's from their account, a partner's verified credit code), the submitting
/// partner's (or person's) for an application it filed, and every registrar's. To anyone else it does not exist
/// (CERTIFICATE_NOT_FOUND, not FORBIDDEN: its existence is not told). Opening one shows the holders unmasked and is audited.
/// </summary>
public sealed class HolderCertificates(RegistryDbContext db, CertificateProduction production, PersonalDataDisclosure disclosure)
{
    /// <summary>The most a list returns, newest first.</summary>
    public const int MaxListed = 200;

    public async Task<Result<IReadOnlyList<CertificateSummary>>> ListMineAsync(Caller caller, CancellationToken cancellationToken)
    {
        var identity = await IdentityAsync(caller, cancellationToken);
        var subject = caller.SubjectKey;
        if (identity is null && subject is null)
        {
            return new ApiError(ErrorCodes.Forbidden, StatusCodes.Status403Forbidden);
        }
        var held = identity is null ? db.Certificates.Where(_ => false) : Held(identity);
        var filed = subject is null ? db.Certificates.Where(_ => false)
            : db.Certificates.Where(c => c.ApplicationId != null && db.Applications.Any(a => a.Id == c.ApplicationId && a.SubmitterKey == subject));
        var rows = await held.Union(filed).Where(c => c.IssuedAt != null)
            .OrderByDescending(c => c.IssuedOn).ThenByDescending(c => c.Id).Take(MaxListed)
            .Select(Summary).ToListAsync(cancellationToken);
        return rows;
    }

    /// <summary>The certificates an application produced, for whoever may see the application (checked by the caller).</summary>
    public async Task<IReadOnlyList<CertificateSummary>> OfApplicationAsync(long applicationId, bool includeUnissued, CancellationToken cancellationToken) =>
        await db.Certificates.AsNoTracking().Where(c => c.ApplicationId == applicationId && (includeUnissued || c.IssuedAt != null))
            .OrderBy(c => c.Number).Select(Summary).ToListAsync(cancellationToken);

    /// <summary>Opens a certificate the caller is entitled to, produced if it was not yet; audited when it shows people.</summary>
    public async Task<Result<(Certificate Certificate, CertificateContent Content)>> OpenAsync(string? numberText, Caller caller, CancellationToken cancellationToken)
    {
        if (!CertificateNumber.TryParse(numberText, out var number, out var error))
        {
            return ApiError.Invalid(error, "number");
        }
        var text = number.ToString();
        var certificate = await db.Certificates.AsNoTracking().SingleOrDefaultAsync(c => c.Number == text, cancellationToken);
        var content = certificate is null ? null : await CertificateContent.LoadAsync(db, text, cancellationToken);
        if (certificate is null || content is null || !await MayOpenAsync(caller, certificate, content, cancellationToken))
        {
            return ApiError.NotFound(ErrorCodes.CertificateNotFound);
        }
        certificate = await production.EnsureProducedAsync(certificate, cancellationToken);
        if (certificate is null)
        {
            return ApiError.NotFound(ErrorCodes.CertificateNotFound);
        }
        if (content.Holders.Concat(content.Obligors).Any(p => p.Kind == PartyKind.Person))
        {
            disclosure.Revealed(caller, "certificate:" + text, ["holders.name", "holders.idNumber"]);
        }
        return (certificate, content);
    }

    public static CertificateView View(Certificate c, CertificateContent content) => new(
        c.Number, c.Kind, c.Edition, c.Status, c.StatusChangedAt, c.ReplacedBy, content.Matter, content.Registry, c.IssuedOn, c.IssuedAt is not null,
        content.Holders, content.Obligors, content.Units, content.RightNature, content.CoOwnership, content.TermStart, content.TermEnd,
        content.SecuredAmountFen, content.Notes, c.VerificationCode, c.Token!, c.Sm2Token!, c.BusinessNumber, c.Delivery, c.Courier, c.TrackingNumber, c.PrintCount);

    private async Task<bool> MayOpenAsync(Caller caller, Certificate certificate, CertificateContent content, CancellationToken cancellationToken)
    {
        if (caller.IsStaff)
        {
            return true;
        }
        if (certificate.IssuedAt is null)
        {
            return false;
        }
        if (await IdentityAsync(caller, cancellationToken) is { } identity && content.Holders.Any(h => h.IdNumber == identity))
        {
            return true;
        }
        return certificate.ApplicationId is { } id && caller.SubjectKey is { } subject
            && await db.Applications.AnyAsync(a => a.Id == id && a.SubmitterKey == subject, cancellationToken);
    }

    /// <summary>The number the caller holds rights under: a citizen's ID number of record, a partner's verified credit code.</summary>
    private async Task<string?> IdentityAsync(Caller caller, CancellationToken cancellationToken)
    {
        if (caller.IsCitizen)
        {
            return caller.IdNumber;
        }
        if (caller.PartnerId is { } partnerId)
        {
            return await db.Partners.AsNoTracking().Where(p => p.Id == partnerId && p.Status == PartnerStatus.Approved)
                .Select(p => p.CreditCode).SingleOrDefaultAsync(cancellationToken);
        }
        return null;
    }

    private IQueryable<Certificate> Held(string identity)
    {
        var rights = db.RightHolders.Where(h => h.Role == HolderRole.Holder && h.Party!.IdNumber == identity && h.Right!.CertificateNumber != null)
            .Select(h => h.Right!.CertificateNumber!);
        var notices = db.Restrictions.Where(r => r.RightId == null && r.DocumentNumber != null && r.BeneficiaryParty!.IdNumber == identity
                && (r.Kind == RestrictionKind.AdvanceNotice || r.Kind == RestrictionKind.Objection))
            .Select(r => r.DocumentNumber!);
        return db.Certificates.Where(c => rights.Contains(c.Number) || notices.Contains(c.Number));
    }

    private static readonly System.Linq.Expressions.Expression<Func<Certificate, CertificateSummary>> Summary = c => new CertificateSummary(
        c.Number, c.Kind, c.Edition, c.Status, c.IssuedOn, c.IssuedAt != null, c.BusinessNumber, c.Delivery, c.Courier, c.TrackingNumber);
}
