using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using OneWindow.Api.Auth;
using OneWindow.Api.Data.Register;
using OneWindow.Api.Errors;

namespace OneWindow.Api.Features.Certificates;

/// <summary>
/// REST for electronic certificates: the published keys (anonymous), verification (anonymous by design, tightly
/// limited; higher with <c>certificates:verify</c>), the caller's own certificates and their documents (holders,
/// the submitting partner, registrars), key rotation (operators) and reprints (registrars).
/// </summary>
public static class CertificatesEndpoints
{
    public static void MapCertificatesEndpoints(this RouteGroupBuilder api)
    {
        var certificates = api.MapGroup("/certificates").WithTags("Certificates");

        certificates.MapGet("/keys", GetKeys)
            .WithName("GetCertificateKeys")
            .WithSummary("Every public key certificates were ever signed with, retired ones included: `keys` is a JWKS (ES256), `sm2Keys` the SM2 keys in the documented form (docs/certificates.md).")
            .AllowAnonymousByDesign();

        certificates.MapPost("/keys/rotation", RotateKeys)
            .WithName("RotateCertificateKeys")
            .WithSummary("Operators: a new ES256 and SM2 key pair signs from now on; the old keys are retired and stay published.")
            .RequireScope(Scopes.PlatformAdmin);

        certificates.MapPost("/verifications", Verify)
            .WithName("VerifyCertificate")
            .WithSummary("Verifies a certificate by number and verification code, or by its QR token: authentic or not (`failure` says why not), and its status now with masked holders. Anonymous callers get a tight rate limit; clients with certificates:verify a higher one.")
            .AllowAnonymousByDesign();

        certificates.MapGet("/", ListMine)
            .WithName("ListMyCertificates")
            .WithSummary("本人名下电子证照: the issued certificates the caller holds (a citizen by ID number, a partner by credit code) or whose application it submitted, newest first (at most 200).")
            .RequireAnyScope(Scopes.PropertiesRead, Scopes.ApplicationsRead);

        certificates.MapGet("/{number}", GetOne)
            .WithName("GetCertificate")
            .WithSummary("A certificate the caller holds, submitted or (staff) any: every field, unmasked, with its verification code and both tokens. Percent-encode the number in the path.")
            .RequireAnyScope(Scopes.PropertiesRead, Scopes.ApplicationsRead, Scopes.RegistryStaff);

        certificates.MapGet("/{number}/{format}", Download)
            .WithName("DownloadCertificate")
            .WithSummary("The certificate as `pdf` (CJK font and QR code embedded), `html` (printable), `qr.png` or `qr.svg` (the QR code, carrying the ES256 token).")
            .RequireAnyScope(Scopes.PropertiesRead, Scopes.ApplicationsRead, Scopes.RegistryStaff);

        certificates.MapPost("/{number}/reprints", Reprint)
            .WithName("ReprintCertificate")
            .WithSummary("Registrars: the certificate's PDF again, counted (打印次数) and recorded with who printed it.")
            .RequireScope(Scopes.RegistryStaff);
    }

    public static async Task<Ok<CertificateKeySet>> GetKeys(CertificateKeys keys, CancellationToken cancellationToken) =>
        TypedResults.Ok(await CertificateKeyHandlers.GetAsync(keys, cancellationToken));

    public static async Task<Results<Ok<CertificateKeySet>, ProblemHttpResult>> RotateKeys(CertificateKeys keys, HttpContext context, CancellationToken cancellationToken)
    {
        var result = await CertificateKeyHandlers.RotateAsync(Caller.From(context), keys, cancellationToken);
        return result.Error is { } error ? error.ToProblem(context) : TypedResults.Ok(result.Value);
    }

    internal static async Task<Results<Ok<CertificateVerification>, ProblemHttpResult>> Verify(
        [FromBody] CertificateVerificationRequest? request, VerifyCertificate verify, HttpContext context, CancellationToken cancellationToken)
    {
        var caller = Caller.From(context);
        var result = await verify.HandleAsync(request, caller, context, cancellationToken);
        return result.Error is { } error ? error.ToProblem(context) : TypedResults.Ok(WithMessage(result.Value!, caller.English));
    }

    public static async Task<Results<Ok<IReadOnlyList<CertificateSummary>>, ProblemHttpResult>> ListMine(
        HolderCertificates certificates, HttpContext context, CancellationToken cancellationToken)
    {
        var result = await certificates.ListMineAsync(Caller.From(context), cancellationToken);
        return result.Error is { } error ? error.ToProblem(context) : TypedResults.Ok(result.Value);
    }

    public static async Task<Results<Ok<CertificateView>, ProblemHttpResult>> GetOne(
        string number, HolderCertificates certificates, HttpContext context, CancellationToken cancellationToken)
    {
        var result = await certificates.OpenAsync(number, Caller.From(context), cancellationToken);
        return result.Error is { } error ? error.ToProblem(context) : TypedResults.Ok(HolderCertificates.View(result.Value.Certificate, result.Value.Content));
    }

    /// <param name="number">The certificate number, percent-encoded.</param>
    /// <param name="format">pdf, html, qr.png or qr.svg.</param>
    public static async Task<Results<FileContentHttpResult, ContentHttpResult, ProblemHttpResult>> Download(
        string number, string format, HolderCertificates certificates, HttpContext context, CancellationToken cancellationToken)
    {
        if (format is not ("pdf" or "html" or "qr.png" or "qr.svg"))
        {
            return ApiError.BadRequest(ErrorCodes.InvalidCertificateFormat, "format", "PDF_HTML_QR_PNG_QR_SVG").ToProblem(context);
        }
        var result = await certificates.OpenAsync(number, Caller.From(context), cancellationToken);
        if (result.Error is { } error)
        {
            return error.ToProblem(context);
        }
        var (certificate, content) = result.Value;
        var name = "certificate-" + certificate.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return format switch
        {
            "pdf" => TypedResults.File(CertificateDocuments.Pdf(certificate, content), "application/pdf", name + ".pdf"),
            "html" => TypedResults.Content(CertificateDocuments.Html(certificate, content), "text/html; charset=utf-8"),
            "qr.png" => TypedResults.File(CertificateDocuments.QrPng(certificate.Token!), "image/png"),
            _ => TypedResults.Content(CertificateDocuments.QrSvg(certificate.Token!), "image/svg+xml"),
        };
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Reprint(
        string number, HolderCertificates certificates, Data.RegistryDbContext db, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        var caller = Caller.From(context);
        var result = await certificates.OpenAsync(number, caller, cancellationToken);
        if (result.Error is { } error)
        {
            return error.ToProblem(context);
        }
        var (certificate, content) = result.Value;
        var now = time.GetUtcNow().UtcDateTime;
        var id = certificate.Id;
        await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ExecuteUpdateAsync(
            System.Linq.Queryable.Where(db.Certificates, c => c.Id == id),
            set => set.SetProperty(c => c.PrintCount, c => c.PrintCount + 1).SetProperty(c => c.LastPrintedAt, now).SetProperty(c => c.LastPrintedBy, caller.Name),
            cancellationToken);
        certificate.PrintCount++;
        return TypedResults.File(CertificateDocuments.Pdf(certificate, content), "application/pdf", $"certificate-{id}-reprint-{certificate.PrintCount}.pdf");
    }

    /// <summary>A negative answer's message in the caller's language.</summary>
    public static CertificateVerification WithMessage(CertificateVerification verification, bool english) =>
        verification.Failure is { } code ? verification with { FailureMessage = ErrorMessages.For(code, english) } : verification;
}
