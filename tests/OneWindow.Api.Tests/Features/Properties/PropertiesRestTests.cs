using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Tests.Infrastructure;
using OneWindow.Domain.Restrictions;

namespace OneWindow.Api.Tests.Features.Properties;

public sealed class PropertiesRestFixture(RegistryFixture registry) : AppFixture(registry);

/// <summary>REST /api/v1/properties on PostgreSQL and Redis.</summary>
public sealed class PropertiesRestTests(PropertiesRestFixture fixture) : IClassFixture<PropertiesRestFixture>
{
    private readonly HttpClient _client = fixture.Client;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Get_by_unit_code_returns_the_unit_with_rights_and_masked_holders()
    {
        await using var db = fixture.App.CreateDbContext();
        var code = await PropertyUnits.WithActiveRestrictionAsync(db, RestrictionKind.Mortgage);

        var property = await Json.ReadAsync(await _client.GetAsync($"/api/v1/properties/{code}", Ct));

        Assert.Equal(code, property.GetProperty("unitCode").GetString());
        Assert.StartsWith("肇庆市端州区", property.GetProperty("location").GetString());
        Assert.Equal(code[..19], property.GetProperty("parcel").GetProperty("parcelCode").GetString());
        var rights = property.GetProperty("rights").EnumerateArray().ToList();
        Assert.Contains(rights, r => r.GetProperty("kind").GetString() == "LAND_USE_AND_HOUSE_OWNERSHIP");
        Assert.Contains(rights, r => r.GetProperty("kind").GetString() == "MORTGAGE");
        var people = rights.SelectMany(r => r.GetProperty("holders").EnumerateArray()).Where(h => h.GetProperty("kind").GetString() == "PERSON").ToList();
        Assert.NotEmpty(people);
        Assert.All(people, p =>
        {
            Assert.True(p.GetProperty("masked").GetBoolean());
            Assert.Matches(@"^\p{IsCJKUnifiedIdeographs}\*+$", p.GetProperty("name").GetString());
            Assert.Matches(@"^\d{4}\*{10}[\dX]{4}$", p.GetProperty("idNumber").GetString());
        });
        var bank = rights.Single(r => r.GetProperty("kind").GetString() == "MORTGAGE").GetProperty("holders").EnumerateArray().First();
        Assert.False(bank.GetProperty("masked").GetBoolean());
        Assert.Contains("银行", bank.GetProperty("name").GetString());
        Assert.Equal("HOLDER", bank.GetProperty("role").GetString());
    }

    [Fact]
    public async Task Get_by_unknown_unit_code_is_PROPERTY_NOT_FOUND()
    {
        var response = await _client.GetAsync("/api/v1/properties/441202999999GB99999F99999999", Ct);

        await Problem.AssertAsync(response, 404, "PROPERTY_NOT_FOUND");
    }

    [Theory]
    [InlineData("441202", "LENGTH")]
    [InlineData("441202003005GB00012F0001010X", "FIXTURE_NUMBER")]
    [InlineData("999999003005GB00012F00010101", "DIVISION")]
    [InlineData("441202003005QB00012F00010101", "LAND_OWNERSHIP")]
    [InlineData("441202003005GA00012F00010101", "PARCEL_COMBINATION")]
    [InlineData("441202003005GB00012K00010101", "FIXTURE_KIND")]
    [InlineData("441202003005GB00012W00010101", "FIXTURE_NUMBER")]
    [InlineData("４４１２０２003005GB00012F00010101", "DIVISION")]
    [InlineData("'; DROP TABLE units; --", "LENGTH")]
    public async Task Get_by_malformed_unit_code_is_INVALID_UNIT_CODE_with_its_reason(string code, string reason)
    {
        var response = await _client.GetAsync($"/api/v1/properties/{Uri.EscapeDataString(code)}", Ct);

        var problem = await Problem.AssertAsync(response, 400, "INVALID_UNIT_CODE");
        Assert.Equal(reason, problem.GetProperty("reason").GetString());
        Assert.Equal("unitCode", problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task Error_messages_are_Chinese_by_default_and_English_on_request()
    {
        var chinese = await Problem.AssertAsync(await _client.GetAsync("/api/v1/properties/123", Ct), 400, "INVALID_UNIT_CODE");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/properties/123");
        request.Headers.AcceptLanguage.ParseAdd("en-US,en;q=0.9");
        var english = await Problem.AssertAsync(await _client.SendAsync(request, Ct), 400, "INVALID_UNIT_CODE");

        Assert.Equal("不动产单元代码无效：长度不正确。", chinese.GetProperty("title").GetString());
        Assert.Equal("The real estate unit code is invalid: its length is wrong.", english.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Find_by_certificate_number_in_either_parenthesis_form_returns_the_unit()
    {
        await using var db = fixture.App.CreateDbContext();
        var code = await PropertyUnits.CleanAsync(db);
        var certificate = await PropertyUnits.TitleCertificateAsync(db, code);
        var fullWidth = certificate.Replace('(', '（').Replace(')', '）');

        foreach (var number in new[] { certificate, fullWidth })
        {
            var page = await Json.ReadAsync(await _client.GetAsync($"/api/v1/properties?certificateNumber={Uri.EscapeDataString(number)}", Ct));
            var item = Assert.Single(page.GetProperty("items").EnumerateArray());
            Assert.Equal(code, item.GetProperty("unitCode").GetString());
        }
    }

    [Theory]
    [InlineData("粤(2025)肇庆市不动产权第12345号", "SEQUENCE")]
    [InlineData("X(2025)肇庆市不动产权第0012345号", "PROVINCE")]
    [InlineData("粤(1890)肇庆市不动产权第0012345号", "YEAR")]
    [InlineData("粤(2025)肇庆市不动产第0012345号", "KIND")]
    public async Task Find_by_malformed_certificate_number_is_INVALID_CERTIFICATE_NUMBER(string number, string reason)
    {
        var response = await _client.GetAsync($"/api/v1/properties?certificateNumber={Uri.EscapeDataString(number)}", Ct);

        var problem = await Problem.AssertAsync(response, 400, "INVALID_CERTIFICATE_NUMBER");
        Assert.Equal(reason, problem.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Find_by_unknown_certificate_number_is_PROPERTY_NOT_FOUND()
    {
        var response = await _client.GetAsync($"/api/v1/properties?certificateNumber={Uri.EscapeDataString("粤(2025)肇庆市不动产权第9999999号")}", Ct);

        await Problem.AssertAsync(response, 404, "PROPERTY_NOT_FOUND");
    }

    [Fact]
    public async Task Search_by_location_pages_through_every_match_once_in_order()
    {
        await using var db = fixture.App.CreateDbContext();
        var expected = await db.Units.Where(u => u.Location.Contains("星湖")).OrderBy(u => u.UnitCode).Select(u => u.UnitCode).ToListAsync(Ct);
        Assert.True(expected.Count > 30, $"the demo region should have many units at 星湖, has {expected.Count}");

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var url = $"/api/v1/properties?location={Uri.EscapeDataString("星湖")}&limit=13" + (cursor is null ? "" : $"&after={cursor}");
            var page = await Json.ReadAsync(await _client.GetAsync(url, Ct));
            var items = page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("unitCode").GetString()!).ToList();
            Assert.True(items.Count <= 13);
            seen.AddRange(items);
            cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null ? null : page.GetProperty("nextCursor").GetString();
            pages++;
        }
        while (cursor is not null && pages < 1000);

        Assert.Equal(expected, seen);
        Assert.Equal((expected.Count + 12) / 13, pages);
    }

    [Theory]
    [InlineData("location=端&limit=5", "INVALID_LOCATION_QUERY")]
    [InlineData("location=端州&limit=0", "INVALID_LIMIT")]
    [InlineData("location=端州&limit=101", "INVALID_LIMIT")]
    [InlineData("location=端州&limit=ten", "INVALID_LIMIT")]
    [InlineData("location=端州&after=not-a-cursor", "INVALID_CURSOR")]
    [InlineData("location=端州&after=dTpub3QtYS11bml0", "INVALID_CURSOR")]
    [InlineData("", "QUERY_PARAMETER_REQUIRED")]
    [InlineData("location=端州&certificateNumber=x", "QUERY_PARAMETER_REQUIRED")]
    public async Task Find_with_bad_parameters_is_a_400_with_a_stable_code(string query, string code)
    {
        var response = await _client.GetAsync($"/api/v1/properties?{query}", Ct);

        await Problem.AssertAsync(response, 400, code);
    }

    [Fact]
    public async Task Search_matches_percent_and_underscore_literally()
    {
        var page = await Json.ReadAsync(await _client.GetAsync($"/api/v1/properties?location={Uri.EscapeDataString("%_")}", Ct));

        Assert.Empty(page.GetProperty("items").EnumerateArray());
    }

    [Theory]
    [InlineData(RestrictionKind.Seizure, true, false, false, false, false, false, "SEIZED")]
    [InlineData(RestrictionKind.Mortgage, false, true, false, false, true, true, "MORTGAGED")]
    [InlineData(RestrictionKind.Objection, false, false, true, false, true, true, "OBJECTION_REGISTERED")]
    [InlineData(RestrictionKind.AdvanceNotice, false, false, false, true, false, false, "ADVANCE_NOTICE_REGISTERED")]
    public async Task Restriction_status_gives_the_verdict_for_each_kind(
        RestrictionKind kind, bool seized, bool mortgaged, bool objection, bool advanceNotice, bool canTransfer, bool canMortgage, string reason)
    {
        await using var db = fixture.App.CreateDbContext();
        var code = await PropertyUnits.WithActiveRestrictionAsync(db, kind);

        var status = await Json.ReadAsync(await _client.GetAsync($"/api/v1/properties/{code}/restrictions", Ct));

        Assert.Equal(seized, status.GetProperty("isSeized").GetBoolean());
        Assert.Equal(mortgaged, status.GetProperty("isMortgaged").GetBoolean());
        Assert.Equal(objection, status.GetProperty("hasObjection").GetBoolean());
        Assert.Equal(advanceNotice, status.GetProperty("hasAdvanceNotice").GetBoolean());
        Assert.Equal(canTransfer, status.GetProperty("canTransfer").GetBoolean());
        Assert.Equal(canMortgage, status.GetProperty("canMortgage").GetBoolean());
        Assert.Contains(status.GetProperty("reasons").EnumerateArray(), r => r.GetProperty("code").GetString() == reason);
        Assert.Contains(status.GetProperty("restrictions").EnumerateArray(), r => r.GetProperty("kind").GetString() == JsonNamingPolicy.SnakeCaseUpper.ConvertName(kind.ToString()));
    }

    [Fact]
    public async Task Restriction_status_of_a_clean_unit_allows_transfer_and_mortgage()
    {
        await using var db = fixture.App.CreateDbContext();
        var code = await PropertyUnits.CleanAsync(db);

        var status = await Json.ReadAsync(await _client.GetAsync($"/api/v1/properties/{code}/restrictions", Ct));

        Assert.True(status.GetProperty("canTransfer").GetBoolean());
        Assert.True(status.GetProperty("canMortgage").GetBoolean());
        Assert.Empty(status.GetProperty("reasons").EnumerateArray());
        Assert.Equal("2025-11-20", status.GetProperty("asOf").GetString());
    }

    [Fact]
    public async Task Restriction_status_of_unknown_or_malformed_unit_is_404_or_400()
    {
        await Problem.AssertAsync(await _client.GetAsync("/api/v1/properties/441202999999GB99999F99999999/restrictions", Ct), 404, "PROPERTY_NOT_FOUND");
        await Problem.AssertAsync(await _client.GetAsync("/api/v1/properties/nope/restrictions", Ct), 400, "INVALID_UNIT_CODE");
    }
}
