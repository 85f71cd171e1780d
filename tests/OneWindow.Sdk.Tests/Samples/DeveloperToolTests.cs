using System.Globalization;
using System.Text;
using OneWindow.Api.Tests.Infrastructure;
using OneWindow.Samples.DeveloperTool;
using OneWindow.Sdk.Rest;
using OneWindow.Sdk.Tests.Infrastructure;

namespace OneWindow.Sdk.Tests.Samples;

/// <summary>portal-samples/DeveloperTool: a CSV of a building's units → one first registration, followed to the end.</summary>
[Collection(SdkHostCollection.Name)]
public sealed class DeveloperToolTests(SdkHost host)
{
    private const string Header = "unit_code,location,floor,room_number,area,interior_area,use";
    private const string DemoLand = "441202001001GB00006W00000000";

    private static CancellationToken Ct => SdkHost.Ct;

    /// <summary>A sheet of <paramref name="floors"/> × 2 units of building <paramref name="building"/> on the parcel of <paramref name="land"/>.</summary>
    private static string Sheet(string land, string building, int floors)
    {
        var text = new StringBuilder("# units of building " + building + "\n" + Header + "\n");
        for (var floor = 1; floor <= floors; floor++)
        {
            for (var room = 1; room <= 2; room++)
            {
                var number = (floor * 100 + room).ToString("D4", CultureInfo.InvariantCulture);
                text.Append(CultureInfo.InvariantCulture, $"{land[..19]}F{building}{number},CSV新建{building}幢{number}房,{floor},{floor * 100 + room},96.40,78.05,住宅\n");
            }
        }
        return text.ToString();
    }

    private static UnitSheet Read(string text, string land = DemoLand) => UnitSheet.Read(new StringReader(text), land);

    [Fact]
    public void The_committed_sample_sheet_is_one_building_on_the_demo_developers_land()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "portal-samples", "DeveloperTool", "building-60.csv");
        using var reader = new StreamReader(path);

        var sheet = UnitSheet.Read(reader, DemoLand);

        Assert.Empty(sheet.Errors);
        Assert.Equal("0060", sheet.BuildingNumber);
        Assert.Equal(24, sheet.Units.Count);
        Assert.Equal(6, sheet.Floors);
        // Two comment lines and the header come first: the first unit is on line 4.
        Assert.Equal(4, sheet.Units[0].Line);
    }

    [Fact]
    public void Every_bad_line_is_reported_with_its_number_and_no_unit_is_kept()
    {
        var good = $"{DemoLand[..19]}F00610101,61幢101房,1,101,90.00,75.00,住宅";
        var text = string.Join('\n',
            Header,                                                          // line 1
            good,                                                            // line 2
            $"{DemoLand[..19]}F00610101,61幢101房,1,101,90.00,75.00,住宅",     // line 3: the same unit again
            $"441202001001GB00007F00610102,61幢102房,1,102,90,75,住宅",        // line 4: another parcel
            $"{DemoLand[..19]}F00620201,62幢201房,2,201,90,75,住宅",           // line 5: another building
            "",                                                              // line 6: empty, skipped
            $"{DemoLand[..19]}F00610202,,0,202,-3,,住宅",                     // line 7: no location, floor 0, negative area
            $"{DemoLand[..19]}F00610203,61幢203房,2,203,90.123,95,",          // line 8: 3 decimals, no use
            $"{DemoLand[..19]}F00610204,61幢204房,2,204,80,85,住宅",           // line 9: interior larger than the area
            $"{DemoLand[..19]}F00610205,61幢205房,2");                        // line 10: too few fields

        var sheet = Read(text);

        Assert.Empty(sheet.Units);
        Assert.Null(sheet.BuildingNumber);
        var lines = sheet.Errors.GroupBy(e => e.Line).ToDictionary(g => g.Key, g => string.Join(" | ", g.Select(e => e.Message)));
        Assert.Equal([3, 4, 5, 7, 8, 9, 10], lines.Keys.Order());
        Assert.Contains("already on line 2", lines[3], StringComparison.Ordinal);
        Assert.Contains("not on the parcel", lines[4], StringComparison.Ordinal);
        Assert.Contains("building 0062, line 2 in building 0061", lines[5], StringComparison.Ordinal);
        Assert.Contains("location", lines[7], StringComparison.Ordinal);
        Assert.Contains("floor '0'", lines[7], StringComparison.Ordinal);
        Assert.Contains("area '-3'", lines[7], StringComparison.Ordinal);
        Assert.Contains("more than 2 decimals", lines[8], StringComparison.Ordinal);
        Assert.Contains("use", lines[8], StringComparison.Ordinal);
        Assert.Contains("interior_area 85 is more than area 80", lines[9], StringComparison.Ordinal);
        Assert.Contains("3 field(s)", lines[10], StringComparison.Ordinal);
        Assert.All(sheet.Errors, e => Assert.StartsWith($"line {e.Line}: ", e.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public void A_sheet_without_its_columns_or_units_says_so()
    {
        Assert.Contains("lacks the column(s) interior_area, use", Assert.Single(Read("unit_code,location,floor,room_number,area\n").Errors).Message, StringComparison.Ordinal);
        Assert.Contains("no units", Assert.Single(Read(Header + "\n").Errors).Message, StringComparison.Ordinal);
        Assert.Contains("empty", Assert.Single(Read("").Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_building_read_from_a_sheet_is_filed_once_and_followed_by_subscription_until_its_certificates_are_issued()
    {
        using var client = host.Client("demo-developer");
        var land = await host.DevelopersSharedLandAsync();
        var sheet = Read(Sheet(land, "0061", 3), land);
        Assert.Empty(sheet.Errors);
        var registration = new BuildingRegistration(client.Developers);
        var uploads = new List<(int Done, int All)>();

        var filed = await registration.SubmitAsync(land, sheet, null, SdkHost.Pdf, (done, all) => uploads.Add((done, all)), Ct);

        Assert.Equal(ApplicationStatus.SUBMITTED, filed.Status);
        Assert.Equal(6, filed.UnitCount);
        Assert.NotEmpty(uploads);
        Assert.Equal(uploads[^1].All, uploads[^1].Done);
        var seen = new List<ApplicationStatus>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var watching = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // The re-check is the safety net only: the steps must come by subscription (a 10-minute re-check would show).
        var waiting = registration.WaitAsync(filed.BusinessNumber, ApplicationStatus.COMPLETED, TimeSpan.FromMinutes(10),
            application => { lock (seen) { seen.Add(application.Status!.Value); } }, watching.SetResult, stop.Token);
        await watching.Task.WaitAsync(Ct);
        using (var staff = await PersonSignIn.ClientAsync(host.App, "demo-staff"))
        {
            await SdkHost.StepsAsync(staff, filed.BusinessNumber, "accept", "start-review", "record", "prepare-certificate", "complete");
        }
        var completed = await waiting;

        Assert.Equal(ApplicationStatus.COMPLETED, completed.Status);
        // accept, start-review, record, prepare-certificate, complete: five steps heard (a step may arrive after the read
        // that already showed it, never fewer).
        Assert.InRange(registration.StepsHeard, 1, 5);
        List<ApplicationStatus> statuses;
        lock (seen)
        {
            statuses = [.. seen];
        }
        Assert.Equal(ApplicationStatus.SUBMITTED, statuses[0]);
        Assert.Equal(ApplicationStatus.COMPLETED, statuses[^1]);
        // Seen in workflow order, the bar only moving forward.
        var fractions = statuses.Select(s => BuildingRegistration.Fraction(s)).ToList();
        Assert.Equal(fractions.Order(), fractions);
        Assert.Equal(1.0, fractions[^1]);
        var titles = completed.Recorded.Where(r => r.CertificateNumber?.Contains("不动产权", StringComparison.Ordinal) == true).Select(r => r.UnitCode).Order();
        Assert.Equal(sheet.Units.Select(u => u.UnitCode).Order(), titles);
        var owner = await registration.OwnerAsync(land, Ct);
        Assert.Equal(SdkHost.DeveloperName, owner.Name);
    }

    [Fact]
    public async Task A_refusal_names_the_lines_of_the_units_at_fault()
    {
        using var client = host.Client("demo-developer");
        var land = await host.DevelopersSharedLandAsync();
        var registration = new BuildingRegistration(client.Developers);
        var first = Read(Sheet(land, "0062", 1), land);
        await registration.SubmitAsync(land, first, "62幢", SdkHost.Pdf, cancellationToken: Ct);
        // The same building again, now with a new unit on top: the two units filed already are refused, on their lines.
        var again = Read(Sheet(land, "0062", 2), land);

        var refusal = await Assert.ThrowsAsync<OneWindowApiException>(() => registration.SubmitAsync(land, again, "62幢", SdkHost.Pdf, cancellationToken: Ct));

        Assert.Equal("APPLICATION_INVALID", refusal.Code);
        var explained = BuildingRegistration.Explain(refusal, again).ToList();
        Assert.Contains(explained, line => line.StartsWith("line 3 (units[0].unitCode): PENDING_APPLICATION_EXISTS", StringComparison.Ordinal));
        Assert.Contains(explained, line => line.StartsWith("line 4 (units[1].unitCode): PENDING_APPLICATION_EXISTS", StringComparison.Ordinal));
        Assert.DoesNotContain(explained, line => line.StartsWith("line 5 ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Land_the_developer_does_not_hold_is_refused_before_anything_is_sent()
    {
        using var client = host.Client("demo-developer");
        var (house, _) = await host.FreeHouseAsync();
        // A house's parcel is somebody else's land: its land unit (W00000000) shows its holder masked to the developer.
        var land = house[..19] + "W00000000";
        var sheet = Read(Sheet(land, "0063", 1), land);
        var uploads = 0;

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => new BuildingRegistration(client.Developers).SubmitAsync(land, sheet, null, SdkHost.Pdf, (_, _) => uploads++, Ct));

        Assert.True(refused is InvalidOperationException or OneWindowApiException { Code: "PROPERTY_NOT_FOUND" }, refused.ToString());
        Assert.Equal(0, uploads);
    }
}
