using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Tests.Features.Partners;
using OneWindow.Api.Tests.Infrastructure;
using OneWindow.Domain.Applications;

namespace OneWindow.Api.Tests.Features.Configuration;

/// <summary>An operator's host (and a bank's client on it), re-reading stored versions every <see cref="ConfigurationSteps.RefreshInterval"/>.</summary>
public sealed class ConfigurationAdminFixture(RegistryFixture registry) : AppFixture(registry)
{
    public HttpClient Operator { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        App = await RegistryApp.CreateAsync(Registry, GetType().Name, settings: ConfigurationSteps.Settings, clock: DemoClock);
        Client = await App.CreateClientAsync("demo-bank");
        Operator = await PersonSignIn.ClientAsync(App, "demo-operator");
    }
}

/// <summary>
/// The operator reads and replaces the materials catalogue and the holiday calendar, over REST and GraphQL; the
/// checklist and the deadlines follow. Tests of this class share one host and take the current version before they edit.
/// </summary>
public sealed class ConfigurationAdminTests(ConfigurationAdminFixture fixture) : IClassFixture<ConfigurationAdminFixture>
{
    private const string Catalogue = "materials-catalogue";
    private const string Calendar = "holiday-calendar";

    private readonly HttpClient _operator = fixture.Operator;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_edited_catalogue_applies_at_once_on_the_saving_host_and_within_the_bound_on_another()
    {
        await using var twin = fixture.App.Twin();
        using var twinClient = await twin.CreateClientAsync("demo-bank");
        // Both hosts hold the catalogue before the change.
        Assert.Equal(("REQUIRED", "ALWAYS_REQUIRED"), await ConfigurationSteps.LineAsync(fixture.Client, "MORTGAGE_CANCELLATION", "MORTGAGE_ENDED_EVIDENCE"));
        Assert.Equal(("REQUIRED", "ALWAYS_REQUIRED"), await ConfigurationSteps.LineAsync(twinClient, "MORTGAGE_CANCELLATION", "MORTGAGE_ENDED_EVIDENCE"));
        var (content, version) = await ConfigurationSteps.ReadAsync(_operator, Catalogue);

        var edited = ConfigurationSteps.WithRequirement(content, "MortgageCancellation", "MORTGAGE_ENDED_EVIDENCE", "Optional");
        using var response = await ConfigurationSteps.ReplaceAsync(_operator, Catalogue, edited, $"\"{version}\"");

        var saved = await Json.ReadAsync(response);
        Assert.Equal(version + 1, saved.GetProperty("version").GetInt32());
        Assert.Equal($"\"{version + 1}\"", response.Headers.ETag?.Tag);
        Assert.Equal("demo-operator", saved.GetProperty("updatedBy").GetString());
        Assert.Equal(("OPTIONAL", "ALWAYS_OPTIONAL"), await ConfigurationSteps.LineAsync(fixture.Client, "MORTGAGE_CANCELLATION", "MORTGAGE_ENDED_EVIDENCE"));
        await ConfigurationSteps.EventuallyAsync(
            () => ConfigurationSteps.LineAsync(twinClient, "MORTGAGE_CANCELLATION", "MORTGAGE_ENDED_EVIDENCE"), ("OPTIONAL", "ALWAYS_OPTIONAL"),
            within: ConfigurationSteps.RefreshInterval + TimeSpan.FromSeconds(10));

        // Stored as sent, with who and when.
        var (stored, storedVersion) = await ConfigurationSteps.ReadAsync(_operator, Catalogue);
        Assert.Equal((edited, version + 1), (stored, storedVersion));
        await using var db = fixture.App.CreateDbContext();
        var row = await db.ConfigurationDocuments.AsNoTracking().SingleAsync(d => d.Name == Catalogue, Ct);
        Assert.Equal(("demo-operator", version + 1), (row.UpdatedBy, row.Version));
        Assert.Equal(AppFixture.DemoClock.GetUtcNow().UtcDateTime, DateTime.SpecifyKind(row.UpdatedAt, DateTimeKind.Utc));
    }

    [Theory]
    [InlineData("not json at all", "not valid JSON")]
    [InlineData("{\"materials\": [], \"circumstances\": [], \"businessTypes\": []}", "No section for business type")]
    [InlineData("{\"materials\": [], \"circumstances\": [], \"businessTypes\": [], \"extra\": 1}", "not valid JSON of the expected shape")]
    public async Task An_invalid_catalogue_is_refused_with_the_parsers_reason_and_nothing_changes(string content, string reason)
    {
        var (before, version) = await ConfigurationSteps.ReadAsync(_operator, Catalogue);
        var line = await ConfigurationSteps.LineAsync(fixture.Client, "FIRST_REGISTRATION", "SURVEY_REPORT");

        var problem = await Problem.AssertAsync(await ConfigurationSteps.ReplaceAsync(_operator, Catalogue, content, $"\"{version}\""), 400, "INVALID_MATERIALS_CATALOGUE");

        Assert.Contains(reason, problem.GetProperty("reason").GetString());
        Assert.Equal((before, version), await ConfigurationSteps.ReadAsync(_operator, Catalogue));
        Assert.Equal(line, await ConfigurationSteps.LineAsync(fixture.Client, "FIRST_REGISTRATION", "SURVEY_REPORT"));
    }

    [Fact]
    public async Task A_replacement_names_the_version_it_edits_and_a_stale_one_is_CONCURRENT_CHANGE()
    {
        var (content, version) = await ConfigurationSteps.ReadAsync(_operator, Catalogue);

        var missing = await Problem.AssertAsync(await ConfigurationSteps.ReplaceAsync(_operator, Catalogue, content, ifMatch: null), 428, "PRECONDITION_REQUIRED");
        Assert.Equal("If-Match", missing.GetProperty("field").GetString());
        await Problem.AssertAsync(await ConfigurationSteps.ReplaceAsync(_operator, Catalogue, content, $"W/\"{version}\""), 400, "INVALID_IF_MATCH");
        await Problem.AssertAsync(await ConfigurationSteps.ReplaceAsync(_operator, Catalogue, content, "*"), 400, "INVALID_IF_MATCH");
        await Json.ReadAsync(await ConfigurationSteps.ReplaceAsync(_operator, Catalogue, content, $"\"{version}\""));
        // A second operator still holding the version just replaced.
        await Problem.AssertAsync(await ConfigurationSteps.ReplaceAsync(_operator, Catalogue, content, $"\"{version}\""), 409, "CONCURRENT_CHANGE");
        await Problem.AssertAsync(await ConfigurationSteps.ReplaceAsync(_operator, Catalogue, content, $"\"{version + 5}\""), 409, "CONCURRENT_CHANGE");

        var graph = await PartnerSteps.GraphQLDataAsync(_operator,
            "mutation($input: UpdateMaterialsCatalogueInput!) { updateMaterialsCatalogue(input: $input) { document { version } errors { code field } } }",
            new { input = new { content, version } });
        var error = graph.GetProperty("updateMaterialsCatalogue").GetProperty("errors")[0];
        Assert.Equal(("CONCURRENT_CHANGE", "version"), (error.GetProperty("code").GetString(), error.GetProperty("field").GetString()));
        Assert.Equal(version + 1, (await ConfigurationSteps.ReadAsync(_operator, Catalogue)).Version);
    }

    [Fact]
    public async Task Operators_edit_over_GraphQL_too()
    {
        var read = await PartnerSteps.GraphQLDataAsync(_operator, "{ materialsCatalogue { name content version updatedAt updatedBy } }");
        var document = read.GetProperty("materialsCatalogue");
        Assert.Equal(Catalogue, document.GetProperty("name").GetString());
        var version = document.GetProperty("version").GetInt32();
        var edited = ConfigurationSteps.WithRequirement(document.GetProperty("content").GetString()!, "Transfer", "TAX_RECEIPTS", "Optional");

        const string Update = "mutation($input: UpdateMaterialsCatalogueInput!) { updateMaterialsCatalogue(input: $input) { document { version updatedBy content } errors { code field reason } } }";
        var invalid = await PartnerSteps.GraphQLDataAsync(_operator, Update, new { input = new { content = "[]", version } });
        var error = invalid.GetProperty("updateMaterialsCatalogue").GetProperty("errors")[0];
        Assert.Equal("INVALID_MATERIALS_CATALOGUE", error.GetProperty("code").GetString());
        Assert.Equal("content", error.GetProperty("field").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("reason").GetString()));
        Assert.Equal(JsonValueKind.Null, invalid.GetProperty("updateMaterialsCatalogue").GetProperty("document").ValueKind);

        var saved = (await PartnerSteps.GraphQLDataAsync(_operator, Update, new { input = new { content = edited, version } })).GetProperty("updateMaterialsCatalogue");
        Assert.Empty(saved.GetProperty("errors").EnumerateArray());
        Assert.Equal(version + 1, saved.GetProperty("document").GetProperty("version").GetInt32());
        Assert.Equal("demo-operator", saved.GetProperty("document").GetProperty("updatedBy").GetString());
        Assert.Equal(("OPTIONAL", "ALWAYS_OPTIONAL"), await ConfigurationSteps.LineAsync(fixture.Client, "TRANSFER", "TAX_RECEIPTS"));
    }

    [Fact]
    public async Task Only_operators_read_or_replace_the_documents()
    {
        var (content, version) = await ConfigurationSteps.ReadAsync(_operator, Catalogue);

        foreach (var document in new[] { Catalogue, Calendar })
        {
            await Problem.AssertAsync(await fixture.Client.GetAsync($"/api/v1/admin/{document}", Ct), 403, "FORBIDDEN");
            await Problem.AssertAsync(await ConfigurationSteps.ReplaceAsync(fixture.Client, document, content, $"\"{version}\""), 403, "FORBIDDEN");
            await Problem.AssertAsync(await ConfigurationSteps.ReplaceAsync(fixture.App.CreateClient(), document, content, $"\"{version}\""), 401, "UNAUTHENTICATED");
        }
        var query = await PartnerSteps.GraphQLAsync(fixture.Client, "{ materialsCatalogue { content } }");
        Assert.Equal("FORBIDDEN", query.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        var mutation = await PartnerSteps.GraphQLAsync(fixture.Client,
            "mutation($input: UpdateMaterialsCatalogueInput!) { updateMaterialsCatalogue(input: $input) { errors { code } } }",
            new { input = new { content, version } });
        Assert.Equal("FORBIDDEN", mutation.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal(version, (await ConfigurationSteps.ReadAsync(_operator, Catalogue)).Version);
    }

    [Fact]
    public async Task Announcing_2027_settles_the_provisional_deadlines_that_fall_in_it()
    {
        // Accepted on Tuesday 29 December 2026 with 5 working days: Dec 30, 31, then 2027 — not announced yet, so
        // counted provisionally on Monday–Friday without 1 January: Jan 4, 5, 6.
        var id = await InsertAcceptedAsync(BusinessType.FirstRegistration, new DateTime(2026, 12, 29, 2, 0, 0, DateTimeKind.Utc));
        var (content, version) = await ConfigurationSteps.ReadAsync(_operator, Calendar);
        Assert.Equal((new DateOnly(2027, 1, 6), true), await DeadlineAsync(id));

        // Leaving the announced years out is refused unless said so; nothing changes.
        var only2027 = new JsonObject { ["years"] = new JsonArray(Year2027()) }.ToJsonString();
        var dropped = await Problem.AssertAsync(await ConfigurationSteps.ReplaceAsync(_operator, Calendar, only2027, $"\"{version}\""), 409, "HOLIDAY_YEARS_REMOVED");
        Assert.Equal("2025,2026", dropped.GetProperty("reason").GetString());
        await Problem.AssertAsync(await ConfigurationSteps.ReplaceAsync(_operator, Calendar, "{\"years\": [{\"year\": 2027}]}", $"\"{version}\""), 400, "INVALID_HOLIDAY_CALENDAR");
        Assert.Equal((new DateOnly(2027, 1, 6), true), await DeadlineAsync(id));
        Assert.Equal(version, (await ConfigurationSteps.ReadAsync(_operator, Calendar)).Version);

        var calendar = JsonNode.Parse(content)!;
        calendar["years"]!.AsArray().Add(Year2027());
        using var response = await ConfigurationSteps.ReplaceAsync(_operator, Calendar, calendar.ToJsonString(), $"\"{version}\"");

        var saved = await Json.ReadAsync(response);
        Assert.Equal(version + 1, saved.GetProperty("version").GetInt32());
        Assert.True(saved.GetProperty("recomputedDeadlines").GetInt32() >= 1);
        // The made-up 2027 schedule takes 1–4 January off: the fifth working day moves to Thursday 7 January, for certain now.
        Assert.Equal((new DateOnly(2027, 1, 7), false), await DeadlineAsync(id));

        // Over GraphQL, dropping a year on purpose.
        var without2025 = JsonNode.Parse(calendar.ToJsonString())!;
        without2025["years"]!.AsArray().RemoveAt(0);
        var graph = await PartnerSteps.GraphQLDataAsync(_operator,
            "mutation($input: UpdateHolidayCalendarInput!) { updateHolidayCalendar(input: $input) { document { version updatedBy } recomputedDeadlines errors { code } } }",
            new { input = new { content = without2025.ToJsonString(), version = version + 1, removeYears = new[] { 2025 } } });
        var payload = graph.GetProperty("updateHolidayCalendar");
        Assert.Empty(payload.GetProperty("errors").EnumerateArray());
        Assert.Equal(version + 2, payload.GetProperty("document").GetProperty("version").GetInt32());
        Assert.Equal(0, payload.GetProperty("recomputedDeadlines").GetInt32());
        var read = await PartnerSteps.GraphQLDataAsync(_operator, "{ holidayCalendar { version content } }");
        Assert.DoesNotContain("\"year\":2025", read.GetProperty("holidayCalendar").GetProperty("content").GetString());
    }

    private static JsonObject Year2027() => new()
    {
        ["year"] = 2027,
        ["source"] = "测试用：虚构的 2027 年安排",
        ["daysOff"] = new JsonArray(new JsonObject { ["name"] = "元旦", ["from"] = "2027-01-01", ["to"] = "2027-01-04" }),
        ["makeUpWorkingDays"] = new JsonArray(new JsonObject { ["name"] = "元旦", ["date"] = "2027-01-09" }),
    };

    private async Task<long> InsertAcceptedAsync(BusinessType type, DateTime acceptedAt)
    {
        await using var db = fixture.App.CreateDbContext();
        var application = new RegistrationApplication
        {
            BusinessNumber = $"T{Random.Shared.NextInt64(10_000_000_000_000_000, 99_999_999_999_999_999)}",
            BusinessType = type,
            Status = ApplicationStatus.Accepted,
            SubmitterKey = "partner:1",
            SubmittedBy = "demo-developer",
            Circumstances = "",
            Payload = "{}",
            Summary = "测试：跨年的办理时限",
            UnitCount = 1,
            SubmittedAt = acceptedAt.AddHours(-1),
            AcceptedAt = acceptedAt,
            DueDate = new DateOnly(2027, 1, 6),
            DueDateProvisional = true,
        };
        db.Applications.Add(application);
        await db.SaveChangesAsync(Ct);
        return application.Id;
    }

    private async Task<(DateOnly?, bool)> DeadlineAsync(long id)
    {
        await using var db = fixture.App.CreateDbContext();
        var application = await db.Applications.AsNoTracking().SingleAsync(a => a.Id == id, Ct);
        return (application.DueDate, application.DueDateProvisional);
    }
}
