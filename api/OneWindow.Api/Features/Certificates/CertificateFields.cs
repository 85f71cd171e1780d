using GraphQL;
using GraphQL.Types;
using OneWindow.Api.Auth;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.GraphQL;
using OneWindow.Api.GraphQL.Schema;

namespace OneWindow.Api.Features.Certificates;

/// <summary>
/// The certificates' fields of the Query root: verification (anonymous by design, limited as on REST) and the caller's
/// own certificates. Invalid input (a malformed number, neither or both ways) is a top-level error with
/// <c>extensions.code</c>; a certificate that is not authentic is an answer with <c>authentic: false</c>.
/// </summary>
public static class CertificateFields
{
    public static void AddCertificateQueries(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<CertificateVerificationType>>("verifyCertificate")
            .Description("Verifies a certificate by its number and the verification code printed on it: authentic or not, and its status now with masked holders.")
            .Argument<NonNullGraphType<StringGraphType>>("number")
            .Argument<NonNullGraphType<StringGraphType>>("verificationCode")
            .RequireScope(ScopeMetadata.Anonymous)
            .ResolveAsync(context => VerifyAsync(context, new CertificateVerificationRequest(
                context.GetArgument<string>("number"), context.GetArgument<string>("verificationCode"))));

        query.Field<NonNullGraphType<CertificateVerificationType>>("verifyCertificateToken")
            .Description("Verifies the token of a certificate's QR code (ES256 or SM2-SM3): authentic or not, and its status now.")
            .Argument<NonNullGraphType<StringGraphType>>("token")
            .RequireScope(ScopeMetadata.Anonymous)
            .ResolveAsync(context => VerifyAsync(context, new CertificateVerificationRequest(Token: context.GetArgument<string>("token"))));

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<CertificateSummaryType>>>>("myCertificates")
            .Description("本人名下电子证照: the issued certificates the caller holds or whose application it submitted, newest first (at most 200).")
            .RequireScope(ScopeMetadata.Authenticated)
            .ResolveAsync(async context =>
            {
                var result = await context.RequestServices!.GetRequiredService<HolderCertificates>().ListMineAsync(context.Caller(), context.CancellationToken);
                return context.Unwrap(result);
            });
    }

    private static async Task<object?> VerifyAsync(IResolveFieldContext context, CertificateVerificationRequest request)
    {
        var caller = context.Caller();
        var result = await context.RequestServices!.GetRequiredService<VerifyCertificate>()
            .HandleAsync(request, caller, RegistryUserContext.From(context)?.HttpContext, context.CancellationToken);
        return CertificatesEndpoints.WithMessage(context.Unwrap(result), caller.English);
    }
}

public sealed class CertificateVerificationType : ObjectGraphType<CertificateVerification>
{
    public CertificateVerificationType()
    {
        Name = "CertificateVerification";
        Description = "Whether a certificate is authentic and, if so, where it stands now. Holders are masked (a person's name and ID number).";
        this.RequireScope(ScopeMetadata.Anonymous);
        Field(v => v.Authentic).Description("True when the number and code match an issued certificate, or the token's signature checks against a published key.");
        Field(v => v.Failure, nullable: true).Description("Why not: CERTIFICATE_NOT_FOUND, VERIFICATION_CODE_MISMATCH, TOKEN_MALFORMED, TOKEN_ALGORITHM_UNSUPPORTED, TOKEN_KEY_UNKNOWN or TOKEN_SIGNATURE_INVALID.");
        Field(v => v.FailureMessage, nullable: true);
        Field(v => v.Status, type: typeof(EnumerationGraphType<CertificateStatus>)).Description("VALID, CANCELLED (what it certified has ended) or REPLACED (a transfer or a reissue).");
        Field(v => v.Number, nullable: true);
        Field(v => v.Kind, nullable: true).Description("TITLE (不动产权证书) or REGISTRATION (不动产登记证明).");
        Field(v => v.Edition, nullable: true).Description("The edition verified (a reissue raises it).");
        Field(v => v.Matter, nullable: true).Description("The right or matter certified (权利类型 / 证明事项).");
        Field(v => v.Registry, nullable: true);
        Field(v => v.IssuedOn, nullable: true);
        Field(v => v.Holders, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<VerifiedPartyType>>>));
        Field(v => v.Obligors, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<VerifiedPartyType>>>));
        Field(v => v.Units, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<VerifiedUnitType>>>)).Description("At most three; unitCount counts them all.");
        Field(v => v.UnitCount);
        Field(v => v.RightNature, nullable: true);
        Field(v => v.StatusChangedAt, nullable: true);
        Field(v => v.ReplacedBy, nullable: true);
        Field(v => v.KeyId, nullable: true).Description("The key that signed the token verified (null for verification by number).");
        Field(v => v.Algorithm, nullable: true);
    }
}

public sealed class VerifiedPartyType : ObjectGraphType<VerifiedParty>
{
    public VerifiedPartyType()
    {
        Name = "VerifiedParty";
        this.RequireScope(ScopeMetadata.Anonymous);
        Field(p => p.Name);
        Field(p => p.IdNumber);
    }
}

public sealed class VerifiedUnitType : ObjectGraphType<VerifiedUnit>
{
    public VerifiedUnitType()
    {
        Name = "VerifiedUnit";
        this.RequireScope(ScopeMetadata.Anonymous);
        Field(u => u.UnitCode);
        Field(u => u.Location);
    }
}

public sealed class CertificateSummaryType : ObjectGraphType<CertificateSummary>
{
    public CertificateSummaryType()
    {
        Name = "CertificateSummary";
        this.RequireScope(ScopeMetadata.Authenticated);
        Field(c => c.Number);
        Field(c => c.Kind, type: typeof(NonNullGraphType<EnumerationGraphType<OneWindow.Domain.Identifiers.CertificateKind>>));
        Field(c => c.Edition);
        Field(c => c.Status, type: typeof(NonNullGraphType<EnumerationGraphType<CertificateStatus>>));
        Field(c => c.IssuedOn);
        Field(c => c.Issued);
        Field(c => c.BusinessNumber, nullable: true);
        Field(c => c.Delivery, type: typeof(EnumerationGraphType<CertificateDelivery>));
        Field(c => c.Courier, nullable: true);
        Field(c => c.TrackingNumber, nullable: true);
    }
}
