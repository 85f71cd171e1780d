using OneWindow.Sdk.Generator;

namespace OneWindow.Sdk.Tests.Generator;

/// <summary>
/// The build step behind the typed GraphQL operations: every operation is validated against schema.graphql, and one
/// that does not validate — a typo, or a field the schema no longer has — is an error at its file and line, which
/// fails the SDK's build.
/// </summary>
public sealed class OperationGeneratorTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("onewindow-generator-").FullName;

    private static string Root()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory!.FullName, "Api.sln")))
        {
            directory = directory.Parent;
        }
        return directory.FullName;
    }

    private static readonly string Schema = File.ReadAllText(Path.Combine(Root(), "schema", "schema.graphql"));

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private async Task<GraphQLGeneration> GenerateAsync(string schema, string operations)
    {
        File.WriteAllText(Path.Combine(_directory, "schema.graphql"), schema);
        var bank = Directory.CreateDirectory(Path.Combine(_directory, "operations", "bank")).FullName;
        File.WriteAllText(Path.Combine(bank, "ops.graphql"), operations);
        return await GraphQLOperationsGenerator.GenerateAsync(Path.Combine(_directory, "schema.graphql"), Path.Combine(_directory, "operations"));
    }

    [Fact]
    public async Task The_committed_operations_all_validate_and_each_becomes_a_typed_method()
    {
        var generation = await GraphQLOperationsGenerator.GenerateAsync(Path.Combine(Root(), "schema", "schema.graphql"), Path.Combine(Root(), "schema", "operations"));

        Assert.Empty(generation.Errors);
        var bank = generation.Files.Single(f => f.Name == "GraphQL.Bank.g.cs").Text;
        Assert.Contains("public global::System.Threading.Tasks.Task<SubmitMortgageRegistrationResult> SubmitMortgageRegistrationAsync(global::OneWindow.Sdk.GraphQL.MortgageRegistrationInput input, string? idempotencyKey = null,", bank, StringComparison.Ordinal);
        Assert.Equal(["GraphQL.Agency.g.cs", "GraphQL.Bank.g.cs", "GraphQL.Developer.g.cs", "GraphQL.Types.g.cs", "GraphQL.Verifier.g.cs"], generation.Files.Select(f => f.Name).Order());
    }

    [Fact]
    public async Task An_operation_asking_for_a_field_the_schema_does_not_have_is_an_error_at_its_line()
    {
        var generation = await GenerateAsync(Schema, "# first line\n\nquery Verdict($unitCode: String!) {\n  restrictionStatus(unitCode: $unitCode) { canMortgage canLend }\n}\n");

        var error = Assert.Single(generation.Errors);
        Assert.Contains("ops.graphql(3,1): error OWSDK005: Verdict:", error, StringComparison.Ordinal);
        Assert.Contains("canLend", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Removing_a_field_an_operation_uses_from_the_schema_fails_the_generation()
    {
        const string operation = "query Verdict($unitCode: String!) { restrictionStatus(unitCode: $unitCode) { canMortgage isSeized } }\n";
        Assert.Empty((await GenerateAsync(Schema, operation)).Errors);

        var withoutIsSeized = Schema.Replace("  isSeized: Boolean!\n", "", StringComparison.Ordinal);
        Assert.NotEqual(Schema, withoutIsSeized);

        Assert.Contains((await GenerateAsync(withoutIsSeized, operation)).Errors, e => e.Contains("OWSDK005", StringComparison.Ordinal) && e.Contains("isSeized", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_subscription_becomes_a_typed_stream_and_is_validated_like_a_query()
    {
        var generation = await GenerateAsync(Schema, "subscription Seized($unitCode: String!) { unitChanged(unitCode: $unitCode) { eventId type property { unitCode } } }\n");

        Assert.Empty(generation.Errors);
        var bank = generation.Files.Single(f => f.Name == "GraphQL.Bank.g.cs").Text;
        Assert.Contains("public global::System.Collections.Generic.IAsyncEnumerable<SeizedResult> SeizedAsync(string unitCode, global::System.Threading.CancellationToken cancellationToken = default)", bank, StringComparison.Ordinal);
        Assert.Contains("return _executor.SubscribeAsync<SeizedResult>(", bank, StringComparison.Ordinal);
        Assert.Contains("public sealed class UnitChangeData", bank, StringComparison.Ordinal);

        var misspelt = await GenerateAsync(Schema, "subscription Seized($unitCode: String!) { unitChanged(unitCode: $unitCode) { eventId kind } }\n");
        Assert.Contains(misspelt.Errors, e => e.Contains("OWSDK005", StringComparison.Ordinal) && e.Contains("kind", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("query { apiVersion }", "OWSDK002")]
    [InlineData("query A { apiVersion }\nquery A { apiVersion }", "OWSDK004")]
    [InlineData("query A { restrictionStatus(unitCode: 5) { canMortgage } }", "OWSDK005")]
    [InlineData("query A { restrictionStatus(unitCode: \"x\") { canMortgage ", "OWSDK001")]
    [InlineData("subscription S { apiVersion }", "OWSDK005")]
    public async Task Unnamed_duplicate_mistyped_or_unparsable_operations_are_errors(string operations, string code) =>
        Assert.Contains((await GenerateAsync(Schema, operations)).Errors, e => e.Contains(code, StringComparison.Ordinal));
}
