using Newtonsoft.Json.Linq;
using OneWindow.Api.Tests.Features.Properties;
using OneWindow.Api.Tests.Infrastructure;
using OneWindow.Domain.Restrictions;
using Snapshooter.Xunit3;

namespace OneWindow.Api.Tests.Contract;

public sealed class ResponseShapeFixture(RegistryFixture registry) : AppFixture(registry);

/// <summary>
/// Snapshots of whole answers partners parse: a change of shape (a renamed field, a new one, a different enum
/// spelling) is a visible diff in __snapshots__/. The demo region and the clock are fixed, so the answers are too.
/// </summary>
public sealed class ResponseShapeTests(ResponseShapeFixture fixture) : IClassFixture<ResponseShapeFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Restriction_status_of_a_seized_unit()
    {
        await using var db = fixture.App.CreateDbContext();
        var code = await PropertyUnits.WithActiveRestrictionAsync(db, RestrictionKind.Seizure);

        var body = await (await fixture.Client.GetAsync($"/api/v1/properties/{code}/restrictions", Ct)).Content.ReadAsStringAsync(Ct);

        Snapshot.Match(JToken.Parse(body));
    }

    [Fact]
    public async Task Property_as_a_bank_sees_it()
    {
        await using var db = fixture.App.CreateDbContext();
        var code = await PropertyUnits.WithActiveRestrictionAsync(db, RestrictionKind.Mortgage, skip: 5);

        var body = await (await fixture.Client.GetAsync($"/api/v1/properties/{code}", Ct)).Content.ReadAsStringAsync(Ct);

        Snapshot.Match(JToken.Parse(body));
    }

    [Fact]
    public async Task Problem_details_of_a_malformed_unit_code()
    {
        var body = await (await fixture.Client.GetAsync("/api/v1/properties/441202003005GB00012F0001010X", Ct)).Content.ReadAsStringAsync(Ct);

        Snapshot.Match(JToken.Parse(body), options => options.IgnoreField("traceId"));
    }

    [Fact]
    public async Task GraphQL_error_of_a_malformed_unit_code()
    {
        var body = await (await fixture.Client.PostGraphQLAsync("{ property(unitCode: \"441202003005GB00012F0001010X\") { unitCode } }", language: "en")).Content.ReadAsStringAsync(Ct);

        // The cost figures depend on what the class spent before; their shape is in docs/graphql.md.
        Snapshot.Match(JToken.Parse(body), options => options.IgnoreField("extensions.cost"));
    }
}
