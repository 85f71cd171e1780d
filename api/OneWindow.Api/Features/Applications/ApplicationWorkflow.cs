using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneWindow.Api.Auth;
using OneWindow.Api.Data;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Data.Register;
using OneWindow.Api.Errors;
using OneWindow.Api.Features.Configuration;
using OneWindow.Api.Features.Materials;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Calendar;

namespace OneWindow.Api.Features.Applications;

/// <summary>The outcome of a workflow step: the application as it now stands, or why nothing changed.</summary>
public sealed record StepResult(ApplicationResponse? Application, ApiError? Error, IReadOnlyList<ApiError> Problems)
{
    public static implicit operator StepResult(ApiError error) => new(null, error, []);
}

/// <summary>
/// The registration workflow's steps on a stored application: staff accept, refuse (不予受理), ask for correction
/// (补正, the clock stops), start the review, enter it in the register (登簿), prepare the certificate (缮证), issue and
/// archive (发证/归档), or return it (不予登记); the applicant supplies materials or withdraws (撤回) before 登簿. The
/// allowed steps are the domain's <see cref="Workflow"/>; every step is an event with actor, time and reason.
/// </summary>
public sealed class ApplicationWorkflow(
    RegistryDbContext db, RegisterWriter writer, Numbering numbering, ApplicationKinds kinds, ApplicationViews views,
    RegistryConfiguration configuration, TimeLimitPolicy policy, TimeProvider time, ConfirmApplication confirmation,
    Certificates.CertificateProduction certificates)
{
    public async Task<StepResult> ActAsync(
        string? businessNumber, ApplicationAction action, ApplicationActionRequest? request, Caller caller, CancellationToken cancellationToken,
        IReadOnlyList<MaterialReference>? supplied = null)
    {
        if (action is ApplicationAction.Confirm or ApplicationAction.Decline)
        {
            // Answered by an applicant the submitter named, with its own identity: not the submitter's or staff's step.
            return await confirmation.AnswerAsync(businessNumber, action == ApplicationAction.Confirm, request, caller, cancellationToken);
        }
        var (application, reason, refusal) = await OpenForStepAsync(db, views, businessNumber, request, caller, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        var actor = caller.IsStaff ? ActorKind.Staff : caller.SubjectKey == application!.SubmitterKey ? ActorKind.Applicant : (ActorKind?)null;
        if (actor is null)
        {
            return new ApiError(WorkflowErrors.NotAllowedForActor, StatusCodes.Status403Forbidden);
        }
        if (action == ApplicationAction.RequestCorrection && actor == ActorKind.Staff && application!.Status == ApplicationStatus.CorrectionRequested)
        {
            // 一次性告知: everything was to be listed in the one request; the next may only follow the applicant's supplement.
            return new ApiError(ErrorCodes.CorrectionAlreadyRequested, StatusCodes.Status409Conflict);
        }
        var problems = new Problems();
        var transition = Workflow.Apply(application!.Status, action, actor.Value, reason, application.StatusBeforeCorrection, policy.IsImmediate(application.BusinessType));
        if (!transition.Succeeded)
        {
            return new ApiError(transition.ErrorCode, transition.ErrorCode switch
            {
                WorkflowErrors.NotAllowedForActor => StatusCodes.Status403Forbidden,
                WorkflowErrors.ReasonRequired => StatusCodes.Status422UnprocessableEntity,
                _ => StatusCodes.Status409Conflict,
            }, Field: transition.ErrorCode == WorkflowErrors.ReasonRequired ? "reason" : null);
        }
        var now = time.GetUtcNow().UtcDateTime;
        var calculator = await views.CalculatorAsync(cancellationToken);
        var waiting = kinds.For(application.BusinessType).WaitingPeriodOf(application, calculator.Calendar);
        if (action == ApplicationAction.Record && waiting is not null && !waiting.IsOverAt(now))
        {
            // 补证 after the loss declaration's 15 working days (实施细则 art. 22), 依职权更正 after the notice and the
            // public notice (art. 81): not entered in the register before the period ends.
            return new ApiError(ErrorCodes.WaitingPeriodNotOver, StatusCodes.Status409Conflict,
                System.Text.Json.JsonNamingPolicy.SnakeCaseUpper.ConvertName(waiting.Kind.ToString()));
        }
        List<ApplicationCorrectionItem> items = [];
        if (action == ApplicationAction.RequestCorrection)
        {
            items = await CorrectionItemsAsync(application, request?.Items, problems, cancellationToken);
        }
        var openPause = ApplicationDeadlines.OpenClockPause(application.Events);
        ClockPauseKind? pause = null;
        switch (action)
        {
            case ApplicationAction.ExtendDeadline when application.ExtendedWorkingDays > 0:
                return new ApiError(ErrorCodes.DeadlineAlreadyExtended, StatusCodes.Status409Conflict);
            case ApplicationAction.ExtendDeadline when request?.WorkingDays is null:
                problems.Add(ErrorCodes.FieldRequired, "workingDays");
                break;
            case ApplicationAction.ExtendDeadline when request?.WorkingDays is < 1 or > TimeLimitPolicy.MaxExtensionWorkingDays:
                problems.Add(ErrorCodes.InvalidExtension, "workingDays", "1_TO_30");
                break;
            case ApplicationAction.PauseClock when openPause is not null:
                return new ApiError(ErrorCodes.ClockAlreadyPaused, StatusCodes.Status409Conflict);
            case ApplicationAction.PauseClock:
                pause = ClockPauseOf(request?.Pause, problems);
                break;
            case ApplicationAction.ResumeClock when openPause is null:
                return new ApiError(ErrorCodes.ClockNotPaused, StatusCodes.Status409Conflict);
            case ApplicationAction.ResumeClock:
                pause = openPause;
                break;
        }
        if (action == ApplicationAction.Supplement && await AttachAsync(application, supplied, caller, problems, now, cancellationToken) is false)
        {
            return new StepResult(null, null, problems.Items);
        }
        if (problems.Any)
        {
            return new StepResult(null, null, problems.Items);
        }

        var from = application.Status;
        application.Events.Add(new ApplicationEvent
        {
            Action = action, FromStatus = from, ToStatus = transition.Status, ActorKind = actor.Value, Actor = caller.Name, Reason = reason, OccurredAt = now,
            CorrectionItems = items, ClockPause = pause,
        });
        application.Status = transition.Status;
        application.Version++;
        switch (action)
        {
            case ApplicationAction.Accept:
                application.AcceptedAt = now;
                break;
            case ApplicationAction.RequestCorrection:
                application.StatusBeforeCorrection = from;
                break;
            case ApplicationAction.Supplement:
                application.StatusBeforeCorrection = null;
                break;
            case ApplicationAction.Record:
                application.RecordedAt = now;
                break;
            case ApplicationAction.ExtendDeadline:
                application.ExtendedWorkingDays = request!.WorkingDays!.Value;
                break;
        }
        ApplicationDeadlines.Refresh(application, application.Events, calculator, policy, waiting);
        if (Workflow.IsTerminal(application.Status))
        {
            application.ClosedAt = now;
        }

        try
        {
            await using var change = await writer.BeginAsync(cancellationToken);
            if (action == ApplicationAction.Record)
            {
                var services = new RecordServices(db, numbering, ChinaTime.DateOf(change.Now));
                var changed = await kinds.For(application.BusinessType).EnterAsync(application, change, services, cancellationToken);
                if (changed.Count > 0)
                {
                    return new StepResult(null, new ApiError(ErrorCodes.RegisterChanged, StatusCodes.Status409Conflict), changed);
                }
            }
            if (action == ApplicationAction.PrepareCertificate)
            {
                // 缮证: the certificates of what 登簿 numbered, signed, in this step's transaction.
                await certificates.ProduceAsync(application, change.Now, issue: false, cancellationToken);
            }
            if (action == ApplicationAction.Complete)
            {
                // 发证: issued electronically (the holder and the submitting partner fetch them from now on).
                await certificates.IssueAsync(application, change.Now, cancellationToken);
            }
            if (application.ClosedAt is not null)
            {
                await FreeUnitsAsync(db, application.Id, cancellationToken);
            }
            await change.CommitAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new ApiError(ErrorCodes.ConcurrentChange, StatusCodes.Status409Conflict);
        }
        return new StepResult(await views.BuildAsync(application, caller, cancellationToken), null, []);
    }

    /// <summary>
    /// The application a step is asked for, tracked: it exists, the caller may see it (else it does not exist for
    /// them), it is at the version the caller read (when given), and the reason is a valid text.
    /// </summary>
    internal static async Task<(RegistrationApplication? Application, string? Reason, StepResult? Refusal)> OpenForStepAsync(
        RegistryDbContext db, ApplicationViews views, string? businessNumber, ApplicationActionRequest? request, Caller caller, CancellationToken cancellationToken)
    {
        var found = await ApplicationQueries.FindAsync(db, businessNumber, tracked: true, cancellationToken);
        if (found.Error is { } notFound)
        {
            return (null, null, notFound);
        }
        var application = found.Value!;
        if (!await views.MaySeeAsync(caller, application, cancellationToken))
        {
            return (null, null, ApiError.NotFound(ErrorCodes.ApplicationNotFound));
        }
        if (request?.Version is { } version && version != application.Version)
        {
            return (null, null, new ApiError(ErrorCodes.ConcurrentChange, StatusCodes.Status409Conflict, Field: "version"));
        }
        var problems = new Problems();
        var reason = Inputs.Text(request?.Reason, "reason", problems, 2000);
        return problems.Any ? (null, null, new StepResult(null, null, problems.Items)) : (application, reason, null);
    }

    /// <summary>A closed application's units are free for the next application of the same kind (in the caller's transaction).</summary>
    internal static Task FreeUnitsAsync(RegistryDbContext db, long applicationId, CancellationToken cancellationToken) =>
        db.ApplicationUnits.Where(u => u.ApplicationId == applicationId && u.IsOpen)
            .ExecuteUpdateAsync(set => set.SetProperty(u => u.IsOpen, false), cancellationToken);

    /// <summary>
    /// A file uploaded straight into an application (<c>POST …/applications/{businessNumber}/materials</c>) by its
    /// submitter, while it is submitted or waiting for correction: stored and attached in one transaction, as the
    /// checklist material <paramref name="materialCode"/>. Supplying it for a correction is still the supplement step.
    /// </summary>
    public async Task<Result<AttachedMaterialResponse>> AttachUploadAsync(
        string? businessNumber, IFormFile file, string? sha256, string? materialCode, Caller caller, IOptions<MaterialsOptions> materialsOptions,
        CancellationToken cancellationToken)
    {
        var found = await ApplicationQueries.FindAsync(db, businessNumber, tracked: false, cancellationToken);
        if (found.Error is { } notFound)
        {
            return notFound;
        }
        var application = found.Value!;
        if (!await views.MaySeeAsync(caller, application, cancellationToken))
        {
            return ApiError.NotFound(ErrorCodes.ApplicationNotFound);
        }
        if (caller.SubjectKey != application.SubmitterKey)
        {
            return new ApiError(WorkflowErrors.NotAllowedForActor, StatusCodes.Status403Forbidden);
        }
        if (application.Status is not (ApplicationStatus.Submitted or ApplicationStatus.CorrectionRequested))
        {
            return new ApiError(WorkflowErrors.IllegalTransition, StatusCodes.Status409Conflict);
        }
        var code = materialCode?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(code))
        {
            return ApiError.BadRequest(ErrorCodes.FieldRequired, "materialCode");
        }
        var section = (await configuration.CatalogueAsync(cancellationToken)).For(application.BusinessType);
        if (!section.Lists(code))
        {
            return new ApiError(ErrorCodes.MaterialNotApplicable, StatusCodes.Status422UnprocessableEntity, Field: "materialCode");
        }
        var open = OpenCorrection(application);
        if (open is { CorrectionItems.Count: > 0 } && !open.CorrectionItems.Any(i => i.MaterialCode == code))
        {
            return new ApiError(ErrorCodes.CorrectionItemNotRequested, StatusCodes.Status422UnprocessableEntity, Field: "materialCode");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var uploaded = await UploadMaterial.HandleAsync(file, sha256, code, caller, db, materialsOptions, time, cancellationToken);
        if (uploaded.Error is { } refused)
        {
            return refused;
        }
        var material = await db.Materials.SingleAsync(m => m.PublicId == uploaded.Value!.Id, cancellationToken);
        db.ApplicationMaterials.Add(new ApplicationMaterial { ApplicationId = application.Id, MaterialId = material.Id, MaterialCode = code, AttachedAt = time.GetUtcNow().UtcDateTime, SuppliedForEventId = open?.Id });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new AttachedMaterialResponse(material.PublicId, code, material.FileName, material.ContentType, material.Size, material.Sha256);
    }

    /// <summary>The correction request the application waits on (the last one), or null.</summary>
    internal static ApplicationEvent? OpenCorrection(RegistrationApplication application) =>
        application.Status != ApplicationStatus.CorrectionRequested
            ? null
            : application.Events.Where(e => e.Action == ApplicationAction.RequestCorrection).OrderBy(e => e.OccurredAt).ThenBy(e => e.Id).LastOrDefault();

    /// <summary>
    /// 补正 (一次性告知): the request's items — at least one; each a material of the application's checklist, once, with
    /// what is wrong (MISSING or FAULTY) and an optional note.
    /// </summary>
    private async Task<List<ApplicationCorrectionItem>> CorrectionItemsAsync(
        RegistrationApplication application, IReadOnlyList<CorrectionItemInput>? inputs, Problems problems, CancellationToken cancellationToken)
    {
        var items = new List<ApplicationCorrectionItem>();
        if (inputs is null || inputs.Count == 0)
        {
            problems.Add(ErrorCodes.FieldRequired, "items");
            return items;
        }
        if (inputs.Count > MaxCorrectionItems)
        {
            problems.Add(ErrorCodes.TooManyMaterials, "items", "AT_MOST_100");
            return items;
        }
        var section = (await configuration.CatalogueAsync(cancellationToken)).For(application.BusinessType);
        for (var i = 0; i < inputs.Count; i++)
        {
            var field = $"items[{i}]";
            var code = inputs[i]?.MaterialCode?.Trim().ToUpperInvariant();
            if (string.IsNullOrEmpty(code))
            {
                problems.Add(ErrorCodes.FieldRequired, field + ".materialCode");
            }
            else if (code.Length > 60 || !section.Lists(code))
            {
                problems.Add(ErrorCodes.MaterialNotApplicable, field + ".materialCode");
                code = null;
            }
            else if (items.Any(item => item.MaterialCode == code))
            {
                problems.Add(ErrorCodes.DuplicateMaterial, field + ".materialCode");
                code = null;
            }
            CorrectionDefect? defect = inputs[i]?.Defect?.Trim().ToUpperInvariant() switch
            {
                null or "" => null,
                "MISSING" => CorrectionDefect.Missing,
                "FAULTY" => CorrectionDefect.Faulty,
                _ => (CorrectionDefect)0,
            };
            if (defect is null)
            {
                problems.Add(ErrorCodes.FieldRequired, field + ".defect");
            }
            else if (defect == 0)
            {
                problems.Add(ErrorCodes.InvalidCorrectionDefect, field + ".defect");
            }
            var note = Inputs.Text(inputs[i]?.Note, field + ".note", problems, 500);
            if (code is not null && defect is { } known && known != 0)
            {
                items.Add(new ApplicationCorrectionItem { MaterialCode = code, Defect = known, Note = note });
            }
        }
        return items;
    }

    private static ClockPauseKind? ClockPauseOf(string? text, Problems problems)
    {
        switch (text?.Trim().ToUpperInvariant())
        {
            case null or "":
                problems.Add(ErrorCodes.FieldRequired, "pause");
                return null;
            case "SURVEY":
                return ClockPauseKind.Survey;
            case "SITE_INSPECTION":
                return ClockPauseKind.SiteInspection;
            case "PUBLIC_NOTICE":
                return ClockPauseKind.PublicNotice;
            default:
                problems.Add(ErrorCodes.InvalidClockPause, "pause");
                return null;
        }
    }

    /// <summary>At most this many items in one correction request.</summary>
    public const int MaxCorrectionItems = 100;

    /// <summary>
    /// 补正: the materials supplied are the caller's uploads, on the type's checklist and — where the request listed its
    /// items — among them; with those uploaded into the application since the request, they must cover every item
    /// listed. The items covered are marked supplied.
    /// </summary>
    private async Task<bool> AttachAsync(
        RegistrationApplication application, IReadOnlyList<MaterialReference>? supplied, Caller caller, Problems problems, DateTime now, CancellationToken cancellationToken)
    {
        var references = Inputs.Materials(supplied, "materials", problems);
        if (problems.Any)
        {
            return false;
        }
        var open = OpenCorrection(application);
        var listed = open?.CorrectionItems ?? [];
        var id = application.Id;
        var requestId = open?.Id ?? 0;
        var uploadedSince = await db.ApplicationMaterials.AsNoTracking().Where(m => m.ApplicationId == id && m.SuppliedForEventId == requestId)
            .Select(m => m.MaterialCode).ToListAsync(cancellationToken);
        if (references.Count == 0 && uploadedSince.Count == 0)
        {
            // Nothing named here, and nothing uploaded into the application since the request.
            problems.Add(ErrorCodes.FieldRequired, "materials");
            return false;
        }
        var owned = references.Count == 0
            ? new Dictionary<string, Material>()
            : (await MaterialLookup.FindOwnedAsync(db, caller.SubjectKey!, references.Select(r => r.MaterialId!), cancellationToken)).Owned;
        var section = (await configuration.CatalogueAsync(cancellationToken)).For(application.BusinessType);
        var attached = references.Count == 0
            ? []
            : await db.ApplicationMaterials.AsNoTracking().Where(m => m.ApplicationId == id).Select(m => new AttachedCode(m.MaterialId, m.MaterialCode)).ToListAsync(cancellationToken);
        for (var i = 0; i < references.Count; i++)
        {
            var reference = references[i];
            if (!section.Lists(reference.Code))
            {
                problems.Add(ErrorCodes.MaterialNotApplicable, $"materials[{i}].code");
            }
            else if (listed.Count > 0 && !listed.Any(item => item.MaterialCode == reference.Code))
            {
                problems.Add(ErrorCodes.CorrectionItemNotRequested, $"materials[{i}].code");
            }
            if (!owned.TryGetValue(reference.MaterialId!, out var material))
            {
                problems.Add(ErrorCodes.MaterialNotFound, $"materials[{i}].materialId");
            }
            else if (attached.Any(a => a.MaterialId == material.Id && a.MaterialCode == reference.Code))
            {
                problems.Add(ErrorCodes.DuplicateMaterial, $"materials[{i}]");
            }
            else
            {
                application.Materials.Add(new ApplicationMaterial { MaterialId = material.Id, MaterialCode = reference.Code!, AttachedAt = now, SuppliedForEventId = open?.Id });
            }
        }
        var covered = uploadedSince.Concat(references.Select(r => r.Code!)).ToHashSet(StringComparer.Ordinal);
        foreach (var item in listed.Where(item => !covered.Contains(item.MaterialCode)))
        {
            // Every item listed, at once: the reason names the material still outstanding.
            problems.Add(ErrorCodes.CorrectionItemNotSupplied, "materials", item.MaterialCode);
        }
        if (problems.Any)
        {
            return false;
        }
        foreach (var item in listed)
        {
            item.SuppliedAt = now;
        }
        return true;
    }

    private sealed record AttachedCode(long MaterialId, string MaterialCode);
}
