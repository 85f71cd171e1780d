using System.Globalization;
using OneWindow.Sdk;
using OneWindow.Sdk.Audiences;
using OneWindow.Sdk.Rest;

namespace OneWindow.Samples.DeveloperTool;

/// <summary>
/// The developer's side of a first registration (首次登记), through the SDK only: the owner is read from the register
/// (the holder of the land use right, which the developer sees unmasked because it is that holder), the checklist's
/// materials are uploaded, the building is submitted as one application, and its progress is followed until a status.
/// </summary>
public sealed class BuildingRegistration(DeveloperClient developer)
{
    private static readonly ApplicationStatus[] Workflow =
    [
        ApplicationStatus.SUBMITTED, ApplicationStatus.ACCEPTED, ApplicationStatus.UNDER_REVIEW,
        ApplicationStatus.RECORDED, ApplicationStatus.CERTIFICATE_PREPARED, ApplicationStatus.COMPLETED,
    ];

    /// <summary>The workflow of a first registration, in order: the progress bar's steps.</summary>
    public static IReadOnlyList<ApplicationStatus> Steps => Workflow;

    /// <summary>Where an application ends without reaching the register.</summary>
    public static readonly IReadOnlySet<ApplicationStatus> Ended = new HashSet<ApplicationStatus>
    {
        ApplicationStatus.REFUSED, ApplicationStatus.RETURNED, ApplicationStatus.WITHDRAWN, ApplicationStatus.DECLINED,
    };

    /// <summary>How far along the workflow <paramref name="status"/> is, from 0 (submitted) to 1 (certificates issued).</summary>
    public static double Fraction(ApplicationStatus? status) => status switch
    {
        ApplicationStatus.CORRECTION_REQUESTED => 1.0 / (Workflow.Length - 1),
        { } s when Array.IndexOf(Workflow, s) >= 0 => (double)Array.IndexOf(Workflow, s) / (Workflow.Length - 1),
        _ => 0,
    };

    /// <summary>The holder of record of the land use right of <paramref name="landUnitCode"/>, who must be the caller.</summary>
    public async Task<PartyInput> OwnerAsync(string landUnitCode, CancellationToken cancellationToken = default)
    {
        var land = await developer.Rest.GetPropertyAsync(landUnitCode, cancellationToken).ConfigureAwait(false);
        var holder = land.Rights.Where(r => r.Kind == RightKind.LAND_USE).SelectMany(r => r.Holders).FirstOrDefault();
        if (holder is null || holder.Masked)
        {
            // A holder shown masked is somebody else: the platform would refuse the owner, so say it plainly first.
            throw new InvalidOperationException($"{landUnitCode} is not land whose land use right this developer holds of record");
        }
        return new PartyInput { Kind = holder.Kind?.ToString() ?? "ORGANISATION", Name = holder.Name, IdNumber = holder.IdNumber };
    }

    /// <summary>
    /// Uploads the materials the checklist requires (each from <paramref name="fileFor"/>, <paramref name="uploaded"/>
    /// told after each) and submits the building: one application for all its units.
    /// </summary>
    public async Task<ApplicationResponse> SubmitAsync(string landUnitCode, UnitSheet sheet, string? buildingName,
        Func<string, MaterialFile> fileFor, Action<int, int>? uploaded = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        if (sheet.Errors.Count > 0 || sheet.BuildingNumber is null)
        {
            throw new ArgumentException("the sheet has errors; nothing is submitted", nameof(sheet));
        }
        var owner = await OwnerAsync(landUnitCode, cancellationToken).ConfigureAwait(false);
        var checklist = await developer.Rest.GetMaterialChecklistAsync(BusinessType.FIRST_REGISTRATION.ToString(), null, cancellationToken).ConfigureAwait(false);
        var required = (checklist.Items ?? []).Where(i => i.Requirement == ResolvedRequirement.REQUIRED && i.Code is not null).Select(i => i.Code!).ToList();
        // Every file is found before the first upload, so a missing scan stops the tool before anything is sent.
        var files = required.Select(code => (Code: code, File: fileFor(code))).ToList();
        var materials = new List<MaterialReference>();
        foreach (var (code, file) in files)
        {
            var material = await developer.UploadMaterialAsync(file, code, cancellationToken).ConfigureAwait(false);
            materials.Add(new MaterialReference { MaterialId = material.Id, Code = code });
            uploaded?.Invoke(materials.Count, files.Count);
        }

        var number = sheet.BuildingNumber;
        return await developer.SubmitFirstRegistrationAsync(new FirstRegistrationRequest
        {
            LandUnitCode = landUnitCode,
            Owner = owner,
            Building = new NewBuildingInput
            {
                Number = number,
                Name = buildingName ?? int.Parse(number, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture) + "幢",
                Floors = sheet.Floors,
            },
            Units = [.. sheet.Units.Select(u => new NewUnitInput
            {
                UnitCode = u.UnitCode,
                Location = u.Location,
                Floor = u.Floor,
                RoomNumber = u.RoomNumber,
                Area = (double)u.Area,
                InteriorArea = (double?)u.InteriorArea,
                Use = u.Use,
            })],
            Materials = materials,
        }, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>How many steps the subscription reported during the last <see cref="WaitAsync"/>.</summary>
    public int StepsHeard { get; private set; }

    /// <summary>
    /// Follows the application by subscription (<c>applicationProgressChanged</c>) until it reaches
    /// <paramref name="until"/> (or a later step) or ends without reaching it; <paramref name="changed"/> is told each
    /// status it is seen in (the application read once per step heard, for its timeline). A subscription hears only what
    /// happens while it is open, so the application is read once right after subscribing (<paramref name="watching"/> is
    /// told then) and again after <paramref name="recheck"/> without news — the safety net, not the way steps arrive.
    /// A dropped socket or an expired token (a long wait) subscribes again.
    /// </summary>
    public async Task<ApplicationResponse> WaitAsync(string businessNumber, ApplicationStatus until, TimeSpan recheck,
        Action<ApplicationResponse>? changed = null, Action? watching = null, CancellationToken cancellationToken = default)
    {
        var target = Array.IndexOf(Workflow, until);
        ApplicationStatus? last = null;
        StepsHeard = 0;
        bool Reached(ApplicationResponse application)
        {
            if (application.Status != last)
            {
                last = application.Status;
                changed?.Invoke(application);
            }
            return application.Status is { } status && (Ended.Contains(status) || Array.IndexOf(Workflow, status) >= target);
        }

        while (true)
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var steps = developer.WatchApplicationAsync(businessNumber, stop.Token).GetAsyncEnumerator(stop.Token);
            var next = steps.MoveNextAsync().AsTask();   // opens the socket and subscribes
            try
            {
                var application = await developer.GetApplicationAsync(businessNumber, cancellationToken).ConfigureAwait(false);
                if (Reached(application))
                {
                    return application;
                }
                watching?.Invoke();
                while (true)
                {
                    var timer = Task.Delay(recheck, cancellationToken);
                    if (await Task.WhenAny(next, timer).ConfigureAwait(false) == next)
                    {
                        if (!await next.ConfigureAwait(false))
                        {
                            break;   // the platform ended the subscription: subscribe again
                        }
                        StepsHeard++;
                        next = steps.MoveNextAsync().AsTask();
                    }
                    else
                    {
                        await timer.ConfigureAwait(false);
                    }
                    application = await developer.GetApplicationAsync(businessNumber, cancellationToken).ConfigureAwait(false);
                    if (Reached(application))
                    {
                        return application;
                    }
                }
            }
            catch (OneWindowApiException e) when (e.Code is "NETWORK_ERROR" or "FORBIDDEN" or "TIMEOUT" && !cancellationToken.IsCancellationRequested)
            {
                // Subscribe again and read once more.
            }
            finally
            {
                await stop.CancelAsync().ConfigureAwait(false);
                try
                {
                    await next.ConfigureAwait(false);
                }
                catch (Exception e) when (e is OperationCanceledException or OneWindowApiException)
                {
                    // The subscription stopped because this wait ended.
                }
                await steps.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>The platform's refusal, each field error on the CSV line it came from (<c>units[3].area</c> → that unit's line).</summary>
    public static IEnumerable<string> Explain(OneWindowApiException refusal, UnitSheet sheet)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        ArgumentNullException.ThrowIfNull(sheet);
        if (refusal.FieldErrors.Count == 0)
        {
            yield return $"{refusal.Code}: {refusal.Message}";
            yield break;
        }
        foreach (var error in refusal.FieldErrors)
        {
            var where = error.Field ?? "";
            if (where.StartsWith("units[", StringComparison.Ordinal) && where.IndexOf(']', StringComparison.Ordinal) is var close and > 6
                && int.TryParse(where[6..close], NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                where = $"line {sheet.LineOf(index)} ({where})";
            }
            yield return $"{where}: {error.Code} {error.Message}" + (error.Reason is null ? "" : $" ({error.Reason})");
        }
    }
}
