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

    /// <summary>The certificates' fields of the Mutation root: registrars record a dispatch by post and reissue.</summary>
    public static void AddCertificateMutations(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<CertificateDispatchPayloadType>>("recordCertificateDispatch")
            .Description("Registrars: the courier and tracking number of an application's paper certificates sent by post (快递查询), at 缮证 or after 发证; again to correct it.")
            .Argument<NonNullGraphType<CertificateDispatchInputType>>("input")
            .RequireScope(Scopes.RegistryStaff)
            .ResolveAsync(async context =>
            {
                var input = context.GetArgument<CertificateDispatchInput>("input");
                var result = await context.RequestServices!.GetRequiredService<CertificateDispatch>()
                    .RecordAsync(input.BusinessNumber, new CertificateDispatchRequest(input.Courier, input.TrackingNumber), context.CancellationToken);
                return new CertificateDispatchPayload(result.Value, result.Error is { } error ? [UserError.From(error, context.Caller().English)] : []);
            });

        mutation.Field<NonNullGraphType<CertificateReissuePayloadType>>("reissueCertificate")
            .Description("Registrars: 补证 (LOST) or 换证 (DAMAGED) — a new edition under the same number with a new verification code; the old edition verifies as REPLACED.")
            .Argument<NonNullGraphType<CertificateReissueInputType>>("input")
            .RequireScope(Scopes.RegistryStaff)
            .ResolveAsync(async context =>
            {
                var input = context.GetArgument<CertificateReissueInput>("input");
                var caller = context.Caller();
                var result = await context.RequestServices!.GetRequiredService<ReissueCertificate>()
                    .HandleAsync(input.Number, new CertificateReissueRequest(input.Reason), caller, context.CancellationToken);
                if (result.Error is { } error)
                {
                    return new CertificateReissuePayload(null, null, null, [UserError.From(error, caller.English)]);
                }
                var view = result.Value!;
                return new CertificateReissuePayload(
                    new CertificateSummary(view.Number, view.Kind, view.Edition, view.Status, view.IssuedOn, view.Issued, view.BusinessNumber, view.Delivery, view.Courier, view.TrackingNumber),
                    view.VerificationCode, view.Token, []);
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

/// <summary>How an application's certificates reach the applicant; its fields inherit the scope of the field that returned it.</summary>
public sealed class CertificateDeliveryStatusType : ObjectGraphType<CertificateDeliveryStatus>
{
    public CertificateDeliveryStatusType()
    {
        Name = "CertificateDeliveryStatus";
        Description = "快递查询: ELECTRONIC only, or POST with the courier and tracking number a registrar recorded.";
        Field(d => d.Method, type: typeof(NonNullGraphType<EnumerationGraphType<CertificateDelivery>>));
        Field(d => d.Courier, nullable: true);
        Field(d => d.TrackingNumber, nullable: true);
        Field(d => d.DispatchedAt, nullable: true).Description("When the registrar recorded the dispatch (UTC).");
    }
}

public sealed class CertificateDispatchInputType : InputObjectGraphType<CertificateDispatchInput>
{
    public CertificateDispatchInputType()
    {
        Name = "CertificateDispatchInput";
        Field(r => r.BusinessNumber, nullable: true).Description("The application whose certificates were sent.");
        Field(r => r.Courier, nullable: true).Description("The courier (at most 40 characters), e.g. 中国邮政EMS, 顺丰速运.");
        Field(r => r.TrackingNumber, nullable: true).Description("6–30 letters, digits or hyphens.");
    }
}

public sealed record CertificateDispatchPayload(CertificateDeliveryStatus? Delivery, IReadOnlyList<UserError> Errors);

public sealed class CertificateDispatchPayloadType : ObjectGraphType<CertificateDispatchPayload>
{
    public CertificateDispatchPayloadType()
    {
        Name = "CertificateDispatchPayload";
        Field(p => p.Delivery, type: typeof(CertificateDeliveryStatusType)).Description("Null when refused.");
        Field(p => p.Errors, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>));
    }
}

public sealed class CertificateReissueInputType : InputObjectGraphType<CertificateReissueInput>
{
    public CertificateReissueInputType()
    {
        Name = "CertificateReissueInput";
        Field(r => r.Number, nullable: true).Description("The certificate number.");
        Field(r => r.Reason, nullable: true).Description("LOST (补证) or DAMAGED (换证).");
    }
}

public sealed record CertificateReissuePayload(CertificateSummary? Certificate, string? VerificationCode, string? Token, IReadOnlyList<UserError> Errors);

public sealed class CertificateReissuePayloadType : ObjectGraphType<CertificateReissuePayload>
{
    public CertificateReissuePayloadType()
    {
        Name = "CertificateReissuePayload";
        Field(p => p.Certificate, type: typeof(CertificateSummaryType)).Description("The new edition; null when refused.");
        Field(p => p.VerificationCode, nullable: true).Description("The new edition's verification code, to print on it.");
        Field(p => p.Token, nullable: true).Description("The new edition's ES256 token (its QR code).");
        Field(p => p.Errors, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>));
    }
}
