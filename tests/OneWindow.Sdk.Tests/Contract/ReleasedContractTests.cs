using System.Text.RegularExpressions;
using System.Text.Json.Nodes;

namespace OneWindow.Sdk.Tests.Contract;

/// <summary>
/// The committed contract (schema/) against the last release (schema/released/1.0/): nothing a partner relies on is
/// removed or retyped unless the release had deprecated it. The checker itself is shown to catch each kind of break.
/// </summary>
public sealed partial class ReleasedContractTests
{
    private static string Schema(string path) => File.ReadAllText(Path.Combine(RepositoryRoot(), "schema", path));

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Api.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("Api.sln not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public void The_GraphQL_schema_keeps_everything_the_released_one_offers() =>
        Assert.Empty(ContractCompatibility.GraphQLBreaks(Schema("released/1.0/schema.graphql"), Schema("schema.graphql")));

    [Fact]
    public void The_OpenAPI_document_keeps_every_released_route_parameter_and_property() =>
        Assert.Empty(ContractCompatibility.OpenApiBreaks(Schema("released/1.0/openapi.v1.json"), Schema("openapi.v1.json")));

    [Fact]
    public void A_removed_or_retyped_field_argument_operation_or_enum_value_is_a_break()
    {
        var released = Schema("released/1.0/schema.graphql");
        var changed = released
            .Replace("  isSeized: Boolean!\n", "", StringComparison.Ordinal)
            .Replace("  unitCount: Int!\n  \"The first 100 units.\"", "  unitCount: String!\n  \"The first 100 units.\"", StringComparison.Ordinal)
            .Replace("restrictionStatus(unitCode: String!)", "restrictionStatus(code: String!)", StringComparison.Ordinal)
            .Replace("  OVERDUE\n  PAUSED\n", "  OVERDUE\n", StringComparison.Ordinal);
        changed = VerifyCertificateTokenField().Replace(changed, "");

        var breaks = ContractCompatibility.GraphQLBreaks(released, changed);

        Assert.Equal(new[]
        {
            "argument unitCode of field Query.restrictionStatus removed",
            "field Query.verifyCertificateToken removed",
            "field RestrictionStatus.isSeized removed",
            "field Application.unitCount retyped: Int! → String!",
            "required argument code added to field Query.restrictionStatus",
            "enum value DeadlineState.PAUSED removed",
        }.Order(), breaks.Order());
    }

    [Fact]
    public void A_field_or_enum_value_deprecated_in_the_release_may_go_and_additions_never_break()
    {
        var released = Schema("released/1.0/schema.graphql")
            .Replace("  isSeized: Boolean!\n", "  isSeized: Boolean! @deprecated(reason: \"Use restrictions.\")\n", StringComparison.Ordinal)
            .Replace("  PAUSED\n", "  PAUSED @deprecated\n", StringComparison.Ordinal);
        var current = released
            .Replace("  isSeized: Boolean! @deprecated(reason: \"Use restrictions.\")\n", "", StringComparison.Ordinal)
            .Replace("  PAUSED @deprecated\n", "  SUSPENDED\n", StringComparison.Ordinal)
            .Replace("restrictionStatus(unitCode: String!)", "restrictionStatus(unitCode: String!, asOf: DateOnly)", StringComparison.Ordinal)
            + "\ntype Brand { name: String! }\n";

        Assert.Empty(ContractCompatibility.GraphQLBreaks(released, current));
    }

    [Fact]
    public void A_removed_REST_route_parameter_or_property_is_a_break_unless_deprecated()
    {
        var released = Schema("released/1.0/openapi.v1.json");
        var changed = JsonNode.Parse(released)!;
        changed["paths"]!.AsObject().Remove("/api/v1/properties/{unitCode}/restrictions");
        var find = changed["paths"]!["/api/v1/properties"]!["get"]!["parameters"]!.AsArray();
        find.Remove(find.Single(p => p!["name"]!.ToString() == "location"));
        changed["components"]!["schemas"]!["ApplicationResponse"]!["properties"]!.AsObject().Remove("summary");
        changed["components"]!["schemas"]!["ApplicationResponse"]!["properties"]!["unitCount"]!["type"] = "string";

        Assert.Equal(
        [
            "parameter query:location of GET /api/v1/properties removed",
            "property ApplicationResponse.summary removed",
            "property ApplicationResponse.unitCount retyped: integer:int32 → string:int32",
            "route GET /api/v1/properties/{unitCode}/restrictions removed",
        ], ContractCompatibility.OpenApiBreaks(released, changed.ToJsonString()).Order());

        var deprecated = JsonNode.Parse(released)!;
        deprecated["paths"]!["/api/v1/properties/{unitCode}/restrictions"]!["get"]!["deprecated"] = true;
        var withoutIt = JsonNode.Parse(deprecated.ToJsonString())!;
        withoutIt["paths"]!.AsObject().Remove("/api/v1/properties/{unitCode}/restrictions");
        Assert.Empty(ContractCompatibility.OpenApiBreaks(deprecated.ToJsonString(), withoutIt.ToJsonString()));
    }

    [GeneratedRegex("  \"Verifies the token of a certificate's QR code[^\\n]*\\n  verifyCertificateToken\\(token: String!\\): CertificateVerification!\\n")]
    private static partial Regex VerifyCertificateTokenField();
}
