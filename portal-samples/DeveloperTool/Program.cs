using System.Text;
using OneWindow.Samples.DeveloperTool;
using OneWindow.Sdk;
using OneWindow.Sdk.Audiences;
using OneWindow.Sdk.Rest;
using Spectre.Console;

// A developer files the first registration (首次登记) of a building from a CSV of its units, then follows the
// application by subscription with a progress bar until the registry has issued the certificates (or the step given with --until).
// Usage: dotnet run --project portal-samples/DeveloperTool [-- [units.csv] [options]]; --help lists the options.
Console.OutputEncoding = Encoding.UTF8;
var options = ToolOptions.Parse(args);
if (options.Problem is not null || options.Help)
{
    Console.Error.WriteLine(options.Problem is null ? ToolOptions.Usage : options.Problem + Environment.NewLine + ToolOptions.Usage);
    return options.Help ? 0 : 2;
}

UnitSheet sheet;
using (var reader = new StreamReader(options.CsvPath, Encoding.UTF8))
{
    sheet = UnitSheet.Read(reader, options.LandUnitCode);
}
if (sheet.Errors.Count > 0)
{
    AnsiConsole.MarkupLineInterpolated($"[red]{options.CsvPath}: {sheet.Errors.Count} problem(s); nothing was submitted.[/]");
    foreach (var error in sheet.Errors)
    {
        Console.WriteLine($"  {error}");
    }
    return 1;
}
AnsiConsole.MarkupLineInterpolated($"{options.CsvPath}: building [bold]{sheet.BuildingNumber}[/], {sheet.Units.Count} units on {sheet.Floors} floor(s), land unit {options.LandUnitCode}");

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // Ctrl+C stops the waiting, not the application: it goes on at the registry.
    e.Cancel = true;
    stop.Cancel();
};
using var client = new OneWindowClient(new OneWindowClientOptions { BaseUrl = options.BaseUrl, ClientId = options.ClientId, ClientSecret = options.ClientSecret });
var registration = new BuildingRegistration(client.Developers);

ApplicationResponse? application = null;
try
{
    await AnsiConsole.Progress()
        .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
        .StartAsync(async progress =>
        {
            var upload = progress.AddTask("materials");
            application = await registration.SubmitAsync(options.LandUnitCode, sheet, options.BuildingName, options.MaterialFor,
                (done, all) => { upload.MaxValue = all; upload.Value = done; upload.Description = $"materials {done}/{all}"; }, stop.Token);
            upload.Value = upload.MaxValue;
            var workflow = progress.AddTask($"{application.BusinessNumber} {application.StatusName}", maxValue: 1);
            application = await registration.WaitAsync(application.BusinessNumber, options.Until, options.Recheck, seen =>
            {
                workflow.Value = BuildingRegistration.Fraction(seen.Status);
                var reason = seen.Timeline.LastOrDefault()?.Reason;
                workflow.Description = Markup.Escape($"{seen.BusinessNumber} {seen.StatusName}" + (reason is null ? "" : $" ({reason})"));
            }, cancellationToken: stop.Token);
            workflow.Value = BuildingRegistration.Fraction(application.Status);
        });
}
catch (OneWindowApiException refusal)
{
    AnsiConsole.MarkupLineInterpolated($"[red]refused: {refusal.Code} {refusal.Message}; nothing was registered.[/]");
    foreach (var line in BuildingRegistration.Explain(refusal, sheet))
    {
        Console.WriteLine("  " + line);
    }
    return 1;
}
catch (Exception e) when (e is FileNotFoundException or InvalidOperationException)
{
    AnsiConsole.MarkupLineInterpolated($"[red]{e.Message}; nothing was submitted.[/]");
    return 1;
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    AnsiConsole.MarkupLineInterpolated($"stopped waiting; {(application is null ? "nothing was submitted" : $"application {application.BusinessNumber} goes on at the registry")}.");
    return 130;
}

var result = application!;
AnsiConsole.MarkupLineInterpolated($"[bold]{result.BusinessNumber}[/] {result.BusinessTypeName}: [bold]{result.StatusName}[/] ({result.Status}), {result.UnitCount} units");
var timeline = new Table().AddColumns("time (Asia/Shanghai)", "step", "by", "reason");
foreach (var step in result.Timeline)
{
    timeline.AddRow(Markup.Escape(ToolOptions.Local(step.At)), Markup.Escape(step.StatusName), Markup.Escape(step.Actor ?? step.ActorKind?.ToString() ?? ""), Markup.Escape(step.Reason ?? ""));
}
AnsiConsole.Write(timeline);
var titles = result.Recorded.Where(r => r.Kind == RegisterEntryKind.RIGHT_REGISTERED && r.CertificateNumber?.Contains("不动产权", StringComparison.Ordinal) == true).ToList();
if (titles.Count > 0)
{
    AnsiConsole.MarkupLineInterpolated($"{titles.Count} certificates of title (不动产权证书), {result.RecordedCount} register entries in all:");
    foreach (var title in titles.Take(5))
    {
        AnsiConsole.WriteLine($"  {title.UnitCode}  {title.CertificateNumber}");
    }
    if (titles.Count > 5)
    {
        AnsiConsole.WriteLine($"  … and {titles.Count - 5} more (client.Developers.ListCertificatesAsync)");
    }
}
return BuildingRegistration.Ended.Contains(result.Status ?? ApplicationStatus.SUBMITTED) ? 1 : 0;

/// <summary>The tool's command line.</summary>
internal sealed class ToolOptions
{
    public const string Usage = """
        usage: dotnet run --project portal-samples/DeveloperTool -- [units.csv] [options]
          units.csv              the building's units (default: building-60.csv beside the tool; README.md lists the columns)
          --base-url URL         the platform (default http://localhost:5080)
          --land CODE            the land unit the building stands on (default 441202001001GB00006W00000000, the demo developer's)
          --building-name NAME   the building's name (default: its number + 幢)
          --materials DIR        the scanned materials, one <MATERIAL_CODE>.pdf each (default: a placeholder PDF per material)
          --until STATUS         wait until SUBMITTED, ACCEPTED, UNDER_REVIEW, RECORDED, CERTIFICATE_PREPARED or COMPLETED (default)
          --recheck SECONDS      the progress comes by subscription; read the application again after this long
                                 without news (default 60)
          --client-id ID, --client-secret SECRET   the developer's client (default demo-developer / demo-secret)
        """;

    public string CsvPath { get; private set; } = Path.Combine(AppContext.BaseDirectory, "building-60.csv");
    public Uri BaseUrl { get; private set; } = new("http://localhost:5080");
    public string LandUnitCode { get; private set; } = "441202001001GB00006W00000000";
    public string? BuildingName { get; private set; }
    public string? MaterialsDirectory { get; private set; }
    public ApplicationStatus Until { get; private set; } = ApplicationStatus.COMPLETED;
    public TimeSpan Recheck { get; private set; } = TimeSpan.FromSeconds(60);
    // Note: the demo developer's credentials; a real developer passes its own (or reads them from a secret store).
    public string ClientId { get; private set; } = "demo-developer";
    public string ClientSecret { get; private set; } = "demo-secret";
    public bool Help { get; private set; }
    public string? Problem { get; private set; }

    public static ToolOptions Parse(string[] args)
    {
        var options = new ToolOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            try
            {
                switch (args[i])
                {
                    case "-h" or "--help": options.Help = true; break;
                    case "--base-url": options.BaseUrl = new Uri(Value()); break;
                    case "--land": options.LandUnitCode = Value().Trim().ToUpperInvariant(); break;
                    case "--building-name": options.BuildingName = Value(); break;
                    case "--materials": options.MaterialsDirectory = Value(); break;
                    case "--until":
                        var until = Value();
                        options.Until = Enum.TryParse<ApplicationStatus>(until, ignoreCase: true, out var status) && BuildingRegistration.Steps.Contains(status)
                            ? status : throw new ArgumentException($"--until {until}: not a step of a first registration");
                        break;
                    case "--recheck": options.Recheck = TimeSpan.FromSeconds(double.Parse(Value(), System.Globalization.CultureInfo.InvariantCulture)); break;
                    case "--client-id": options.ClientId = Value(); break;
                    case "--client-secret": options.ClientSecret = Value(); break;
                    case var file when !file.StartsWith('-'): options.CsvPath = file; break;
                    default: throw new ArgumentException($"unknown option {args[i]}");
                }
            }
            catch (Exception e) when (e is ArgumentException or FormatException or UriFormatException or OverflowException)
            {
                options.Problem = e.Message;
                return options;
            }
        }
        if (options.LandUnitCode.Length != 28 || options.LandUnitCode[19] != 'W')
        {
            options.Problem = $"--land {options.LandUnitCode}: not a land unit code (28 characters, W after the parcel)";
        }
        else if (!File.Exists(options.CsvPath))
        {
            options.Problem = $"{options.CsvPath}: no such file";
        }
        return options;
    }

    /// <summary>The file of material <paramref name="code"/>: DIR/CODE.pdf, or a small placeholder PDF for the demo.</summary>
    public MaterialFile MaterialFor(string code)
    {
        if (MaterialsDirectory is null)
        {
            return new MaterialFile(Encoding.ASCII.GetBytes($"%PDF-1.4\n% {code} {Guid.NewGuid():N}\n%%EOF\n"), code.ToLowerInvariant() + ".pdf");
        }
        var path = Path.Combine(MaterialsDirectory, code + ".pdf");
        return File.Exists(path) ? new MaterialFile(File.ReadAllBytes(path), Path.GetFileName(path)) : throw new FileNotFoundException($"material {code}: {path} is missing", path);
    }

    public static string Local(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
}
