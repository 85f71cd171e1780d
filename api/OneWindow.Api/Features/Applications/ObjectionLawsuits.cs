using GraphQL;
using GraphQL.Types;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Auth;
using OneWindow.Api.Data;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Data.Register;
using OneWindow.Api.Errors;
using OneWindow.Api.Features.Partners;
using OneWindow.Api.GraphQL.Schema;
using OneWindow.Domain.Calendar;
using OneWindow.Domain.Identifiers;
using OneWindow.Domain.Restrictions;

namespace OneWindow.Api.Features.Applications;

/// <summary>The objector's lawsuit: the objection (by unit and certificate of registration), when the court accepted it, its case number.</summary>
/// <param name="ObjectionDocumentNumber">The objection's certificate of registration (不动产登记证明号).</param>
/// <param name="FiledOn">The day the court accepted the lawsuit (受理), yyyy-MM-dd.</param>
/// <param name="CaseNumber">The case number (案号), e.g. (2026)粤1202民初123号.</param>
public sealed record ObjectionLawsuitRequest(string? UnitCode, string? ObjectionDocumentNumber, string? FiledOn, string? CaseNumber);

/// <summary>The objection as it now stands: no end date once its lawsuit is recorded.</summary>
public sealed record ObjectionLawsuitResponse(string UnitCode, string DocumentNumber, DateOnly StartsOn, DateOnly? EndsOn, DateOnly LawsuitFiledOn, string CaseNumber);

/// <summary>
/// 实施细则 art. 83: within 15 days of an objection's registration the objector shows that a court accepted its lawsuit;
/// recorded, the objection no longer lapses. Recorded by the objector of record (its identity of record is the
/// objection's party: a partner's verified credit code, a citizen's ID number) or by a court (a verified court partner),
/// never on what the request says about who is asking. The register records it as an amendment of the objection in
/// the unit's chain.
/// </summary>
public sealed class ObjectionLawsuits(RegistryDbContext db, RegisterWriter writer, ApplicationViews views, TimeProvider time)
{
    public async Task<Result<ObjectionLawsuitResponse>> RecordAsync(ObjectionLawsuitRequest? request, Caller caller, CancellationToken cancellationToken)
    {
        var problems = new Problems();
        var unitCode = Inputs.Unit(request?.UnitCode, "unitCode", problems);
        var today = ChinaTime.DateOf(time.GetUtcNow().UtcDateTime);
        var document = Inputs.CertificateNumberOf(request?.ObjectionDocumentNumber, "objectionDocumentNumber", problems, today, CertificateKind.Registration);
        var filedOn = Inputs.Date(request?.FiledOn, "filedOn", problems);
        var caseNumber = Inputs.Text(request?.CaseNumber, "caseNumber", problems, 60, required: true);
        if (problems.Any)
        {
            return problems.Items[0];
        }

        await using var change = await writer.BeginAsync(cancellationToken);
        var unit = await change.UnitAsync(unitCode!, cancellationToken);
        var objection = unit is null ? null : await db.Restrictions.Include(r => r.BeneficiaryParty)
            .SingleOrDefaultAsync(r => r.UnitId == unit.Id && r.Kind == RestrictionKind.Objection && r.Status == RestrictionStatus.Active
                && r.DocumentNumber == document, cancellationToken);
        if (objection is null)
        {
            return ApiError.NotFound(ErrorCodes.ObjectionNotFound);
        }
        var partner = await views.PartnerAsync(caller, cancellationToken);
        var self = await views.PartyIdNumberAsync(caller, cancellationToken);
        if (partner?.Kind != PartnerKind.Court && (self is null || objection.BeneficiaryParty?.IdNumber != self))
        {
            return new ApiError(ErrorCodes.NotTheObjector, StatusCodes.Status403Forbidden);
        }
        if (objection.LawsuitFiledOn is not null)
        {
            return new ApiError(ErrorCodes.LawsuitAlreadyRecorded, StatusCodes.Status409Conflict);
        }
        switch (ObjectionLapse.CheckLawsuit(objection.StartsOn, filedOn!.Value, today))
        {
            case ObjectionLapse.Lapsed:
                return new ApiError(ErrorCodes.ObjectionLapsed, StatusCodes.Status409Conflict);
            case { } reason:
                return new ApiError(ErrorCodes.InvalidLawsuitDate, StatusCodes.Status422UnprocessableEntity, reason, "filedOn");
        }

        objection.LawsuitFiledOn = filedOn;
        objection.LawsuitCaseNumber = caseNumber;
        objection.EndsOn = ObjectionLapse.EndsOn(objection.StartsOn, filedOn);
        change.AmendRestriction(unit!, objection, businessNumber: null);
        try
        {
            await change.CommitAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new ApiError(ErrorCodes.ConcurrentChange, StatusCodes.Status409Conflict);
        }
        return new ObjectionLawsuitResponse(unit!.UnitCode, objection.DocumentNumber!, objection.StartsOn, objection.EndsOn, filedOn.Value, caseNumber!);
    }

    /// <summary>REST <c>POST /api/v1/objection-lawsuits</c>.</summary>
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/objection-lawsuits", async Task<Results<Ok<ObjectionLawsuitResponse>, ProblemHttpResult>> (
                ObjectionLawsuitRequest? request, ObjectionLawsuits lawsuits, HttpContext context, CancellationToken ct) =>
            {
                var result = await lawsuits.RecordAsync(request, Caller.From(context), ct);
                return result.Error is { } error ? error.ToProblem(context) : TypedResults.Ok(result.Value);
            })
            .WithTags("Applications")
            .WithName("RecordObjectionLawsuit")
            .WithSummary("异议起诉 (实施细则 art. 83): the objector of record, or a court, records within 15 days that a court accepted the objector's lawsuit; the objection then does not lapse.")
            .RequireAnyScope(Scopes.ApplicationsSubmit, Scopes.SeizuresSubmit);

    /// <summary>GraphQL <c>recordObjectionLawsuit</c> (objectors; courts use REST with their seizures:submit scope).</summary>
    public static void AddMutation(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<ObjectionLawsuitPayloadType>>("recordObjectionLawsuit")
            .Description("异议起诉 (实施细则 art. 83): the objector of record records within 15 days that a court accepted its lawsuit; the objection then does not lapse.")
            .Argument<NonNullGraphType<ObjectionLawsuitInputType>>("input")
            .RequireScope(Scopes.ApplicationsSubmit)
            .ResolveAsync(async context =>
            {
                var caller = PartnerFields.CallerOf(context);
                var result = await context.RequestServices!.GetRequiredService<ObjectionLawsuits>()
                    .RecordAsync(context.GetArgument<ObjectionLawsuitRequest>("input"), caller, context.CancellationToken);
                return new ObjectionLawsuitPayload(result.Value, result.Error is { } error ? [UserError.From(error, caller.English)] : []);
            });
}

public sealed record ObjectionLawsuitPayload(ObjectionLawsuitResponse? Objection, IReadOnlyList<UserError> Errors);

public sealed class ObjectionLawsuitInputType : InputObjectGraphType<ObjectionLawsuitRequest>
{
    public ObjectionLawsuitInputType()
    {
        Name = "ObjectionLawsuitInput";
        Field(r => r.UnitCode, nullable: true);
        Field(r => r.ObjectionDocumentNumber, nullable: true).Description("The objection's certificate of registration (不动产登记证明号).");
        Field(r => r.FiledOn, nullable: true).Description("The day the court accepted the lawsuit, yyyy-MM-dd.");
        Field(r => r.CaseNumber, nullable: true).Description("The case number (案号).");
    }
}

public sealed class ObjectionLawsuitType : ObjectGraphType<ObjectionLawsuitResponse>
{
    public ObjectionLawsuitType()
    {
        Name = "ObjectionLawsuit";
        Description = "An objection whose lawsuit is recorded: it no longer lapses.";
        Field(o => o.UnitCode);
        Field(o => o.DocumentNumber).Description("The objection's certificate of registration.");
        Field(o => o.StartsOn);
        Field(o => o.EndsOn, nullable: true).Description("Null: the objection stays until it is cancelled.");
        Field(o => o.LawsuitFiledOn);
        Field(o => o.CaseNumber);
    }
}

public sealed class ObjectionLawsuitPayloadType : ObjectGraphType<ObjectionLawsuitPayload>
{
    public ObjectionLawsuitPayloadType()
    {
        Name = "ObjectionLawsuitPayload";
        Field(p => p.Objection, type: typeof(ObjectionLawsuitType)).Description("Null when refused.");
        Field(p => p.Errors, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>));
    }
}
