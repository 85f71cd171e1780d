using GraphQL;
using GraphQL.Types;
using GraphQL.Types.Relay.DataObjects;
using OneWindow.Api.Auth;
using OneWindow.Api.Errors;
using OneWindow.Api.Features.Configuration;
using OneWindow.Api.Features.Partners;
using OneWindow.Api.GraphQL;
using OneWindow.Api.GraphQL.Schema;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Calendar;

namespace OneWindow.Api.Features.Applications;

/// <summary>
/// The application fields of the Query and Mutation roots, on the same use cases as the REST endpoints. Submissions
/// take the idempotency key as an argument (or the request's <c>Idempotency-Key</c> header) and answer with a payload
/// carrying the application or every reason it was refused.
/// </summary>
public static class ApplicationFields
{
    public static void AddApplicationQueries(ObjectGraphType query)
    {
        query.Field<ApplicationType>("application")
            .Description("An application by business number: for its submitter, its parties and staff; null otherwise.")
            .Argument<NonNullGraphType<StringGraphType>>("businessNumber")
            .RequireScope(Scopes.ApplicationsRead)
            .ResolveAsync(async context =>
            {
                var result = await Queries(context).GetAsync(context.GetArgument<string>("businessNumber"), PartnerFields.CallerOf(context), context.CancellationToken);
                return result.Error is { Code: ErrorCodes.ApplicationNotFound } ? null : PartnerFields.Unwrap(result, context);
            });

        query.Field<NonNullGraphType<ApplicationSummaryConnectionType>>("applications")
            .Description("Applications, newest first: staff see all (deadline: DUE_SOON or OVERDUE for the time-limit watch), others their own and those they apply in.")
            .Argument<EnumerationGraphType<ApplicationStatus>>("status")
            .Argument<BusinessTypeType>("businessType")
            .Argument<EnumerationGraphType<DeadlineState>>("deadline", "DUE_SOON (includes overdue) or OVERDUE.")
            .Argument<IntGraphType>("first", "Page size, 1 to 100 (default 20).")
            .Argument<StringGraphType>("after", "The endCursor of the previous page.")
            .RequireScope(Scopes.ApplicationsRead)
            .ResolveAsync(async context =>
            {
                var filter = new ApplicationFilter(
                    context.GetArgument<ApplicationStatus?>("status")?.ToString(),
                    context.GetArgument<BusinessType?>("businessType")?.ToString(),
                    context.GetArgument<DeadlineState?>("deadline") switch
                    {
                        null => null,
                        DeadlineState.DueSoon => "DUE_SOON",
                        DeadlineState.Overdue => "OVERDUE",
                        _ => "-",
                    },
                    context.GetArgument<string?>("after"),
                    context.GetArgument<int?>("first"));
                var page = PartnerFields.Unwrap(await Queries(context).ListAsync(filter, PartnerFields.CallerOf(context), context.CancellationToken), context);
                var edges = page.Items.Zip(page.Cursors, (a, cursor) => new Edge<ApplicationSummaryResponse> { Node = a, Cursor = cursor }).ToList();
                return new Connection<ApplicationSummaryResponse>
                {
                    Edges = edges,
                    PageInfo = new PageInfo
                    {
                        HasNextPage = page.NextCursor is not null,
                        HasPreviousPage = !string.IsNullOrEmpty(filter.After),
                        StartCursor = edges.FirstOrDefault()?.Cursor,
                        EndCursor = edges.LastOrDefault()?.Cursor,
                    },
                };
            });

        // Note: anonymous by design (DESIGN.md: the public progress form). The business number and an applicant's ID
        // number must both match, and a wrong pair answers like an unknown number, so numbers cannot be probed one by
        // one; the anonymous rate limit bounds guessing.
        query.Field<ApplicationProgressType>("applicationProgress")
            .Description("The public progress form: business number + an applicant's ID number (or credit code). Null when they do not match.")
            .Argument<NonNullGraphType<StringGraphType>>("businessNumber")
            .Argument<NonNullGraphType<StringGraphType>>("applicantIdNumber")
            .RequireScope(ScopeMetadata.Anonymous)
            .ResolveAsync(async context =>
            {
                var result = await Queries(context).ProgressAsync(context.GetArgument<string>("businessNumber"), context.GetArgument<string>("applicantIdNumber"), context.CancellationToken);
                return result.Error is { Code: ErrorCodes.ApplicationNotFound } ? null : PartnerFields.Unwrap(result, context);
            });
    }

    public static void AddApplicationMutations(ObjectGraphType mutation, ApplicationKinds kinds)
    {
        var submissions = new SubmissionMutations(mutation);
        foreach (var kind in kinds.All)
        {
            kind.Accept(submissions);
        }

        mutation.Field<NonNullGraphType<BulkPayloadType>>("submitMortgageRegistrations")
            .Description("Up to 1,000 mortgage registrations, each validated and stored on its own, with a result per item.")
            .Argument<NonNullGraphType<BulkMortgageRegistrationInputType>>("input")
            .Argument<StringGraphType>("idempotencyKey", "Required: here or in the Idempotency-Key header.")
            .RequireScope(Scopes.ApplicationsSubmit)
            .ResolveAsync(async context =>
            {
                var services = context.RequestServices!;
                var input = context.GetArgument<BulkMortgageRegistrationRequest>("input");
                var result = await services.GetRequiredService<SubmitApplication>().SubmitManyAsync(
                    services.GetRequiredService<ApplicationKinds>().MortgageRegistrations, input.Items, Key(context), PartnerFields.CallerOf(context), context.CancellationToken);
                var english = PartnerFields.CallerOf(context).English;
                if (result.Error is { } error)
                {
                    return new BulkPayload(0, 0, [], [UserError.From(error, english)], result.Replayed);
                }
                var response = result.Response!;
                return new BulkPayload(response.Accepted, response.Rejected,
                    [.. response.Results.Select(r => new BulkItemPayload(r.Index, r.Accepted, r.Application, [.. r.Errors.Select(e => new UserError(e.Code, e.Message, e.Field, e.Reason))]))],
                    [], result.Replayed);
            });

        Step(mutation, "acceptApplication", ApplicationAction.Accept, "受理 (staff): the time limit starts.", Scopes.RegistryStaff);
        Step(mutation, "refuseApplication", ApplicationAction.Refuse, "不予受理 (staff), with the reasons.", Scopes.RegistryStaff);
        Step(mutation, "requestCorrection", ApplicationAction.RequestCorrection,
            "补正 (staff): every checklist material missing or faulty (items), at once, once per submission round; before or after acceptance (after it, the clock stops).", Scopes.RegistryStaff);
        Step(mutation, "startReview", ApplicationAction.StartReview, "审核 (staff).", Scopes.RegistryStaff);
        Step(mutation, "returnApplication", ApplicationAction.Return, "不予登记 (staff), with the reasons.", Scopes.RegistryStaff);
        Step(mutation, "recordInRegister", ApplicationAction.Record, "审核通过并登簿 (staff): the register changes in one transaction.", Scopes.RegistryStaff);
        Step(mutation, "prepareCertificate", ApplicationAction.PrepareCertificate, "缮证 (staff).", Scopes.RegistryStaff);
        Step(mutation, "issueCertificates", ApplicationAction.Complete, "发证/归档 (staff): the application is completed.", Scopes.RegistryStaff);
        ObjectionLawsuits.AddMutation(mutation);
        Step(mutation, "extendDeadline", ApplicationAction.ExtendDeadline,
            "延长时限 (staff): a complex case's time limit grows by workingDays (1 to 30), once, with a reason.", Scopes.RegistryStaff);
        Step(mutation, "pauseClock", ApplicationAction.PauseClock,
            "暂停计时 (staff): a survey, site inspection or public notice period starts (pause, reason required); the clock stops.", Scopes.RegistryStaff);
        Step(mutation, "resumeClock", ApplicationAction.ResumeClock,
            "恢复计时 (staff): the period ended; the clock runs again.", Scopes.RegistryStaff);
        Step(mutation, "withdrawApplication", ApplicationAction.Withdraw, "撤回 by the submitter, before 登簿.", Scopes.ApplicationsSubmit);
        Step(mutation, "confirmApplication", ApplicationAction.Confirm,
            "确认 by an applicant the submitter named, with its own identity; the last confirmation submits the application.", Scopes.ApplicationsSubmit);
        Step(mutation, "declineApplication", ApplicationAction.Decline,
            "不同意 by an applicant the submitter named, with its own identity: the application ends.", Scopes.ApplicationsSubmit);
        Step(mutation, "supplementApplication", ApplicationAction.Supplement, "补正材料 by the submitter: the application goes back to where it was.", Scopes.ApplicationsSubmit);
    }

    /// <summary>Adds each kind's submission mutation, named, typed and scoped as the kind declares.</summary>
    private sealed class SubmissionMutations(ObjectGraphType mutation) : IApplicationKindVisitor
    {
        public void Visit<TRequest, TPayload>(ApplicationKind<TRequest, TPayload> kind)
            where TRequest : class, IApplicationRequest
            where TPayload : class
        {
            var declaration = kind.Declaration;
            mutation.Field<NonNullGraphType<ApplicationPayloadType>>(declaration.Operation)
                .Description(declaration.Summary)
                .Argument(typeof(NonNullGraphType<>).MakeGenericType(declaration.InputGraphType), "input")
                .Argument<StringGraphType>("idempotencyKey", "Required: here or in the Idempotency-Key header. A retry with the same key gets the first answer.")
                .RequireScope(declaration.Scope)
                .ResolveAsync(async context =>
                {
                    var caller = PartnerFields.CallerOf(context);
                    var result = await context.RequestServices!.GetRequiredService<SubmitApplication>().SubmitAsync(
                        kind, context.GetArgument<TRequest>("input"), Key(context), caller, context.CancellationToken);
                    return new ApplicationPayload(result.Application,
                        [.. (result.Error is { } error ? [error] : result.Problems).Select(e => UserError.From(e, caller.English))], result.Replayed);
                });
        }
    }

    private static void Step(ObjectGraphType mutation, string name, ApplicationAction action, string description, string scope)
    {
        mutation.Field<NonNullGraphType<ApplicationPayloadType>>(name)
            .Description(description)
            .Argument<NonNullGraphType<ApplicationStepInputType>>("input")
            .RequireScope(scope)
            .ResolveAsync(async context =>
            {
                var input = context.GetArgument<Dictionary<string, object?>>("input");
                var caller = PartnerFields.CallerOf(context);
                var materials = input.GetValueOrDefault("materials") is IEnumerable<object?> list
                    ? list.OfType<MaterialReference>().ToList()
                    : null;
                var items = input.GetValueOrDefault("items") is IEnumerable<object?> listed
                    ? listed.OfType<CorrectionItemInput>().ToList()
                    : null;
                var result = await context.RequestServices!.GetRequiredService<ApplicationWorkflow>().ActAsync(
                    input.GetValueOrDefault("businessNumber") as string, action,
                    new ApplicationActionRequest(input.GetValueOrDefault("reason") as string, input.GetValueOrDefault("version") as int?, items,
                        input.GetValueOrDefault("workingDays") as int?, input.GetValueOrDefault("pause") as string),
                    caller, context.CancellationToken, materials);
                IEnumerable<ApiError> errors = result.Error is { } error ? [error, .. result.Problems] : result.Problems;
                return new ApplicationPayload(result.Application, [.. errors.Select(e => UserError.From(e, caller.English))]);
            });
    }

    private static string? Key(IResolveFieldContext context) =>
        context.GetArgument<string?>("idempotencyKey")
        ?? RegistryUserContext.From(context)?.HttpContext.Request.Headers[Idempotency.Header].FirstOrDefault();

    private static ApplicationQueries Queries(IResolveFieldContext context) => context.RequestServices!.GetRequiredService<ApplicationQueries>();
}
