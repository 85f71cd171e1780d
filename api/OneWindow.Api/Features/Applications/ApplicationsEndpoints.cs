using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using OneWindow.Api.Auth;
using Microsoft.Extensions.Options;
using OneWindow.Api.Errors;
using OneWindow.Api.Features.Materials;
using OneWindow.Domain.Applications;

namespace OneWindow.Api.Features.Applications;

/// <summary>
/// REST <c>/api/v1/applications</c>: submissions (each takes an <c>Idempotency-Key</c> header), the bulk mortgage
/// submission, reading, the public progress form, and the workflow's steps — the same use cases as the GraphQL fields
/// (<see cref="ApplicationFields"/>).
/// </summary>
public static class ApplicationsEndpoints
{
    /// <summary>The header the public progress form sends the applicant's ID number in (kept out of URLs and access logs).</summary>
    public const string ApplicantIdNumberHeader = "Applicant-Id-Number";

    public static void MapApplicationsEndpoints(this RouteGroupBuilder api)
    {
        var applications = api.MapGroup("/applications").WithTags("Applications");
        ObjectionLawsuits.Map(api);

        var kinds = ((IEndpointRouteBuilder)api).ServiceProvider.GetRequiredService<ApplicationKinds>();
        var submissions = new SubmissionEndpoints(applications);
        foreach (var kind in kinds.All)
        {
            kind.Accept(submissions);
        }
        applications.MapPost("/mortgage-registrations/bulk", SubmitMortgageRegistrations)
            .WithName("SubmitMortgageRegistrations")
            .WithSummary("Up to 1,000 mortgage registrations, each validated and stored on its own; a result per item.")
            .RequireScope(Scopes.ApplicationsSubmit);

        applications.MapGet("", ListApplications)
            .WithName("ListApplications")
            .WithSummary("Applications, newest first: staff see all (deadline=DUE_SOON|OVERDUE for the time-limit watch), others their own and those they apply in.")
            .RequireScope(Scopes.ApplicationsRead);
        applications.MapGet("/{businessNumber}", GetApplication)
            .WithName("GetApplication")
            .WithSummary("One application with its applicants, materials, deadline and timeline: for its submitter, its parties and staff.")
            .RequireScope(Scopes.ApplicationsRead);
        // Note: anonymous by design (the public progress form). Both the business number and an applicant's ID number
        // must match, a wrong pair answers like an unknown number, and the anonymous rate limit bounds guessing.
        applications.MapGet("/{businessNumber}/progress", GetApplicationProgress)
            .WithName("GetApplicationProgress")
            .WithSummary($"The public progress form: status, deadline, timeline. The applicant's ID number (or credit code) goes in the {ApplicantIdNumberHeader} header.")
            .AllowAnonymousByDesign();

        Step(applications, "/accept", "AcceptApplication", ApplicationAction.Accept, Scopes.RegistryStaff, "受理 (staff): the time limit starts.");
        Step(applications, "/refuse", "RefuseApplication", ApplicationAction.Refuse, Scopes.RegistryStaff, "不予受理 (staff), reason required.");
        Step(applications, "/request-correction", "RequestCorrection", ApplicationAction.RequestCorrection, Scopes.RegistryStaff,
            "补正 (staff): every checklist material missing or faulty, at once (items and reason required; once per submission round), before or after acceptance; after acceptance the clock stops until supplied.");
        Step(applications, "/start-review", "StartReview", ApplicationAction.StartReview, Scopes.RegistryStaff, "审核 (staff).");
        Step(applications, "/return", "ReturnApplication", ApplicationAction.Return, Scopes.RegistryStaff, "不予登记 (staff), reason required.");
        Step(applications, "/record", "RecordInRegister", ApplicationAction.Record, Scopes.RegistryStaff,
            "审核通过并登簿 (staff): rights and restrictions change with their register entries in one transaction.");
        Step(applications, "/prepare-certificate", "PrepareCertificate", ApplicationAction.PrepareCertificate, Scopes.RegistryStaff, "缮证 (staff).");
        Step(applications, "/complete", "IssueCertificates", ApplicationAction.Complete, Scopes.RegistryStaff, "发证/归档 (staff): completed.");
        Step(applications, "/extend-deadline", "ExtendDeadline", ApplicationAction.ExtendDeadline, Scopes.RegistryStaff,
            "延长时限 (staff): a complex case's time limit grows by workingDays (1 to 30), once, with a reason.");
        Step(applications, "/pause-clock", "PauseClock", ApplicationAction.PauseClock, Scopes.RegistryStaff,
            "暂停计时 (staff): a survey (SURVEY), site inspection (SITE_INSPECTION) or public notice (PUBLIC_NOTICE) period starts (pause, reason required); the clock stops.");
        Step(applications, "/resume-clock", "ResumeClock", ApplicationAction.ResumeClock, Scopes.RegistryStaff,
            "恢复计时 (staff): the period ended; the clock runs again and the due date moves by the working days it stopped.");
        Step(applications, "/withdraw", "WithdrawApplication", ApplicationAction.Withdraw, Scopes.ApplicationsSubmit, "撤回 by the submitter, before 登簿.");
        Step(applications, "/confirm", "ConfirmApplication", ApplicationAction.Confirm, Scopes.ApplicationsSubmit,
            "确认 by an applicant the submitter named, with its own identity (an organisation's client, a person signed in); the last confirmation submits the application.");
        Step(applications, "/decline", "DeclineApplication", ApplicationAction.Decline, Scopes.ApplicationsSubmit,
            "不同意 by an applicant the submitter named, with its own identity (optional reason): the application ends.");
        var materials = ((IEndpointRouteBuilder)api).ServiceProvider.GetRequiredService<IOptions<MaterialsOptions>>().Value;
        applications.MapPost("/{businessNumber}/materials", UploadApplicationMaterial)
            .WithName("UploadApplicationMaterial")
            .WithSummary("The submitter uploads a file into its application while submitted or waiting for correction (multipart/form-data: file, sha256, materialCode).")
            .AcceptsMaterialUpload(materials)
            .RequireAnyScope(Scopes.ApplicationsSubmit, Scopes.SeizuresSubmit);
        applications.MapPost("/{businessNumber}/supplement", SupplementApplication)
            .WithName("SupplementApplication")
            .WithSummary("补正 by the submitter: attaches the uploads named (or relies on those uploaded into the application since the request); the application goes back to where it was and the clock runs again.")
            .RequireScope(Scopes.ApplicationsSubmit);
    }

    /// <summary>Maps each kind's submission: <c>POST /applications{route}</c>, named and scoped as the kind declares.</summary>
    private sealed class SubmissionEndpoints(RouteGroupBuilder group) : IApplicationKindVisitor
    {
        public void Visit<TRequest, TPayload>(ApplicationKind<TRequest, TPayload> kind)
            where TRequest : class, IApplicationRequest
            where TPayload : class
        {
            var declaration = kind.Declaration;
            group.MapPost(declaration.Route,
                    ([FromBody(EmptyBodyBehavior = Microsoft.AspNetCore.Mvc.ModelBinding.EmptyBodyBehavior.Allow)] TRequest? request, [FromHeader(Name = Idempotency.Header)] string? key,
                        SubmitApplication submit, HttpContext context, CancellationToken ct) => Submit(submit, kind, request, key, context, ct))
                .WithName(declaration.EndpointName)
                .WithSummary(declaration.Summary + " Requires an Idempotency-Key header: a retry with the same key gets the first answer.")
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
                .ProducesProblem(StatusCodes.Status409Conflict)
                .ProducesProblem(StatusCodes.Status400BadRequest)
                .RequireScope(declaration.Scope);
        }
    }

    private static void Step(RouteGroupBuilder group, string path, string name, ApplicationAction action, string scope, string summary) =>
        group.MapPost("/{businessNumber}" + path,
                async (string businessNumber, [FromBody] ApplicationActionRequest? request, ApplicationWorkflow workflow, HttpContext context, CancellationToken ct) =>
                    StepAnswer(await workflow.ActAsync(businessNumber, action, request, Caller.From(context), ct), context))
            .WithName(name)
            .WithSummary(summary)
            .Produces<ApplicationResponse>()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireScope(scope);

    public static async Task<Results<Created<ApplicationResponse>, ProblemHttpResult>> Submit<TRequest, TPayload>(
        SubmitApplication submit, ApplicationKind<TRequest, TPayload> kind, TRequest? request, string? key, HttpContext context, CancellationToken cancellationToken)
        where TRequest : class, IApplicationRequest
        where TPayload : class
    {
        var result = await submit.SubmitAsync(kind, request, key, Caller.From(context), cancellationToken);
        if (result.Error is { } error)
        {
            return error.ToProblem(context);
        }
        if (result.Problems.Count > 0)
        {
            return Invalid(ErrorCodes.ApplicationInvalid, StatusCodes.Status422UnprocessableEntity, result.Problems, context);
        }
        if (result.Replayed)
        {
            context.Response.Headers["Idempotent-Replayed"] = "true";
        }
        return TypedResults.Created($"/api/v1/applications/{result.Application!.BusinessNumber}", result.Application);
    }

    public static async Task<Results<Ok<BulkSubmissionResponse>, ProblemHttpResult>> SubmitMortgageRegistrations(
        BulkMortgageRegistrationRequest? request, [FromHeader(Name = Idempotency.Header)] string? idempotencyKey, SubmitApplication submit,
        ApplicationKinds kinds, HttpContext context, CancellationToken cancellationToken)
    {
        var result = await submit.SubmitManyAsync(kinds.MortgageRegistrations, request?.Items, idempotencyKey, Caller.From(context), cancellationToken);
        if (result.Error is { } error)
        {
            return error.ToProblem(context);
        }
        if (result.Replayed)
        {
            context.Response.Headers["Idempotent-Replayed"] = "true";
        }
        return TypedResults.Ok(result.Response);
    }

    /// <param name="status">SUBMITTED, ACCEPTED, UNDER_REVIEW, CORRECTION_REQUESTED, RECORDED, …</param>
    /// <param name="businessType">e.g. MORTGAGE_REGISTRATION_GENERAL.</param>
    /// <param name="deadline">DUE_SOON (includes overdue) or OVERDUE.</param>
    /// <param name="after">The nextCursor of the previous page.</param>
    /// <param name="limit">Page size, 1 to 100 (default 20).</param>
    public static async Task<Results<Ok<ApplicationPage>, ProblemHttpResult>> ListApplications(
        string? status, string? businessType, string? deadline, string? after, string? limit, ApplicationQueries queries, HttpContext context,
        CancellationToken cancellationToken)
    {
        int? size = null;
        if (!string.IsNullOrEmpty(limit))
        {
            if (!int.TryParse(limit, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed))
            {
                return ApiError.BadRequest(ErrorCodes.InvalidLimit, "limit").ToProblem(context);
            }
            size = parsed;
        }
        var result = await queries.ListAsync(new ApplicationFilter(status, businessType, deadline, after, size), Caller.From(context), cancellationToken);
        return result.Error is { } error ? error.ToProblem(context) : TypedResults.Ok(result.Value);
    }

    public static async Task<Results<Ok<ApplicationResponse>, ProblemHttpResult>> GetApplication(
        string businessNumber, ApplicationQueries queries, HttpContext context, CancellationToken cancellationToken)
    {
        var result = await queries.GetAsync(businessNumber, Caller.From(context), cancellationToken);
        return result.Error is { } error ? error.ToProblem(context) : TypedResults.Ok(result.Value);
    }

    public static async Task<Results<Ok<ApplicationProgressResponse>, ProblemHttpResult>> GetApplicationProgress(
        string businessNumber, [FromHeader(Name = ApplicantIdNumberHeader)] string? applicantIdNumber, ApplicationQueries queries, HttpContext context,
        CancellationToken cancellationToken)
    {
        var result = await queries.ProgressAsync(businessNumber, applicantIdNumber, cancellationToken);
        return result.Error is { } error ? error.ToProblem(context) : TypedResults.Ok(result.Value);
    }

    public static async Task<Results<Created<AttachedMaterialResponse>, ProblemHttpResult>> UploadApplicationMaterial(
        string businessNumber, ApplicationWorkflow workflow, IOptions<MaterialsOptions> options, HttpContext context, CancellationToken cancellationToken)
    {
        var form = await MaterialUploadForm.ReadAsync(context.Request, options.Value, cancellationToken);
        if (form.Error is { } invalid)
        {
            return invalid.ToProblem(context);
        }
        var (file, sha256, materialCode) = form.Value!;
        var result = await workflow.AttachUploadAsync(businessNumber, file, sha256, materialCode, Caller.From(context), options, cancellationToken);
        return result.Error is { } error
            ? error.ToProblem(context)
            : TypedResults.Created($"/api/v1/materials/{result.Value!.MaterialId}", result.Value);
    }

    public static async Task<IResult> SupplementApplication(
        string businessNumber, SupplementRequest? request, ApplicationWorkflow workflow, HttpContext context, CancellationToken cancellationToken) =>
        StepAnswer(await workflow.ActAsync(businessNumber, ApplicationAction.Supplement, new ApplicationActionRequest(request?.Reason, request?.Version),
            Caller.From(context), cancellationToken, request?.Materials ?? []), context);

    private static IResult StepAnswer(StepResult result, HttpContext context)
    {
        if (result.Error is { } error)
        {
            return result.Problems.Count > 0 ? Invalid(error.Code, error.Status, result.Problems, context) : error.ToProblem(context);
        }
        return result.Problems.Count > 0
            ? Invalid(ErrorCodes.ApplicationInvalid, StatusCodes.Status422UnprocessableEntity, result.Problems, context)
            : TypedResults.Ok(result.Application);
    }

    /// <summary>Problem details listing every reason (一次性告知): <c>errors: [{code, message, field, reason}]</c>.</summary>
    private static ProblemHttpResult Invalid(string code, int status, IReadOnlyList<ApiError> problems, HttpContext context)
    {
        var english = ErrorMessages.PrefersEnglish(context);
        return TypedResults.Problem(
            title: ErrorMessages.For(code, english),
            statusCode: status,
            extensions: new Dictionary<string, object?>
            {
                ["code"] = code,
                ["errors"] = problems.Select(p => ItemError.From(p, english)).ToArray(),
            });
    }
}
