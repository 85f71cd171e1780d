using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OneWindow.Api.GraphQL;
using OneWindow.Api.Tests.Infrastructure;
using static OneWindow.Api.Tests.Limits.LimitsHosts;

namespace OneWindow.Api.Tests.Limits;

/// <summary>Introspection needs a token outside Development and the embedded default; __typename never does.</summary>
public sealed class IntrospectionTests(RegistryFixture fixture)
{
    private const string SchemaQuery = "{ __schema { queryType { name } } }";
    private const string TypeQuery = "{ __type(name: \"Property\") { name } }";

    [Fact]
    public async Task Anonymous_introspection_is_refused_outside_Development_and_allowed_with_a_token()
    {
        await using var host = await RegistryApp.CreateAsync(fixture, nameof(Anonymous_introspection_is_refused_outside_Development_and_allowed_with_a_token));
        using var anonymous = host.CreateClient();
        using var bank = await host.CreateClientAsync("demo-bank");

        var schema = await GraphQLAsync(anonymous, SchemaQuery);
        var type = await GraphQLAsync(anonymous, TypeQuery);
        var typeName = await GraphQLAsync(anonymous, "{ __typename apiVersion }");
        var withToken = await GraphQLAsync(bank, SchemaQuery);
        var typeWithToken = await GraphQLAsync(bank, TypeQuery);

        Assert.Equal(HttpStatusCode.BadRequest, schema.Status);
        Assert.Equal("INTROSPECTION_DISABLED", schema.Code);
        Assert.Equal(1, schema.Body.GetProperty("errors")[0].GetProperty("locations")[0].GetProperty("line").GetInt32());
        Assert.Equal("INTROSPECTION_DISABLED", type.Code);
        Assert.Equal(HttpStatusCode.OK, typeName.Status);
        Assert.Equal("Query", typeName.Body.GetProperty("data").GetProperty("__typename").GetString());
        Assert.Equal(HttpStatusCode.OK, withToken.Status);
        Assert.Equal("Query", withToken.Body.GetProperty("data").GetProperty("__schema").GetProperty("queryType").GetProperty("name").GetString());
        Assert.Equal("Property", typeWithToken.Body.GetProperty("data").GetProperty("__type").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Anonymous_introspection_is_refused_on_a_cached_document_too()
    {
        await using var host = await RegistryApp.CreateAsync(fixture, nameof(Anonymous_introspection_is_refused_on_a_cached_document_too));
        using var anonymous = host.CreateClient();
        using var bank = await host.CreateClientAsync("demo-bank");

        var cached = await GraphQLAsync(bank, SchemaQuery);
        var refused = await GraphQLAsync(anonymous, SchemaQuery);

        Assert.Equal(HttpStatusCode.OK, cached.Status);
        Assert.Equal("INTROSPECTION_DISABLED", refused.Code);
    }

    [Fact]
    public async Task Anonymous_introspection_is_open_in_Development()
    {
        var database = await fixture.CreateDatabaseAsync(nameof(Anonymous_introspection_is_open_in_Development));
        await using var host = new RegistryApp(fixture.Postgres.ConnectionString(database), fixture.Redis.Configuration,
            new Dictionary<string, string?> { ["Registry:SeedDemoRegion"] = "false" }) { Environment = "Development" };
        using var anonymous = host.CreateClient();

        var schema = await GraphQLAsync(anonymous, SchemaQuery);

        Assert.Equal(HttpStatusCode.OK, schema.Status);
        Assert.Equal("Query", schema.Body.GetProperty("data").GetProperty("__schema").GetProperty("queryType").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Introspection_answers_are_kept_and_served_again_only_for_pure_introspection_without_variables()
    {
        await using var host = await RegistryApp.CreateAsync(fixture, nameof(Introspection_answers_are_kept_and_served_again_only_for_pure_introspection_without_variables));
        using var bank = await host.CreateClientAsync("demo-bank");
        var cache = host.Services.GetRequiredService<IntrospectionCache>();

        var first = await GraphQLAsync(bank, SchemaQuery);
        var again = await GraphQLAsync(bank, SchemaQuery);
        var keptAfterSchema = cache.Count;
        var withVariable = await GraphQLAsync(bank, "query($n: String!) { __type(name: $n) { name } }", new { n = "Property" });
        var mixed = await GraphQLAsync(bank, "{ __typename apiVersion }");
        var invalid = await GraphQLAsync(bank, "{ __schema { noSuchField } }");

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(first.Body.GetRawText(), again.Body.GetRawText());
        Assert.False(again.Body.TryGetProperty("extensions", out _));
        Assert.Equal(1, keptAfterSchema);
        Assert.Equal("Property", withVariable.Body.GetProperty("data").GetProperty("__type").GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.OK, mixed.Status);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.Status);
        Assert.Equal(1, cache.Count);
    }
}
