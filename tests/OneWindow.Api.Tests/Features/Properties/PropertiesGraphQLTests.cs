using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OneWindow.Api.GraphQL;
using OneWindow.Api.Tests.Infrastructure;
using OneWindow.Domain.Restrictions;

namespace OneWindow.Api.Tests.Features.Properties;

public sealed class PropertiesGraphQLFixture(RegistryFixture registry) : AppFixture(registry)
{
    public StatementCounter Statements { get; } = new();

    public override async ValueTask InitializeAsync()
    {
        // The counter sees every statement of the host: the event publisher's timer (every 5 s by default) would land
        // its statements inside a counted request, so here it waits a day.
        var settings = new Dictionary<string, string?> { ["Events:PublishInterval"] = "1.00:00:00" };
        App = await RegistryApp.CreateAsync(Registry, nameof(PropertiesGraphQLFixture), settings: settings, clock: DemoClock,
            testServices: s => s.AddSingleton<IInterceptor>(Statements));
        Client = await App.CreateClientAsync(ClientId);
    }
}

/// <summary>The property fields over GraphQL, on the same use cases as REST.</summary>
public sealed class PropertiesGraphQLTests(PropertiesGraphQLFixture fixture) : IClassFixture<PropertiesGraphQLFixture>
{
    private readonly HttpClient _client = fixture.Client;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<JsonElement> DataAsync(string query, object? variables = null)
    {
        var body = await Json.ReadAsync(await _client.PostGraphQLAsync(query, variables));
        Assert.False(body.TryGetProperty("errors", out var errors), errors.ToString());
        return body.GetProperty("data");
    }

    private const string PropertyFields = "unitCode location area use kind parcel { parcelCode } rights { id kind certificateNumber holders { name idNumber kind role masked } } restrictions { id kind inForce }";

    [Fact]
    public async Task Property_by_unit_code_matches_REST_and_masks_people()
    {
        await using var db = fixture.App.CreateDbContext();
        var code = await PropertyUnits.WithActiveRestrictionAsync(db, RestrictionKind.Mortgage, skip: 1);

        var data = await DataAsync($"query($c: String!) {{ property(unitCode: $c) {{ {PropertyFields} }} }}", new { c = code });
        var rest = await Json.ReadAsync(await _client.GetAsync($"/api/v1/properties/{code}", Ct));

        var property = data.GetProperty("property");
        Assert.Equal(code, property.GetProperty("unitCode").GetString());
        Assert.Equal(rest.GetProperty("location").GetString(), property.GetProperty("location").GetString());
        Assert.Equal(rest.GetProperty("rights").GetArrayLength(), property.GetProperty("rights").GetArrayLength());
        Assert.Equal("LAND_USE_AND_HOUSE_OWNERSHIP", property.GetProperty("rights")[0].GetProperty("kind").GetString());
        var person = property.GetProperty("rights").EnumerateArray().SelectMany(r => r.GetProperty("holders").EnumerateArray()).First(h => h.GetProperty("kind").GetString() == "PERSON");
        Assert.True(person.GetProperty("masked").GetBoolean());
        Assert.Matches(@"^\d{4}\*{10}[\dX]{4}$", person.GetProperty("idNumber").GetString());
    }

    [Fact]
    public async Task Property_by_certificate_number_finds_the_unit()
    {
        await using var db = fixture.App.CreateDbContext();
        var code = await PropertyUnits.CleanAsync(db, skip: 2);
        var certificate = await PropertyUnits.TitleCertificateAsync(db, code);

        var data = await DataAsync("query($n: String!) { property(certificateNumber: $n) { unitCode } }", new { n = certificate.Replace('(', '（').Replace(')', '）') });

        Assert.Equal(code, data.GetProperty("property").GetProperty("unitCode").GetString());
    }

    [Fact]
    public async Task Property_of_unknown_unit_is_null_without_errors()
    {
        var data = await DataAsync("{ property(unitCode: \"441202999999GB99999F99999999\") { unitCode } restrictionStatus(unitCode: \"441202999999GB99999F99999999\") { canTransfer } }");

        Assert.Equal(JsonValueKind.Null, data.GetProperty("property").ValueKind);
        Assert.Equal(JsonValueKind.Null, data.GetProperty("restrictionStatus").ValueKind);
    }

    [Fact]
    public async Task A_cached_query_that_passed_for_one_caller_is_checked_again_for_callers_with_other_scopes()
    {
        await using var db = fixture.App.CreateDbContext();
        var code = await PropertyUnits.CleanAsync(db, skip: 4);
        var cache = fixture.App.Services.GetRequiredService<GraphQLDocumentCache>();
        // A document of its own, so no other test has cached it.
        var query = $"query($c: String!) {{ property(unitCode: $c) {{ unitCode rights {{ kind }} }} c{Guid.NewGuid():N}: __typename }}";
        var first = await Json.ReadAsync(await _client.PostGraphQLAsync(query, new { c = code }));
        var settled = cache.Settled;

        var again = await Json.ReadAsync(await _client.PostGraphQLAsync(query, new { c = code }));
        using var withoutProperties = await fixture.App.CreateClientAsync("demo-bank", "restrictions:read");
        var forbidden = await withoutProperties.PostGraphQLAsync(query, new { c = code });
        using var anonymous = fixture.App.CreateClient();
        var unauthenticated = await anonymous.PostGraphQLAsync(query, new { c = code });

        // The same caller again ran no rule, and still got its data and the cost it spent.
        Assert.Equal(settled + 1, cache.Settled);
        Assert.Equal(code, again.GetProperty("data").GetProperty("property").GetProperty("unitCode").GetString());
        Assert.Equal(Cost(first), Cost(again));
        // The others were checked: the document's passing for the bank's scopes says nothing about theirs.
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("FORBIDDEN", await FirstCodeAsync(forbidden));
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
        Assert.Equal("UNAUTHENTICATED", await FirstCodeAsync(unauthenticated));
        Assert.Equal(settled + 1, cache.Settled);

        static long Cost(JsonElement body) => body.GetProperty("extensions").GetProperty("cost").GetProperty("requested").GetInt64();

        static async Task<string?> FirstCodeAsync(HttpResponseMessage response) =>
            JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString();
    }

    [Theory]
    [InlineData("{ property(unitCode: \"441202\") { unitCode } }", "INVALID_UNIT_CODE", "LENGTH")]
    [InlineData("{ property(certificateNumber: \"粤(2025)肇庆市不动产权第12号\") { unitCode } }", "INVALID_CERTIFICATE_NUMBER", "SEQUENCE")]
    [InlineData("{ property { unitCode } }", "QUERY_PARAMETER_REQUIRED", null)]
    [InlineData("{ restrictionStatus(unitCode: \"XYZ\") { canTransfer } }", "INVALID_UNIT_CODE", "LENGTH")]
    [InlineData("{ searchProperties(location: \"端\") { edges { cursor } } }", "INVALID_LOCATION_QUERY", null)]
    [InlineData("{ searchProperties(location: \"端州\", first: 500) { edges { cursor } } }", "INVALID_LIMIT", null)]
    [InlineData("{ searchProperties(location: \"端州\", after: \"bogus\") { edges { cursor } } }", "INVALID_CURSOR", null)]
    public async Task Bad_input_is_a_field_error_with_its_code(string query, string code, string? reason)
    {
        var response = await _client.PostGraphQLAsync(query);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;

        Assert.Equal(200, (int)response.StatusCode);
        var error = Assert.Single(body.GetProperty("errors").EnumerateArray());
        Assert.Equal(code, error.GetProperty("extensions").GetProperty("code").GetString());
        if (reason is not null)
        {
            Assert.Equal(reason, error.GetProperty("extensions").GetProperty("reason").GetString());
        }
    }

    [Fact]
    public async Task Search_pages_through_every_match_once_with_cursors()
    {
        await using var db = fixture.App.CreateDbContext();
        var expected = await db.Units.Where(u => u.Location.Contains("星湖")).OrderBy(u => u.UnitCode).Select(u => u.UnitCode).ToListAsync(Ct);
        Assert.True(expected.Count > 20);

        var seen = new List<string>();
        string? after = null;
        while (true)
        {
            var page = (await DataAsync("query($a: String) { searchProperties(location: \"星湖\", first: 17, after: $a) { edges { cursor node { unitCode } } pageInfo { hasNextPage endCursor } } }", new { a = after }))
                .GetProperty("searchProperties");
            var edges = page.GetProperty("edges").EnumerateArray().ToList();
            seen.AddRange(edges.Select(e => e.GetProperty("node").GetProperty("unitCode").GetString()!));
            var info = page.GetProperty("pageInfo");
            if (!info.GetProperty("hasNextPage").GetBoolean())
            {
                break;
            }
            after = info.GetProperty("endCursor").GetString();
            Assert.Equal(edges[^1].GetProperty("cursor").GetString(), after);
        }

        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task Restriction_status_gives_the_verdict_and_reasons()
    {
        await using var db = fixture.App.CreateDbContext();
        var seized = await PropertyUnits.WithActiveRestrictionAsync(db, RestrictionKind.Seizure, skip: 1);
        var clean = await PropertyUnits.CleanAsync(db, skip: 3);

        var data = await DataAsync("query($s: String!, $c: String!) { s: restrictionStatus(unitCode: $s) { isSeized canTransfer canMortgage reasons { code blocksTransfer message } } c: restrictionStatus(unitCode: $c) { isSeized canTransfer canMortgage reasons { code } } }",
            new { s = seized, c = clean });

        var s = data.GetProperty("s");
        Assert.True(s.GetProperty("isSeized").GetBoolean());
        Assert.False(s.GetProperty("canTransfer").GetBoolean());
        Assert.False(s.GetProperty("canMortgage").GetBoolean());
        var reason = s.GetProperty("reasons").EnumerateArray().Single(r => r.GetProperty("code").GetString() == "SEIZED");
        Assert.True(reason.GetProperty("blocksTransfer").GetBoolean());
        Assert.StartsWith("已被查封", reason.GetProperty("message").GetString());
        var c = data.GetProperty("c");
        Assert.True(c.GetProperty("canTransfer").GetBoolean());
        Assert.Empty(c.GetProperty("reasons").EnumerateArray());
    }

    [Fact]
    public async Task Node_and_nodes_resolve_global_ids_of_properties_rights_and_restrictions()
    {
        await using var db = fixture.App.CreateDbContext();
        var code = await PropertyUnits.WithActiveRestrictionAsync(db, RestrictionKind.Mortgage, skip: 2);
        var property = (await DataAsync($"query($c: String!) {{ property(unitCode: $c) {{ id {PropertyFields} }} }}", new { c = code })).GetProperty("property");
        var propertyId = property.GetProperty("id").GetString()!;
        var rightId = property.GetProperty("rights")[0].GetProperty("id").GetString()!;
        var restrictionId = property.GetProperty("restrictions")[0].GetProperty("id").GetString()!;

        var data = await DataAsync(
            "query($p: ID!, $ids: [ID!]!) { node(id: $p) { __typename ... on Property { unitCode } } nodes(ids: $ids) { __typename id ... on Right { rightKind: kind } ... on Restriction { restrictionKind: kind } } }",
            new { p = propertyId, ids = new[] { rightId, restrictionId, "bm9wZTox" } });

        Assert.Equal(code, data.GetProperty("node").GetProperty("unitCode").GetString());
        var nodes = data.GetProperty("nodes").EnumerateArray().ToList();
        Assert.Equal(("Right", rightId), (nodes[0].GetProperty("__typename").GetString(), nodes[0].GetProperty("id").GetString()));
        Assert.Equal(("Restriction", restrictionId), (nodes[1].GetProperty("__typename").GetString(), nodes[1].GetProperty("id").GetString()));
        Assert.Equal(JsonValueKind.Null, nodes[2].ValueKind);
    }

    [Fact]
    public async Task A_page_of_100_properties_with_relations_and_history_costs_a_fixed_number_of_statements()
    {
        const string query = "{ searchProperties(location: \"肇庆市端州区\", first: 100) { edges { node { unitCode rights { certificateNumber holders { name } } restrictions { kind } registerHistory(last: 5) { sequence hash } } } } }";
        // Warms the token's status check, which every request of a client pays once.
        await DataAsync("{ apiVersion }");

        fixture.Statements.Reset();
        var cold = await DataAsync(query);
        var coldStatements = fixture.Statements.Count;
        fixture.Statements.Reset();
        await DataAsync(query);
        var warmStatements = fixture.Statements.Count;

        var edges = cold.GetProperty("searchProperties").GetProperty("edges").EnumerateArray().ToList();
        Assert.Equal(100, edges.Count);
        Assert.All(edges, e => Assert.NotEmpty(e.GetProperty("node").GetProperty("registerHistory").EnumerateArray()));
        // The newest five at most, newest first, none skipped.
        await using var db = fixture.App.CreateDbContext();
        foreach (var edge in edges.Take(10))
        {
            var unitCode = edge.GetProperty("node").GetProperty("unitCode").GetString();
            var sequences = edge.GetProperty("node").GetProperty("registerHistory").EnumerateArray().Select(h => h.GetProperty("sequence").GetInt32()).ToList();
            var newest = await db.RegisterEntries.Where(r => db.Units.Any(u => u.Id == r.UnitId && u.UnitCode == unitCode)).OrderByDescending(r => r.Sequence).Select(r => r.Sequence).Take(5).ToListAsync(Ct);
            Assert.Equal(newest, sequences);
        }
        // Search; the views (units, rights with holders, restrictions); register history of all 100 at once.
        Assert.Equal(3, coldStatements);
        // Search and history: the views come from the cache.
        Assert.Equal(2, warmStatements);
    }
}
