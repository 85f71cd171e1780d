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
using OneWindow.Domain.Identifiers;

namespace OneWindow.Api.Features.Applications;

/// <summary>The outcome of a submission: the application, or every reason it was refused, or a refusal of the request itself.</summary>
public sealed record SubmitResult(ApplicationResponse? Application, IReadOnlyList<ApiError> Problems, ApiError? Error, bool Replayed = false);

/// <summary>The outcome of a bulk submission: a result per item, or a refusal of the request itself.</summary>
public sealed record BulkSubmitResult(BulkSubmissionResponse? Response, ApiError? Error, bool Replayed = false);

/// <summary>
/// Submission of an application of any business type, written once for REST and GraphQL and for single and bulk
/// requests: the idempotency key, the request read by the type's rules, the register check, who files and with whose
/// consent (<see cref="Filing"/>), the materials checklist, then one transaction storing the application whole (with its
/// idempotency record) or nothing. Where it goes then is the filing's <see cref="FilingRoute"/>: waiting for the other
/// applicants' confirmation, submitted for staff, deemed accepted, or entered in the register at once (即办) in the same
/// transaction — the last only where nobody else's right is taken without their say.
/// </summary>
public sealed class SubmitApplication(
    RegistryDbContext db, RegisterWriter writer, Numbering numbering, ApplicationViews views, RegistryConfiguration configuration,
    TimeLimitPolicy policy, IOptions<ApplicationsOptions> options, TimeProvider time, Certificates.CertificateProduction certificates)
{
    private ApplicationsOptions Options => options.Value;

    public async Task<SubmitResult> SubmitAsync<TRequest, TPayload>(
        ApplicationKind<TRequest, TPayload> kind, TRequest? request, string? idempotencyKey, Caller caller, CancellationToken cancellationToken)
        where TRequest : class, IApplicationRequest
        where TPayload : class
    {
        if (Refusal(caller, idempotencyKey, request) is { } refusal)
        {
            return new SubmitResult(null, [], refusal);
        }
        var callerKey = caller.SubjectKey!;
        var hash = Idempotency.Hash(kind.Operation, request!);
        if (await Idempotency.FindAsync(db, callerKey, idempotencyKey!, cancellationToken) is { } earlier)
        {
            return Replayed(Idempotency.Replay<ApplicationResponse>(earlier, kind.Operation, hash), caller);
        }

        var context = await ContextAsync(caller, cancellationToken);
        var problems = new Problems();
        var draft = kind.Read(request!, context, problems, "");
        if (draft is null)
        {
            return new SubmitResult(null, problems.Items, null);
        }
        var state = await RegisterState.LoadAsync(db, context.Today, kind.UnitsToLoad(draft.Payload), cancellationToken);
        var owned = await OwnedMaterialsAsync(callerKey, draft.Materials, cancellationToken);
        await OrganisationCodesOfRecordAsync(kind, draft, problems, "", cancellationToken);
        var filing = Check(kind, draft, state, context, owned, problems, "", claimed: null);
        if (problems.Any)
        {
            // The same request may have been stored a moment ago by a concurrent duplicate: then its answer stands
            // (the application and its record are committed together, so whoever sees one sees the other).
            return await Idempotency.FindAsync(db, callerKey, idempotencyKey!, cancellationToken) is { } stored
                ? Replayed(Idempotency.Replay<ApplicationResponse>(stored, kind.Operation, hash), caller)
                : new SubmitResult(null, problems.Items, null);
        }

        var number = (await numbering.BusinessNumbersAsync(1, cancellationToken))[0];
        var calculator = await views.CalculatorAsync(cancellationToken);
        try
        {
            await using var change = await writer.BeginAsync(cancellationToken);
            var claim = Claim(callerKey, idempotencyKey!, kind.Operation, hash);
            if (!await TryClaimAsync(claim, cancellationToken))
            {
                return await ReplayAfterRaceAsync(callerKey, idempotencyKey!, kind.Operation, hash, caller, cancellationToken);
            }
            var application = NewApplication(kind, draft, filing, state, number, caller, owned, change.Now);
            db.Applications.Add(application);
            if (!await TrySaveAsync(cancellationToken))
            {
                return new SubmitResult(null, PendingProblems(kind, draft, ""), null);
            }
            if (await RouteAsync(kind, draft, filing, application, change, calculator, cancellationToken) is { Count: > 0 } changed)
            {
                return new SubmitResult(null, changed, null);
            }
            await change.FlushAsync(cancellationToken);
            var (recordedCount, recorded) = application.RecordedAt is null ? (0, []) : await views.RecordedAsync(application.BusinessNumber, cancellationToken);
            var response = views.Build(application, caller, draft.UnitCodes, Attached(draft, owned), recordedCount, recorded, calculator);
            claim.StatusCode = StatusCodes.Status201Created;
            claim.Response = PayloadJson.Write(response);
            await change.CommitAsync(cancellationToken);
            return new SubmitResult(response, [], null);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another change reached one of the units between the check and the entry in the register.
            return new SubmitResult(null, [], new ApiError(ErrorCodes.ConcurrentChange, StatusCodes.Status409Conflict));
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>
    /// Up to <see cref="ApplicationsOptions.MaxBulkItems"/> submissions in one request, each validated and stored on its
    /// own (a refused item does not stop the others), with one idempotency key for the whole: every item's answer is
    /// kept under <c>key#index</c> with the item, so a retry after a failure half-way returns what was stored and
    /// stores the rest. All items that pass go into one transaction; if a competing submission takes a unit meanwhile,
    /// the items are stored one by one instead.
    /// </summary>
    public async Task<BulkSubmitResult> SubmitManyAsync<TRequest, TPayload>(
        ApplicationKind<TRequest, TPayload> kind, IReadOnlyList<TRequest?>? items, string? idempotencyKey, Caller caller, CancellationToken cancellationToken)
        where TRequest : class, IApplicationRequest
        where TPayload : class
    {
        if (Refusal(caller, idempotencyKey, items) is { } refusal)
        {
            return new BulkSubmitResult(null, refusal);
        }
        if (items!.Count == 0 || items.Count > Options.MaxBulkItems)
        {
            return new BulkSubmitResult(null, ApiError.BadRequest(items.Count == 0 ? ErrorCodes.FieldRequired : ErrorCodes.TooManyItems, "items", $"AT_MOST_{Options.MaxBulkItems}"));
        }
        var callerKey = caller.SubjectKey!;
        var operation = kind.Operation + "Bulk";
        var hash = Idempotency.Hash(operation, items);
        if (await Idempotency.FindAsync(db, callerKey, idempotencyKey!, cancellationToken) is { } earlier)
        {
            return ReplayedBulk(earlier, operation, hash, caller);
        }

        // Items a previous attempt stored (it failed before answering): their answers stand.
        var itemKeys = Enumerable.Range(0, items.Count).Select(i => ItemKey(idempotencyKey!, i)).ToArray();
        var stored = await db.IdempotencyRecords.AsNoTracking()
            .Where(r => r.CallerKey == callerKey && itemKeys.Contains(r.Key))
            .ToDictionaryAsync(r => r.Key, cancellationToken);

        var context = await ContextAsync(caller, cancellationToken);
        var english = caller.English;
        var results = new BulkItemResult?[items.Count];
        var drafts = new Draft<TPayload>?[items.Count];
        var filings = new Filing?[items.Count];
        var problems = new Problems[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            problems[i] = new Problems();
            var path = $"items[{i}].";
            if (items[i] is not { } item)
            {
                problems[i].Add(ErrorCodes.FieldRequired, $"items[{i}]");
                continue;
            }
            if (stored.TryGetValue(itemKeys[i], out var record))
            {
                var replay = Idempotency.Replay<ApplicationResponse>(record, kind.Operation, Idempotency.Hash(kind.Operation, item));
                if (replay.Value is { } application)
                {
                    views.AuditReplay(application, caller);
                }
                results[i] = replay.Error is { } reused
                    ? new BulkItemResult(i, false, null, [ItemError.From(reused with { Field = $"items[{i}]" }, english)])
                    : new BulkItemResult(i, true, replay.Value, []);
                continue;
            }
            drafts[i] = kind.Read(item, context, problems[i], path);
            if (drafts[i] is { } read)
            {
                await OrganisationCodesOfRecordAsync(kind, read, problems[i], path, cancellationToken);
            }
        }

        var state = await RegisterState.LoadAsync(db, context.Today, [.. drafts.OfType<Draft<TPayload>>().SelectMany(d => kind.UnitsToLoad(d.Payload))], cancellationToken);
        var owned = await OwnedMaterialsAsync(callerKey, [.. drafts.OfType<Draft<TPayload>>().SelectMany(d => d.Materials)], cancellationToken);
        var claimed = new HashSet<(string, string)>();
        for (var i = 0; i < items.Count; i++)
        {
            if (drafts[i] is { } draft)
            {
                filings[i] = Check(kind, draft, state, context, owned, problems[i], $"items[{i}].", claimed);
                if (problems[i].Any)
                {
                    drafts[i] = null;
                }
            }
            if (results[i] is null && drafts[i] is null)
            {
                results[i] = new BulkItemResult(i, false, null, [.. problems[i].Items.Select(e => ItemError.From(e, english))]);
            }
        }

        var accepted = Enumerable.Range(0, items.Count).Where(i => drafts[i] is not null).ToArray();
        var numbers = accepted.Length == 0 ? [] : await numbering.BusinessNumbersAsync(accepted.Length, cancellationToken);
        var calculator = await views.CalculatorAsync(cancellationToken);
        var bulkClaim = Claim(callerKey, idempotencyKey!, operation, hash);
        try
        {
            await using var change = await writer.BeginAsync(cancellationToken);
            if (!await TryClaimAsync(bulkClaim, cancellationToken))
            {
                return ReplayedBulk((await Idempotency.FindAsync(db, callerKey, idempotencyKey!, cancellationToken))!, operation, hash, caller);
            }
            var stagedOk = true;
            for (var n = 0; n < accepted.Length && stagedOk; n++)
            {
                var i = accepted[n];
                results[i] = await StageAsync(kind, drafts[i]!, filings[i]!, state, numbers[n], caller, owned, change, calculator, ItemKey(idempotencyKey!, i), Idempotency.Hash(kind.Operation, items[i]!), i, cancellationToken);
                stagedOk = results[i]!.Accepted;
            }
            if (stagedOk && await TrySaveAsync(cancellationToken))
            {
                var response = Summarise(results!);
                bulkClaim.StatusCode = StatusCodes.Status200OK;
                bulkClaim.Response = PayloadJson.Write(response);
                await change.CommitAsync(cancellationToken);
                return new BulkSubmitResult(response, null);
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            // Falls through to one transaction per item.
        }
        finally
        {
            db.ChangeTracker.Clear();
        }

        // Something in the batch conflicted with a submission that arrived meanwhile: store the items one by one.
        for (var n = 0; n < accepted.Length; n++)
        {
            var i = accepted[n];
            results[i] = await StoreOneAsync(kind, drafts[i]!, numbers[n], caller, context, owned, calculator, ItemKey(idempotencyKey!, i), Idempotency.Hash(kind.Operation, items[i]!), i, cancellationToken);
        }
        var final = Summarise(results!);
        bulkClaim = Claim(callerKey, idempotencyKey!, operation, hash);
        bulkClaim.CreatedAt = time.GetUtcNow().UtcDateTime;
        bulkClaim.StatusCode = StatusCodes.Status200OK;
        bulkClaim.Response = PayloadJson.Write(final);
        db.IdempotencyRecords.Add(bulkClaim);
        if (!await TrySaveAsync(cancellationToken))
        {
            db.ChangeTracker.Clear();
            return ReplayedBulk((await Idempotency.FindAsync(db, callerKey, idempotencyKey!, cancellationToken))!, operation, hash, caller);
        }
        db.ChangeTracker.Clear();
        return new BulkSubmitResult(final, null);
    }

    private async Task<BulkItemResult> StoreOneAsync<TRequest, TPayload>(
        ApplicationKind<TRequest, TPayload> kind, Draft<TPayload> draft, BusinessNumber number, Caller caller, SubmitContext context,
        IReadOnlyDictionary<string, Material> owned, DeadlineCalculator calculator, string itemKey, string itemHash, int index, CancellationToken cancellationToken)
        where TRequest : class, IApplicationRequest
        where TPayload : class
    {
        try
        {
            // The register may have moved since the batch was checked: check this item again.
            var state = await RegisterState.LoadAsync(db, context.Today, kind.UnitsToLoad(draft.Payload), cancellationToken);
            var problems = new Problems();
            var filing = Check(kind, draft, state, context, owned, problems, $"items[{index}].", claimed: null);
            if (problems.Any)
            {
                return new BulkItemResult(index, false, null, [.. problems.Items.Select(e => ItemError.From(e, caller.English))]);
            }
            await using var change = await writer.BeginAsync(cancellationToken);
            var result = await StageAsync(kind, draft, filing, state, number, caller, owned, change, calculator, itemKey, itemHash, index, cancellationToken);
            if (!result.Accepted)
            {
                return result;
            }
            if (!await TrySaveAsync(cancellationToken))
            {
                return new BulkItemResult(index, false, null, [.. PendingProblems(kind, draft, $"items[{index}].").Select(e => ItemError.From(e, caller.English))]);
            }
            await change.CommitAsync(cancellationToken);
            return result;
        }
        catch (DbUpdateConcurrencyException)
        {
            return new BulkItemResult(index, false, null, [ItemError.From(new ApiError(ErrorCodes.ConcurrentChange, StatusCodes.Status409Conflict, Field: $"items[{index}]"), caller.English)]);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>Adds one accepted item (application, its idempotency record, an immediate entry) to the open change, unsaved.</summary>
    private async Task<BulkItemResult> StageAsync<TRequest, TPayload>(
        ApplicationKind<TRequest, TPayload> kind, Draft<TPayload> draft, Filing filing, RegisterState state, BusinessNumber number, Caller caller,
        IReadOnlyDictionary<string, Material> owned, RegisterChange change, DeadlineCalculator calculator,
        string itemKey, string itemHash, int index, CancellationToken cancellationToken)
        where TRequest : class, IApplicationRequest
        where TPayload : class
    {
        var application = NewApplication(kind, draft, filing, state, number, caller, owned, change.Now);
        if (await RouteAsync(kind, draft, filing, application, change, calculator, cancellationToken) is { Count: > 0 } changed)
        {
            return new BulkItemResult(index, false, null, [.. changed.Select(e => ItemError.From(e with { Field = $"items[{index}].{e.Field}" }, caller.English))]);
        }
        db.Applications.Add(application);
        var response = views.Build(application, caller, draft.UnitCodes, Attached(draft, owned), 0, [], calculator);
        var record = Claim(caller.SubjectKey!, itemKey, kind.Operation, itemHash);
        record.CreatedAt = time.GetUtcNow().UtcDateTime;
        record.StatusCode = StatusCodes.Status201Created;
        record.Response = PayloadJson.Write(response);
        db.IdempotencyRecords.Add(record);
        return new BulkItemResult(index, true, response, []);
    }

    private static BulkSubmissionResponse Summarise(BulkItemResult[] results) =>
        new(results.Count(r => r.Accepted), results.Count(r => !r.Accepted), results);

    private static string ItemKey(string key, int index) => $"{key}#{index}";

    private static ApiError? Refusal(Caller caller, string? idempotencyKey, object? request)
    {
        if (caller.SubjectKey is null)
        {
            return new ApiError(ErrorCodes.Unauthenticated, StatusCodes.Status401Unauthorized);
        }
        if (Idempotency.Validate(idempotencyKey) is { } invalid)
        {
            return invalid;
        }
        // A key is kept beside the bulk's item keys (key#index): it may not itself look like one.
        if (idempotencyKey!.Length > Idempotency.MaxKeyLength - 6)
        {
            return ApiError.BadRequest(ErrorCodes.InvalidIdempotencyKey, Idempotency.Header, "PRINTABLE_ASCII_1_TO_94");
        }
        return request is null ? ApiError.BadRequest(ErrorCodes.FieldRequired, "body") : null;
    }

    private SubmitResult Replayed(Result<ApplicationResponse> replay, Caller caller)
    {
        if (replay.Value is { } application)
        {
            views.AuditReplay(application, caller);
        }
        return new SubmitResult(replay.Value, [], replay.Error, true);
    }

    /// <summary>A bulk request's stored answer, given again; its personal data is audited as on every answer.</summary>
    private BulkSubmitResult ReplayedBulk(IdempotencyRecord record, string operation, string hash, Caller caller)
    {
        var replay = Idempotency.Replay<BulkSubmissionResponse>(record, operation, hash);
        foreach (var item in replay.Value?.Results ?? [])
        {
            if (item.Application is { } application)
            {
                views.AuditReplay(application, caller);
            }
        }
        return new BulkSubmitResult(replay.Value, replay.Error, true);
    }

    private async Task<SubmitResult> ReplayAfterRaceAsync(string callerKey, string key, string operation, string hash, Caller caller, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var record = await Idempotency.FindAsync(db, callerKey, key, cancellationToken);
        return record is null
            ? new SubmitResult(null, [], new ApiError(ErrorCodes.ConcurrentChange, StatusCodes.Status409Conflict))
            : Replayed(Idempotency.Replay<ApplicationResponse>(record, operation, hash), caller);
    }

    /// <summary>
    /// An organisation code (GB 11714) identifies an applicant only where the register records that organisation by it:
    /// organisations registered since have a unified social credit code, which is then the one to use.
    /// </summary>
    private async Task OrganisationCodesOfRecordAsync<TRequest, TPayload>(
        ApplicationKind<TRequest, TPayload> kind, Draft<TPayload> draft, Problems problems, string path, CancellationToken cancellationToken)
        where TRequest : class, IApplicationRequest
        where TPayload : class
    {
        var named = draft.Applicants.Where(a => a.Party.IdType == IdentityDocumentType.OrganisationCode).ToList();
        if (named.Count == 0)
        {
            return;
        }
        var codes = named.Select(a => a.Party.IdNumber).Distinct().ToArray();
        var ofRecord = (await db.Parties.AsNoTracking()
            .Where(p => p.IdType == IdentityDocumentType.OrganisationCode && p.Kind == PartyKind.Organisation && codes.Contains(p.IdNumber))
            .Select(p => p.IdNumber)
            .ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        foreach (var (role, party) in named.Where(a => !ofRecord.Contains(a.Party.IdNumber)))
        {
            var field = kind.Declaration.ApplicantFields.FirstOrDefault(f => f.Role == role).Field ?? "applicants";
            problems.Add(ErrorCodes.OrganisationCodeNotOfRecord, path + field);
        }
    }

    private async Task<SubmitContext> ContextAsync(Caller caller, CancellationToken cancellationToken) =>
        new(caller, await views.PartnerAsync(caller, cancellationToken), await views.PartyIdNumberAsync(caller, cancellationToken),
            ChinaTime.DateOf(time.GetUtcNow().UtcDateTime), await configuration.CatalogueAsync(cancellationToken), Options);

    /// <summary>The uploads among <paramref name="references"/> that the caller owns, by public id.</summary>
    private async Task<IReadOnlyDictionary<string, Material>> OwnedMaterialsAsync(string ownerKey, IReadOnlyList<MaterialReference> references, CancellationToken cancellationToken) =>
        (await MaterialLookup.FindOwnedAsync(db, ownerKey, references.Select(r => r.MaterialId!), cancellationToken)).Owned;

    /// <summary>
    /// The checks every type shares, after the type's own: who files (<see cref="Filing.Of"/>: the submitter is an
    /// applicant by identity of record, or an agency filing as agent), the circumstances, every required material present
    /// and uploaded by the caller, and no open application of the same kind for a unit (also within one bulk request).
    /// Returns the filing with its route (meaningful only when nothing was added to <paramref name="problems"/>).
    /// </summary>
    private Filing Check<TRequest, TPayload>(
        ApplicationKind<TRequest, TPayload> kind, Draft<TPayload> draft, RegisterState state, SubmitContext context,
        IReadOnlyDictionary<string, Material> owned, Problems problems, string path, HashSet<(string, string)>? claimed)
        where TRequest : class, IApplicationRequest
        where TPayload : class
    {
        kind.Check(draft.Payload, state, problems, path);
        kind.CheckSubmitter(draft, state, context, problems, path);
        var filing = Filing.Of(draft, context, problems, path);

        var section = context.Catalogue.For(draft.Type);
        for (var i = 0; i < draft.Materials.Count; i++)
        {
            var reference = draft.Materials[i];
            if (!section.Lists(reference.Code))
            {
                problems.Add(ErrorCodes.MaterialNotApplicable, $"{draft.MaterialsField}[{i}].code");
            }
            if (!owned.ContainsKey(reference.MaterialId!))
            {
                problems.Add(ErrorCodes.MaterialNotFound, $"{draft.MaterialsField}[{i}].materialId");
            }
        }
        var missing = context.Catalogue.Missing(draft.Type, filing.Circumstances, [.. draft.Materials.Select(m => m.Code!)]);
        if (missing.Error is { } error)
        {
            problems.Add(error.Code, path + "circumstances", string.Join(",", error.Circumstances));
        }
        foreach (var material in missing.Missing)
        {
            problems.Add(ErrorCodes.MaterialMissing, draft.MaterialsField, material.Code);
        }

        var group = BusinessTypes.Get(draft.Type).ConflictGroup;
        for (var i = 0; i < draft.UnitCodes.Count; i++)
        {
            var code = draft.UnitCodes[i];
            if (state.HasOpenApplication(code, group) || (claimed is not null && claimed.Contains((code, group))))
            {
                problems.Add(ErrorCodes.PendingApplicationExists, path + kind.UnitField(i));
            }
        }
        filing = filing.Routed(policy.IsImmediate(draft.Type), kind.EntersAtOnce(draft, context));
        if (claimed is not null && !problems.Any && filing.Route != FilingRoute.EnterAtOnce)
        {
            foreach (var code in draft.UnitCodes)
            {
                claimed.Add((code, group));
            }
        }
        return filing;
    }

    private List<ApiError> PendingProblems<TRequest, TPayload>(ApplicationKind<TRequest, TPayload> kind, Draft<TPayload> draft, string path)
        where TRequest : class, IApplicationRequest
        where TPayload : class
    {
        db.ChangeTracker.Clear();
        // The unique index refused the units: an application of the same kind for one of them was stored meanwhile.
        return [.. Enumerable.Range(0, draft.UnitCodes.Count).Select(i => new ApiError(ErrorCodes.PendingApplicationExists, StatusCodes.Status422UnprocessableEntity, null, path + kind.UnitField(i)))];
    }

    private static IdempotencyRecord Claim(string callerKey, string key, string operation, string hash) => new()
    {
        CallerKey = callerKey,
        Key = key,
        Operation = operation,
        RequestHash = hash,
        Response = "",
    };

    private async Task<bool> TryClaimAsync(IdempotencyRecord claim, CancellationToken cancellationToken)
    {
        claim.CreatedAt = time.GetUtcNow().UtcDateTime;
        db.IdempotencyRecords.Add(claim);
        return await TrySaveAsync(cancellationToken);
    }

    private async Task<bool> TrySaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException e) when (e is not DbUpdateConcurrencyException && e.IsUniqueViolation())
        {
            return false;
        }
    }

    private RegistrationApplication NewApplication<TRequest, TPayload>(
        ApplicationKind<TRequest, TPayload> kind, Draft<TPayload> draft, Filing filing, RegisterState state, BusinessNumber number, Caller caller,
        IReadOnlyDictionary<string, Material> owned, DateTime now)
        where TRequest : class, IApplicationRequest
        where TPayload : class
    {
        var status = filing.Route == FilingRoute.AwaitConfirmation ? ApplicationStatus.AwaitingConfirmation : ApplicationStatus.Submitted;
        var location = kind.Location(draft.Payload, state);
        var summary = draft.UnitCodes.Count > 1 ? $"{location} 等{draft.UnitCodes.Count}个单元" : location;
        var group = BusinessTypes.Get(draft.Type).ConflictGroup;
        var application = new RegistrationApplication
        {
            BusinessNumber = number.ToString(),
            BusinessType = draft.Type,
            Status = status,
            SubmitterKey = caller.SubjectKey!,
            SubmittedBy = caller.Name,
            PartnerId = caller.PartnerId,
            PersonId = caller.PersonId,
            FiledAsAgent = filing.AsAgent,
            Circumstances = string.Join(",", filing.Circumstances),
            Payload = PayloadJson.Write(draft.Payload),
            Summary = summary.Length <= 300 ? summary : summary[..300],
            UnitCount = draft.UnitCodes.Count,
            SubmittedAt = now,
            Version = 1,
        };
        application.Events.Add(new ApplicationEvent { ToStatus = status, ActorKind = ActorKind.Applicant, Actor = caller.Name, OccurredAt = now });
        for (var i = 0; i < draft.Applicants.Count; i++)
        {
            var (role, party) = draft.Applicants[i];
            var consent = filing.Consents[i];
            application.Parties.Add(new ApplicationParty
            {
                Role = role, Kind = party.Kind, Name = party.Name, IdType = party.IdType, IdNumber = party.IdNumber, Nationality = party.Nationality,
                Phone = party.Phone, SharePercent = party.SharePercent, Position = i,
                Confirmation = consent is null ? ConfirmationState.Pending : ConfirmationState.Confirmed,
                ConfirmationMethod = consent,
                ConfirmedBy = consent is null ? null : caller.Name,
                ConfirmedAt = consent is null ? null : now,
            });
        }
        foreach (var code in draft.UnitCodes)
        {
            application.Units.Add(new ApplicationUnit { UnitCode = code, ConflictGroup = group, IsOpen = true });
        }
        foreach (var reference in draft.Materials)
        {
            application.Materials.Add(new ApplicationMaterial { MaterialId = owned[reference.MaterialId!].Id, MaterialCode = reference.Code!, AttachedAt = now });
        }
        return application;
    }

    private static IReadOnlyList<AttachedMaterialResponse> Attached<TPayload>(Draft<TPayload> draft, IReadOnlyDictionary<string, Material> owned) =>
        [.. draft.Materials.Select(r => owned[r.MaterialId!]).Zip(draft.Materials, (m, r) => new AttachedMaterialResponse(m.PublicId, r.Code!, m.FileName, m.ContentType, m.Size, m.Sha256))];

    /// <summary>
    /// Takes a stored application where its filing's route leads: waiting for confirmation or submitted, nothing more;
    /// deemed accepted (an immediate type the platform may not enter itself: the same working day's deadline runs and a
    /// registrar enters it); or 即办, accepted, entered in the register and completed by the platform at once.
    /// </summary>
    private async Task<IReadOnlyList<ApiError>> RouteAsync<TRequest, TPayload>(
        ApplicationKind<TRequest, TPayload> kind, Draft<TPayload> draft, Filing filing, RegistrationApplication application, RegisterChange change,
        DeadlineCalculator calculator, CancellationToken cancellationToken)
        where TRequest : class, IApplicationRequest
        where TPayload : class
    {
        if (filing.Route == FilingRoute.DeemAccepted)
        {
            DeemAccepted(application, change.Now, calculator, policy);
            return [];
        }
        if (filing.Route != FilingRoute.EnterAtOnce)
        {
            return [];
        }
        var now = change.Now;
        var services = new RecordServices(db, numbering, ChinaTime.DateOf(now));
        var problems = await kind.EnterAsync(draft.Payload, application, change, services, cancellationToken);
        if (problems.Count > 0)
        {
            return problems;
        }
        var transition = Workflow.Apply(application.Status, ApplicationAction.RecordImmediately, ActorKind.System, isImmediateType: true);
        var from = application.Status;
        foreach (var status in transition.Path)
        {
            application.Events.Add(new ApplicationEvent { Action = ApplicationAction.RecordImmediately, FromStatus = from, ToStatus = status, ActorKind = ActorKind.System, Actor = "system", OccurredAt = now });
            from = status;
        }
        application.Status = transition.Status;
        application.AcceptedAt = application.RecordedAt = application.ClosedAt = now;
        // Entered, prepared and issued at once: its certificates (if the entry numbered any) in the same transaction.
        await change.FlushAsync(cancellationToken);
        await certificates.ProduceAsync(application, now, issue: true, cancellationToken);
        ApplicationDeadlines.Refresh(application, application.Events, calculator, policy);
        foreach (var unit in application.Units)
        {
            unit.IsOpen = false;
        }
        return [];
    }

    /// <summary>
    /// 受理 by the platform of a submitted application of an immediate type that only a registrar may enter: an
    /// application not refused on the spot counts as accepted (暂行条例 art. 17), and its time limit (0: the same working
    /// day) runs from now.
    /// </summary>
    public static void DeemAccepted(RegistrationApplication application, DateTime now, DeadlineCalculator calculator, TimeLimitPolicy policy)
    {
        application.Events.Add(new ApplicationEvent
        {
            Action = ApplicationAction.Accept, FromStatus = application.Status, ToStatus = ApplicationStatus.Accepted, ActorKind = ActorKind.System,
            Actor = "system", Reason = "视为受理（不动产登记暂行条例第十七条）", OccurredAt = now,
        });
        application.Status = ApplicationStatus.Accepted;
        application.AcceptedAt = now;
        ApplicationDeadlines.Refresh(application, application.Events, calculator, policy);
    }
}
