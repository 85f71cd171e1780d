using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using OneWindow.Api.Errors;
using OneWindow.Api.Tests.Infrastructure;

namespace OneWindow.Api.Tests.Contract;

public sealed class ContractFixture(RegistryFixture registry) : AppFixture(registry);

/// <summary>
/// The contract partners code against is committed in schema/: the GraphQL SDL, the OpenAPI document and the error
/// codes. A host that differs from the committed files fails here; a deliberate change regenerates them with
/// <c>ONEWINDOW_UPDATE_CONTRACT=1 dotnet test tests/OneWindow.Api.Tests --filter FullyQualifiedName~ContractTests</c>
/// and the diff shows up in review.
/// </summary>
public sealed class ContractTests(ContractFixture fixture) : IClassFixture<ContractFixture>
{
    private const string Regenerate = "ONEWINDOW_UPDATE_CONTRACT=1 dotnet test tests/OneWindow.Api.Tests --filter FullyQualifiedName~ContractTests";

    private static string SchemaFolder()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Api.sln")))
        {
            folder = folder.Parent;
        }
        return Path.Combine(folder?.FullName ?? throw new InvalidOperationException("Api.sln not found above the test output"), "schema");
    }

    private static void AssertCommitted(string file, string actual)
    {
        var path = Path.Combine(SchemaFolder(), file);
        actual = actual.ReplaceLineEndings("\n").TrimEnd() + "\n";
        if (Environment.GetEnvironmentVariable("ONEWINDOW_UPDATE_CONTRACT") == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }
        var committed = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : "";
        Assert.True(committed == actual, $"schema/{file} differs from what the host serves. If the change is intended, regenerate the contract with:\n  {Regenerate}\nand commit schema/.");
    }

    [Fact]
    public void GraphQL_schema_matches_schema_graphql()
    {
        var schema = fixture.App.Services.GetRequiredService<ISchema>();

        AssertCommitted("schema.graphql", schema.Print());
    }

    [Fact]
    public async Task OpenAPI_document_matches_openapi_v1_json()
    {
        var document = await fixture.App.CreateClient().GetStringAsync("/swagger/v1/swagger.json", TestContext.Current.CancellationToken);

        AssertCommitted("openapi.v1.json", document);
    }

    [Fact]
    public void Every_error_code_is_documented_in_errors_md()
    {
        var errors = File.ReadAllText(Path.Combine(SchemaFolder(), "errors.md"));

        var missing = ErrorMessages.Codes.Where(code => !errors.Contains($"`{code}`", StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, "codes missing from schema/errors.md: " + string.Join(", ", missing));
    }
}
