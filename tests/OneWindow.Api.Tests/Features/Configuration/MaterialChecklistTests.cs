using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using OneWindow.Api.Tests.Features.Partners;
using OneWindow.Api.Tests.Infrastructure;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Materials;

namespace OneWindow.Api.Tests.Features.Configuration;

public sealed class MaterialChecklistFixture(RegistryFixture registry) : AppFixture(registry);

/// <summary>Applicants read the materials checklist (资料配置) and the business types, over REST and GraphQL, from the shipped catalogue.</summary>
public sealed class MaterialChecklistTests(MaterialChecklistFixture fixture) : IClassFixture<MaterialChecklistFixture>
{
    private const string ChecklistQuery =
        "query($type: BusinessType!, $circumstances: [String!]) { materialChecklist(businessType: $type, circumstances: $circumstances) { code name note requirement reason circumstances } }";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Mortgage_cancellation_by_the_mortgagee_alone_needs_the_certificate_of_registration_not_the_certificate_of_title()
    {
        var body = await Json.ReadAsync(await fixture.Client.GetAsync(
            "/api/v1/material-checklists?businessType=MORTGAGE_CANCELLATION&circumstances=MORTGAGEE_ALONE", Ct));

        Assert.Equal("MORTGAGE_CANCELLATION", body.GetProperty("businessType").GetString());
        var items = ByCode(body.GetProperty("items"));
        Assert.Equal(("REQUIRED", "REQUIRED_BY_CIRCUMSTANCE"), Requirement(items["REGISTRATION_CERTIFICATE"]));
        Assert.Equal(["MORTGAGEE_ALONE"], Codes(items["REGISTRATION_CERTIFICATE"].GetProperty("circumstances")));
        Assert.Equal("不动产登记证明", items["REGISTRATION_CERTIFICATE"].GetProperty("name").GetString());
        Assert.Equal(("NOT_APPLICABLE", "CONDITION_NOT_MET"), Requirement(items["TITLE_CERTIFICATE"]));
        Assert.Equal(["JOINT_APPLICATION"], Codes(items["TITLE_CERTIFICATE"].GetProperty("circumstances")));
        Assert.Equal(("NOT_APPLICABLE", "CONDITION_NOT_MET"), Requirement(items["COURT_OR_ARBITRATION_DOCUMENT"]));
        Assert.Equal(("REQUIRED", "ALWAYS_REQUIRED"), Requirement(items["APPLICATION_FORM"]));
        // Every line as the shipped materials.json resolves it, in its order.
        var expected = MaterialCatalogue.Default.Checklist(BusinessType.MortgageCancellation, [Circumstances.MortgageeAlone]).Items;
        Assert.Equal(expected.Select(m => m.Code), items.Keys);
        Assert.Equal(
            expected.Select(m => (m.Code, m.Name.Zh, JsonNamingPolicy.SnakeCaseUpper.ConvertName(m.Requirement.ToString()))),
            body.GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("code").GetString()!, i.GetProperty("name").GetString()!, i.GetProperty("requirement").GetString()!)));
    }

    [Fact]
    public async Task Names_and_notes_are_English_with_Accept_Language_en_on_both_surfaces()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/material-checklists?businessType=MORTGAGE_REGISTRATION_GENERAL");
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("en"));
        var rest = ByCode((await Json.ReadAsync(await fixture.Client.SendAsync(request, Ct))).GetProperty("items"));
        Assert.Equal("Certificate of title", rest["TITLE_CERTIFICATE"].GetProperty("name").GetString());

        var graph = await PartnerSteps.GraphQLAsync(fixture.Client, ChecklistQuery,
            new { type = "MORTGAGE_CANCELLATION", circumstances = new[] { "MORTGAGEE_ALONE" } }, language: "en");
        var lines = ByCode(graph.GetProperty("data").GetProperty("materialChecklist"));
        Assert.Equal("Certificate of registration", lines["REGISTRATION_CERTIFICATE"].GetProperty("name").GetString());
        Assert.Equal(("REQUIRED", "REQUIRED_BY_CIRCUMSTANCE"), Requirement(lines["REGISTRATION_CERTIFICATE"]));
        Assert.Equal(("NOT_APPLICABLE", "CONDITION_NOT_MET"), Requirement(lines["TITLE_CERTIFICATE"]));

        var chinese = await PartnerSteps.GraphQLDataAsync(fixture.Client, ChecklistQuery, new { type = "MORTGAGE_CANCELLATION" });
        Assert.Equal("不动产登记证明", ByCode(chinese.GetProperty("materialChecklist"))["REGISTRATION_CERTIFICATE"].GetProperty("name").GetString());
    }

    [Fact]
    public async Task Circumstances_comma_separated_or_repeated_or_in_any_case_mean_the_same()
    {
        var comma = await Json.ReadAsync(await fixture.Client.GetAsync(
            "/api/v1/material-checklists?businessType=MORTGAGE_REGISTRATION_GENERAL&circumstances=AGENT_APPLIES,MAIN_CONTRACT_HAS_MORTGAGE_CLAUSE", Ct));
        var repeated = await Json.ReadAsync(await fixture.Client.GetAsync(
            "/api/v1/material-checklists?businessType=mortgage_registration_general&circumstances=agent_applies&circumstances=%20MAIN_CONTRACT_HAS_MORTGAGE_CLAUSE", Ct));

        Assert.Equal(comma.ToString(), repeated.ToString());
        Assert.Equal(["AGENT_APPLIES", "MAIN_CONTRACT_HAS_MORTGAGE_CLAUSE"], Codes(comma.GetProperty("circumstances")));
        var items = ByCode(comma.GetProperty("items"));
        Assert.Equal(("REQUIRED", "REQUIRED_BY_CIRCUMSTANCE"), Requirement(items["POWER_OF_ATTORNEY"]));
        Assert.Equal(("OPTIONAL", "WAIVED_BY_CIRCUMSTANCE"), Requirement(items["MORTGAGE_CONTRACT"]));
    }

    [Fact]
    public async Task Unknown_and_conflicting_circumstances_answer_the_catalogues_codes_on_both_surfaces()
    {
        var unknown = await Problem.AssertAsync(await fixture.Client.GetAsync(
            "/api/v1/material-checklists?businessType=MORTGAGE_CANCELLATION&circumstances=MORTGAGEE_ALONE,NO_SUCH_THING", Ct), 400, "UNKNOWN_CIRCUMSTANCE");
        Assert.Contains("NO_SUCH_THING", unknown.GetProperty("reason").GetString());
        Assert.Equal("circumstances", unknown.GetProperty("field").GetString());
        // Known, but not for this type.
        await Problem.AssertAsync(await fixture.Client.GetAsync(
            "/api/v1/material-checklists?businessType=SEIZURE&circumstances=MORTGAGEE_ALONE", Ct), 400, "UNKNOWN_CIRCUMSTANCE");
        var conflicting = await Problem.AssertAsync(await fixture.Client.GetAsync(
            "/api/v1/material-checklists?businessType=MORTGAGE_CANCELLATION&circumstances=MORTGAGEE_ALONE,JOINT_APPLICATION", Ct), 400, "CONFLICTING_CIRCUMSTANCES");
        Assert.Contains("JOINT_APPLICATION", conflicting.GetProperty("reason").GetString());

        var graph = await PartnerSteps.GraphQLAsync(fixture.Client, ChecklistQuery, new { type = "MORTGAGE_CANCELLATION", circumstances = new[] { "NO_SUCH_THING" } });
        var error = graph.GetProperty("errors")[0];
        Assert.Equal("UNKNOWN_CIRCUMSTANCE", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Contains("NO_SUCH_THING", error.GetProperty("extensions").GetProperty("reason").GetString());
        var both = await PartnerSteps.GraphQLAsync(fixture.Client, ChecklistQuery,
            new { type = "MORTGAGE_CANCELLATION", circumstances = new[] { "MORTGAGOR_ALONE", "JOINT_APPLICATION" } });
        Assert.Equal("CONFLICTING_CIRCUMSTANCES", both.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("businessType=NO_SUCH_TYPE")]
    [InlineData("businessType=4")]
    [InlineData("businessType=")]
    [InlineData("circumstances=AGENT_APPLIES")]
    public async Task A_bad_business_type_is_INVALID_BUSINESS_TYPE(string query)
    {
        var problem = await Problem.AssertAsync(await fixture.Client.GetAsync($"/api/v1/material-checklists?{query}", Ct), 400, "INVALID_BUSINESS_TYPE");
        Assert.Equal("businessType", problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task A_bad_business_type_in_GraphQL_is_a_validation_error_not_a_fault()
    {
        using var literal = await fixture.Client.PostGraphQLAsync("{ materialChecklist(businessType: NO_SUCH_TYPE) { code } }");
        Assert.Equal(HttpStatusCode.BadRequest, literal.StatusCode);
        Assert.Contains("GRAPHQL_VALIDATION_FAILED", await literal.Content.ReadAsStringAsync(Ct));

        using var variable = await fixture.Client.PostGraphQLAsync(ChecklistQuery, new { type = "NO_SUCH_TYPE" });
        Assert.Equal(HttpStatusCode.BadRequest, variable.StatusCode);
        Assert.Contains("GRAPHQL_INVALID_VARIABLES", await variable.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Business_types_say_what_a_portal_needs_to_build_its_forms()
    {
        var rest = await Json.ReadAsync(await fixture.Client.GetAsync("/api/v1/business-types", Ct));

        var types = rest.GetProperty("items").EnumerateArray().ToDictionary(t => t.GetProperty("businessType").GetString()!);
        Assert.Equal(Enum.GetValues<BusinessType>().Select(t => JsonNamingPolicy.SnakeCaseUpper.ConvertName(t.ToString())), types.Keys);
        var cancellation = types["MORTGAGE_CANCELLATION"];
        Assert.Equal("抵押权注销登记", cancellation.GetProperty("chineseName").GetString());
        Assert.Equal("Mortgage cancellation", cancellation.GetProperty("englishName").GetString());
        Assert.Equal(0, cancellation.GetProperty("timeLimitWorkingDays").GetInt32());
        Assert.True(cancellation.GetProperty("immediate").GetBoolean());
        Assert.Equal("applications:submit", cancellation.GetProperty("submitScope").GetString());
        var alone = cancellation.GetProperty("applicantOptions").EnumerateArray().Single(o => o.GetProperty("circumstance").GetString() == "MORTGAGEE_ALONE");
        Assert.Equal(["MORTGAGEE"], Codes(alone.GetProperty("roles")));
        Assert.Equal(["AGENT_APPLIES", "AUTHORISED_CHANNEL"], cancellation.GetProperty("circumstances").EnumerateArray().Select(c => c.GetProperty("code").GetString()!));
        var choice = cancellation.GetProperty("choices").EnumerateArray().Single();
        Assert.Equal("WHO_APPLIES", choice.GetProperty("code").GetString());
        Assert.Equal("申请方式", choice.GetProperty("name").GetString());
        Assert.Equal(["JOINT_APPLICATION", "MORTGAGEE_ALONE", "MORTGAGOR_ALONE"], choice.GetProperty("options").EnumerateArray().Select(o => o.GetProperty("code").GetString()!));
        var mortgage = types["MORTGAGE_REGISTRATION_GENERAL"];
        Assert.Equal(3, mortgage.GetProperty("timeLimitWorkingDays").GetInt32());
        Assert.False(mortgage.GetProperty("immediate").GetBoolean());
        Assert.Equal("seizures:submit", types["SEIZURE"].GetProperty("submitScope").GetString());

        var graph = await PartnerSteps.GraphQLAsync(fixture.Client,
            "{ businessTypes { businessType englishName timeLimitWorkingDays immediate applicantOptions { circumstance roles } choices { code name options { code name } } } }",
            language: "en");
        var seizure = graph.GetProperty("data").GetProperty("businessTypes").EnumerateArray().Single(t => t.GetProperty("businessType").GetString() == "SEIZURE");
        Assert.True(seizure.GetProperty("immediate").GetBoolean());
        Assert.Equal(["COURT"], Codes(seizure.GetProperty("applicantOptions")[0].GetProperty("roles")));
        var who = graph.GetProperty("data").GetProperty("businessTypes").EnumerateArray()
            .Single(t => t.GetProperty("businessType").GetString() == "MORTGAGE_CANCELLATION").GetProperty("choices")[0];
        Assert.Equal("Who applies", who.GetProperty("name").GetString());
        Assert.Equal("The mortgagee applies alone", who.GetProperty("options")[1].GetProperty("name").GetString());
    }

    [Fact]
    public async Task Without_applications_read_both_are_refused()
    {
        using var verifier = await fixture.App.CreateClientAsync("demo-verifier");

        await Problem.AssertAsync(await verifier.GetAsync("/api/v1/material-checklists?businessType=SEIZURE", Ct), 403, "FORBIDDEN");
        await Problem.AssertAsync(await verifier.GetAsync("/api/v1/business-types", Ct), 403, "FORBIDDEN");
        using var graph = await verifier.PostGraphQLAsync("{ materialChecklist(businessType: SEIZURE) { code } }");
        Assert.Equal(HttpStatusCode.Forbidden, graph.StatusCode);
        await Problem.AssertAsync(await fixture.App.CreateClient().GetAsync("/api/v1/business-types", Ct), 401, "UNAUTHENTICATED");
    }

    internal static Dictionary<string, JsonElement> ByCode(JsonElement items) =>
        items.EnumerateArray().ToDictionary(i => i.GetProperty("code").GetString()!);

    internal static (string, string) Requirement(JsonElement line) =>
        (line.GetProperty("requirement").GetString()!, line.GetProperty("reason").GetString()!);

    private static string[] Codes(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];
}
