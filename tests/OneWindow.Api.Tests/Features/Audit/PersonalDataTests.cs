using System.Net;
using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Data.Seeding;
using OneWindow.Api.Tests.Infrastructure;

namespace OneWindow.Api.Tests.Features.Audit;

/// <summary>A host with the demo bank (<see cref="AppFixture.Client"/>), the demo agency, and staff, the demo citizen and an operator signed in.</summary>
public class PersonalDataFixture(RegistryFixture registry) : AppFixture(registry)
{
    public HttpClient Staff { get; private set; } = null!;
    public HttpClient Citizen { get; private set; } = null!;
    public HttpClient Operator { get; private set; } = null!;
    public HttpClient Agency { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Staff = await PersonSignIn.ClientAsync(App, "demo-staff");
        Citizen = await PersonSignIn.ClientAsync(App, "demo-citizen");
        Operator = await PersonSignIn.ClientAsync(App, "demo-operator");
        Agency = await App.CreateClientAsync("demo-agency");
    }
}

/// <summary>Who sees personal data, who sees which units, and the audit trail of unmasked reads.</summary>
public sealed class PersonalDataTests(PersonalDataFixture fixture) : IClassFixture<PersonalDataFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<List<AuditRecord>> AuditOfAsync(string unitCode)
    {
        await using var db = fixture.App.CreateDbContext();
        return await db.AuditRecords.Where(r => r.Subject == "unit:" + unitCode).OrderBy(r => r.Id).ToListAsync(Ct);
    }

    private async Task<string> PersonOwnedUnitAsync(int skip)
    {
        await using var db = fixture.App.CreateDbContext();
        return await db.Units
            .Where(u => u.Rights.Any(r => r.Status == RightStatus.Active && r.Kind == RightKind.LandUseAndHouseOwnership && r.Holders.Any(h => h.Party!.Kind == PartyKind.Person && h.Party.IdNumber != DemoRegion.Citizen.IdNumber)))
            .OrderBy(u => u.Id).Skip(skip).Select(u => u.UnitCode).FirstAsync(Ct);
    }

    private async Task<List<string>> CitizenUnitsAsync()
    {
        await using var db = fixture.App.CreateDbContext();
        return await db.Units
            .Where(u => u.Rights.Any(r => r.Status == RightStatus.Active && r.Kind != RightKind.Mortgage && r.Holders.Any(h => h.Role == HolderRole.Holder && h.Party!.IdNumber == DemoRegion.Citizen.IdNumber)))
            .OrderBy(u => u.UnitCode).Select(u => u.UnitCode).ToListAsync(Ct);
    }

    [Fact]
    public async Task Staff_read_is_unmasked_and_audited_with_its_purpose()
    {
        var code = await PersonOwnedUnitAsync(skip: 0);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/properties/{code}");
        request.Headers.Add("X-Purpose", "受理审核 2025-1234");

        var property = await Json.ReadAsync(await fixture.Staff.SendAsync(request, Ct));

        var owner = property.GetProperty("rights")[0].GetProperty("holders")[0];
        Assert.False(owner.GetProperty("masked").GetBoolean());
        Assert.Matches(@"^\d{17}[\dX]$", owner.GetProperty("idNumber").GetString());
        var record = Assert.Single(await AuditOfAsync(code));
        Assert.Equal(("demo-staff", "staff", "受理审核 2025-1234"), (record.Caller, record.CallerKind, record.Purpose));
        Assert.Equal("holders.name,holders.idNumber", record.Fields);
        Assert.False(string.IsNullOrEmpty(record.TraceId));
    }

    [Fact]
    public async Task Partner_read_is_masked_and_not_audited()
    {
        var code = await PersonOwnedUnitAsync(skip: 1);

        var property = await Json.ReadAsync(await fixture.Client.GetAsync($"/api/v1/properties/{code}", Ct));
        var graph = await Json.ReadAsync(await fixture.Client.PostGraphQLAsync("query($c: String!) { property(unitCode: $c) { rights { holders { name masked } } } }", new { c = code }));

        Assert.True(property.GetProperty("rights")[0].GetProperty("holders")[0].GetProperty("masked").GetBoolean());
        Assert.True(graph.GetProperty("data").GetProperty("property").GetProperty("rights")[0].GetProperty("holders")[0].GetProperty("masked").GetBoolean());
        Assert.Empty(await AuditOfAsync(code));
    }

    [Fact]
    public async Task Staff_read_over_GraphQL_is_audited_too()
    {
        var code = await PersonOwnedUnitAsync(skip: 2);

        var graph = await Json.ReadAsync(await fixture.Staff.PostGraphQLAsync("query($c: String!) { property(unitCode: $c) { rights { holders { name idNumber masked } } } }", new { c = code }));

        Assert.False(graph.GetProperty("data").GetProperty("property").GetProperty("rights")[0].GetProperty("holders")[0].GetProperty("masked").GetBoolean());
        Assert.Single(await AuditOfAsync(code));
    }

    [Fact]
    public async Task Citizen_sees_own_units_unmasked_and_no_other()
    {
        var own = await CitizenUnitsAsync();
        Assert.Equal(2, own.Count);
        var other = await PersonOwnedUnitAsync(skip: 3);

        var mine = await Json.ReadAsync(await fixture.Citizen.GetAsync($"/api/v1/properties/{own[0]}", Ct));
        var holder = mine.GetProperty("rights")[0].GetProperty("holders")[0];
        Assert.Equal((DemoRegion.Citizen.Name, false), (holder.GetProperty("name").GetString(), holder.GetProperty("masked").GetBoolean()));
        Assert.Equal("citizen", Assert.Single(await AuditOfAsync(own[0])).CallerKind);

        await Problem.AssertAsync(await fixture.Citizen.GetAsync($"/api/v1/properties/{other}", Ct), 404, "PROPERTY_NOT_FOUND");
        await Problem.AssertAsync(await fixture.Citizen.GetAsync($"/api/v1/properties/{other}/restrictions", Ct), 404, "PROPERTY_NOT_FOUND");
        var graph = await Json.ReadAsync(await fixture.Citizen.PostGraphQLAsync("query($c: String!) { property(unitCode: $c) { unitCode } }", new { c = other }));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, graph.GetProperty("data").GetProperty("property").ValueKind);
        Assert.Empty(await AuditOfAsync(other));

        var search = await Json.ReadAsync(await fixture.Citizen.GetAsync($"/api/v1/properties?location={Uri.EscapeDataString("肇庆市")}&limit=100", Ct));
        Assert.Equal(own, search.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("unitCode").GetString()!).ToList());
    }

    [Fact]
    public async Task Operators_read_the_audit_log_and_nobody_else_does()
    {
        var code = await PersonOwnedUnitAsync(skip: 4);
        await Json.ReadAsync(await fixture.Staff.GetAsync($"/api/v1/properties/{code}", Ct));

        var page = await Json.ReadAsync(await fixture.Operator.GetAsync($"/api/v1/admin/audit?subject=unit:{code}", Ct));
        var graph = await Json.ReadAsync(await fixture.Operator.PostGraphQLAsync("query($s: String) { auditRecords(subject: $s) { items { caller subject fields } } }", new { s = "unit:" + code }));

        Assert.Equal("demo-staff", Assert.Single(page.GetProperty("items").EnumerateArray()).GetProperty("caller").GetString());
        Assert.Equal("demo-staff", Assert.Single(graph.GetProperty("data").GetProperty("auditRecords").GetProperty("items").EnumerateArray()).GetProperty("caller").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.Staff.GetAsync("/api/v1/admin/audit", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.Client.GetAsync("/api/v1/admin/audit", Ct)).StatusCode);
    }

    [Fact]
    public async Task An_ID_number_quoted_in_a_stated_purpose_reaches_operators_masked()
    {
        var code = await PersonOwnedUnitAsync(skip: 5);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/properties/{code}");
        request.Headers.Add("X-Purpose", $"核查申请人 {DemoRegion.Citizen.IdNumber}");
        await Json.ReadAsync(await fixture.Staff.SendAsync(request, Ct));

        var page = await Json.ReadAsync(await fixture.Operator.GetAsync($"/api/v1/admin/audit?subject=unit:{code}", Ct));

        Assert.Equal(
            $"核查申请人 {OneWindow.Domain.Privacy.PersonalDataMasking.MaskIdNumber(DemoRegion.Citizen.IdNumber)}",
            Assert.Single(page.GetProperty("items").EnumerateArray()).GetProperty("purpose").GetString());
    }
}
