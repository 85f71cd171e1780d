using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Auth;
using OneWindow.Api.Caching;
using OneWindow.Api.Data;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Errors;
using OneWindow.Domain.Calendar;
using OneWindow.Domain.Identifiers;

namespace OneWindow.Api.Features.Certificates;

/// <summary>Why: 补证 (<c>LOST</c>) or 换证 (<c>DAMAGED</c>).</summary>
public sealed record CertificateReissueRequest(string? Reason = null);

/// <summary>GraphQL's input: the certificate number too (REST has it in the path).</summary>
public sealed record CertificateReissueInput(string? Number = null, string? Reason = null);

/// <summary>
/// 补证/换证: a registrar issues a new edition of a valid, issued certificate under the same number (the number is the
/// register's, assigned at 登簿; decision 0013). The new edition gets a new verification code and new tokens, dated
/// today; the old edition is replaced: its tokens and its code verify as REPLACED with <c>replacedBy</c> the number
/// (at the newer edition). Every instance answers so as soon as it commits (the number's version token changes).
/// </summary>
public sealed class ReissueCertificate(
    RegistryDbContext db, CertificateProduction production, HolderCertificates certificates, RegistryCache cache, TimeProvider time)
{
    public async Task<Result<CertificateView>> HandleAsync(string? numberText, CertificateReissueRequest? request, Caller caller, CancellationToken cancellationToken)
    {
        if (!CertificateNumber.TryParse(numberText, out var number, out var invalid))
        {
            return ApiError.Invalid(invalid, "number");
        }
        if (!Enum.TryParse<ReissueReason>(request?.Reason?.Trim(), ignoreCase: true, out var reason) || !Enum.IsDefined(reason) || int.TryParse(request?.Reason, out _))
        {
            return string.IsNullOrWhiteSpace(request?.Reason)
                ? ApiError.BadRequest(ErrorCodes.FieldRequired, "reason")
                : ApiError.BadRequest(ErrorCodes.InvalidReissueReason, "reason", "LOST_OR_DAMAGED");
        }
        var text = number.ToString();
        var certificate = await db.Certificates.AsNoTracking().SingleOrDefaultAsync(c => c.Number == text, cancellationToken);
        var content = certificate is null ? null : await CertificateContent.LoadAsync(db, text, cancellationToken);
        if (certificate is null || content is null)
        {
            return ApiError.NotFound(ErrorCodes.CertificateNotFound);
        }
        if (certificate.IssuedAt is null || certificate.Status != CertificateStatus.Valid)
        {
            return new ApiError(ErrorCodes.CertificateNotReissuable, StatusCodes.Status409Conflict,
                certificate.IssuedAt is null ? "NOT_ISSUED" : certificate.Status.ToString().ToUpperInvariant());
        }

        var now = time.GetUtcNow().UtcDateTime;
        var edition = certificate.Edition;
        var earlier = string.Join(' ', new[] { certificate.EarlierCodes, certificate.VerificationCode }.Where(c => !string.IsNullOrEmpty(c)));
        certificate.Edition = edition + 1;
        certificate.VerificationCode = CertificateProduction.NewCode();
        certificate.IssuedOn = ChinaTime.DateOf(now);
        certificate.ProducedAt = now;
        await production.SignAsync(certificate, content, cancellationToken);
        // Only the edition read moves on: a concurrent reissue (or a change of status) makes this one a conflict.
        var id = certificate.Id;
        var updated = await db.Certificates.Where(c => c.Id == id && c.Edition == edition && c.Status == CertificateStatus.Valid)
            .ExecuteUpdateAsync(set => set
                .SetProperty(c => c.Edition, certificate.Edition)
                .SetProperty(c => c.VerificationCode, certificate.VerificationCode)
                .SetProperty(c => c.EarlierCodes, earlier)
                .SetProperty(c => c.IssuedOn, certificate.IssuedOn)
                .SetProperty(c => c.ProducedAt, now)
                .SetProperty(c => c.IssuedAt, now)
                .SetProperty(c => c.Payload, certificate.Payload)
                .SetProperty(c => c.Token, certificate.Token)
                .SetProperty(c => c.Sm2Token, certificate.Sm2Token)
                .SetProperty(c => c.ReissuedAt, now)
                .SetProperty(c => c.ReissuedBy, caller.Name)
                .SetProperty(c => c.ReissueReason, reason)
                .SetProperty(c => c.PrintCount, 0), cancellationToken);
        if (updated == 0)
        {
            return new ApiError(ErrorCodes.ConcurrentChange, StatusCodes.Status409Conflict);
        }
        await cache.InvalidateUnitsAsync([CertificateProduction.CacheKey(text)], cancellationToken);
        var opened = await certificates.OpenAsync(text, caller, cancellationToken);
        return opened.Error is { } error ? error : HolderCertificates.View(opened.Value.Certificate, opened.Value.Content);
    }
}
