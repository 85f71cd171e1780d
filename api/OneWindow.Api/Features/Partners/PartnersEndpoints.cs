using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using OneWindow.Api.Auth;
using OneWindow.Api.Data;
using OneWindow.Api.Errors;
using OneWindow.Api.Features.Audit;

namespace OneWindow.Api.Features.Partners;

/// <summary>
/// REST: <c>/api/v1/partners/sign-up</c> (anonymous) and the operators' <c>/api/v1/admin/…</c> (platform:admin) —
/// the same use cases as the GraphQL fields (PartnerFields).
/// </summary>
public static class PartnersEndpoints
{
    public static void MapPartnersEndpoints(this RouteGroupBuilder api)
    {
        // Note: anonymous by design, so organisations can ask for access before they have a client; it only ever
        // creates a PENDING partner with no client. Sign-up volume is for the rate limits to bound.
        api.MapPost("/partners/sign-up", SignUp)
            .WithTags("Partners")
            .WithName("SignUpPartner")
            .WithSummary("An organisation asks for access: creates a PENDING partner for an operator to review.")
            .AllowAnonymousByDesign();

        var admin = api.MapGroup("/admin").WithTags("Partner administration");

        admin.MapGet("/partners", ListPartners)
            .WithName("ListPartners")
            .WithSummary("Partners, oldest first, filtered by status and kind, a page at a time (after, limit).")
            .RequireScope(Scopes.PlatformAdmin);

        admin.MapGet("/partners/{partnerId}", GetPartner)
            .WithName("GetPartner")
            .WithSummary("One partner with its contact and last review.")
            .RequireScope(Scopes.PlatformAdmin);

        admin.MapPost("/partners/{partnerId}/approve", ApprovePartner)
            .WithName("ApprovePartner")
            .WithSummary("Approves a pending or suspended partner (optional note); who and when are recorded.")
            .RequireScope(Scopes.PlatformAdmin);

        admin.MapPost("/partners/{partnerId}/suspend", SuspendPartner)
            .WithName("SuspendPartner")
            .WithSummary("Suspends a partner (note required): its clients get no new token, existing tokens stop within Auth:StatusCheckInterval.")
            .RequireScope(Scopes.PlatformAdmin);

        admin.MapPut("/partners/{partnerId}/authorised-channel", SetPartnerAuthorisedChannel)
            .WithName("SetPartnerAuthorisedChannel")
            .WithSummary("Grants or withdraws a bank's or developer's authorised channel (note required): filings it declares AUTHORISED_CHANNEL on, with the in-person check, count as the applicants' confirmation.")
            .RequireScope(Scopes.PlatformAdmin);

        admin.MapGet("/partners/{partnerId}/clients", ListPartnerClients)
            .WithName("ListPartnerClients")
            .WithSummary("A partner's OAuth clients, active and revoked. Never their secrets.")
            .RequireScope(Scopes.PlatformAdmin);

        admin.MapPost("/partners/{partnerId}/clients", CreatePartnerClient)
            .WithName("CreatePartnerClient")
            .WithSummary("Creates a client for an approved partner. The answer carries its secret: the only time it is shown.")
            .RequireScope(Scopes.PlatformAdmin);

        admin.MapPost("/clients/{clientId}/rotate-secret", RotatePartnerClientSecret)
            .WithName("RotatePartnerClientSecret")
            .WithSummary("Replaces a client's secret (shown once); the previous one keeps working for Auth:SecretGracePeriod.")
            .RequireScope(Scopes.PlatformAdmin);

        admin.MapPost("/clients/{clientId}/revoke", RevokePartnerClient)
            .WithName("RevokePartnerClient")
            .WithSummary("Revokes a client: no new token at once; existing tokens stop within Auth:StatusCheckInterval.")
            .RequireScope(Scopes.PlatformAdmin);
    }

    public static async Task<Results<Created<SignUpPartnerResponse>, ProblemHttpResult>> SignUp(
        SignUpPartnerRequest request, RegistryDbContext db, TimeProvider time, PartnerActivity activity, HttpContext context,
        CancellationToken cancellationToken)
    {
        var result = await Partners.SignUpPartner.HandleAsync(request, db, time, activity, cancellationToken);
        return result.Error is { } error ? error.ToProblem(context) : TypedResults.Created((string?)null, result.Value);
    }

    /// <param name="status">PENDING, APPROVED or SUSPENDED.</param>
    /// <param name="kind">BANK, DEVELOPER, AGENCY, COURT or VERIFIER.</param>
    /// <param name="after">The nextCursor of the previous page.</param>
    /// <param name="limit">Page size, 1 to 100 (default 20).</param>
    public static async Task<Results<Ok<PartnerPage>, ProblemHttpResult>> ListPartners(
        string? status, string? kind, string? after, string? limit, RegistryDbContext db, PersonalDataAudit audit, HttpContext context,
        CancellationToken cancellationToken)
    {
        int? size = null;
        if (!string.IsNullOrEmpty(limit))
        {
            if (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                return ApiError.BadRequest(ErrorCodes.InvalidLimit, "limit").ToProblem(context);
            }
            size = parsed;
        }
        var caller = Caller.From(context);
        var result = await Partners.ListPartners.HandleAsync(new ListPartnersRequest(status, kind, after, size), caller, db, cancellationToken);
        if (result.Error is { } error)
        {
            return error.ToProblem(context);
        }
        PartnerContactAudit.Record(audit, caller, result.Value!.Items);
        return TypedResults.Ok(result.Value);
    }

    public static async Task<Results<Ok<PartnerResponse>, ProblemHttpResult>> GetPartner(
        string partnerId, RegistryDbContext db, PersonalDataAudit audit, HttpContext context, CancellationToken cancellationToken)
    {
        var caller = Caller.From(context);
        var result = await Partners.GetPartner.HandleAsync(partnerId, caller, db, cancellationToken);
        return Audited(result, audit, caller, context);
    }

    public static async Task<Results<Ok<PartnerResponse>, ProblemHttpResult>> ApprovePartner(
        string partnerId, [FromBody] ReviewPartnerRequest? request, RegistryDbContext db, AccessStatus status, TimeProvider time,
        PartnerActivity activity, PersonalDataAudit audit, HttpContext context, CancellationToken cancellationToken)
    {
        var caller = Caller.From(context);
        var result = await ReviewPartner.ApproveAsync(partnerId, request, caller, db, status, time, activity, cancellationToken);
        return Audited(result, audit, caller, context);
    }

    public static async Task<Results<Ok<PartnerResponse>, ProblemHttpResult>> SuspendPartner(
        string partnerId, [FromBody] ReviewPartnerRequest? request, RegistryDbContext db, AccessStatus status, TimeProvider time,
        PartnerActivity activity, PersonalDataAudit audit, HttpContext context, CancellationToken cancellationToken)
    {
        var caller = Caller.From(context);
        var result = await ReviewPartner.SuspendAsync(partnerId, request, caller, db, status, time, activity, cancellationToken);
        return Audited(result, audit, caller, context);
    }

    public static async Task<Results<Ok<PartnerResponse>, ProblemHttpResult>> SetPartnerAuthorisedChannel(
        string partnerId, [FromBody] AuthorisedChannelRequest? request, RegistryDbContext db, TimeProvider time,
        PartnerActivity activity, PersonalDataAudit audit, HttpContext context, CancellationToken cancellationToken)
    {
        var caller = Caller.From(context);
        var result = await SetAuthorisedChannel.HandleAsync(partnerId, request, caller, db, time, activity, cancellationToken);
        return Audited(result, audit, caller, context);
    }

    public static async Task<Results<Ok<PartnerClientList>, ProblemHttpResult>> ListPartnerClients(
        string partnerId, RegistryDbContext db, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        var result = await Partners.ListPartnerClients.HandleAsync(partnerId, Caller.From(context), db, time, cancellationToken);
        return result.Error is { } error ? error.ToProblem(context) : TypedResults.Ok(result.Value);
    }

    public static async Task<Results<Created<ClientSecretResponse>, ProblemHttpResult>> CreatePartnerClient(
        string partnerId, RegistryDbContext db, RegistryApplicationManager applications, TimeProvider time, PartnerActivity activity,
        HttpContext context, CancellationToken cancellationToken)
    {
        var result = await Partners.CreatePartnerClient.HandleAsync(partnerId, Caller.From(context), db, applications, time, activity, cancellationToken);
        if (result.Error is { } error)
        {
            return error.ToProblem(context);
        }
        NoStore(context);
        return TypedResults.Created($"/api/v1/admin/partners/{partnerId}/clients", result.Value);
    }

    public static async Task<Results<Ok<ClientSecretResponse>, ProblemHttpResult>> RotatePartnerClientSecret(
        string clientId, RegistryDbContext db, RegistryApplicationManager applications, IOptions<AuthOptions> options, TimeProvider time,
        PartnerActivity activity, HttpContext context, CancellationToken cancellationToken)
    {
        var result = await RotateClientSecret.HandleAsync(clientId, Caller.From(context), db, applications, options, time, activity, cancellationToken);
        if (result.Error is { } error)
        {
            return error.ToProblem(context);
        }
        NoStore(context);
        return TypedResults.Ok(result.Value);
    }

    public static async Task<Results<Ok<PartnerClientResponse>, ProblemHttpResult>> RevokePartnerClient(
        string clientId, RegistryDbContext db, AccessStatus status, TimeProvider time, PartnerActivity activity, HttpContext context,
        CancellationToken cancellationToken)
    {
        var result = await Partners.RevokePartnerClient.HandleAsync(clientId, Caller.From(context), db, status, time, activity, cancellationToken);
        return result.Error is { } error ? error.ToProblem(context) : TypedResults.Ok(result.Value);
    }

    /// <summary>A partner with its contact: recorded in the audit log before it leaves.</summary>
    private static Results<Ok<PartnerResponse>, ProblemHttpResult> Audited(Result<PartnerResponse> result, PersonalDataAudit audit, Caller caller, HttpContext context)
    {
        if (result.Error is { } error)
        {
            return error.ToProblem(context);
        }
        PartnerContactAudit.Record(audit, caller, [result.Value!]);
        return TypedResults.Ok(result.Value);
    }

    /// <summary>Note: an answer carrying a secret must not be kept by any cache between the operator and us.</summary>
    internal static void NoStore(HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.Pragma = "no-cache";
    }
}
