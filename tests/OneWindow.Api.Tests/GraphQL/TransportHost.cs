using GraphQL;
using GraphQL.Types;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OneWindow.Api.GraphQL;
using OneWindow.Api.GraphQL.Schema;
using OneWindow.Api.Tests.Infrastructure;

namespace OneWindow.Api.Tests.GraphQL;

/// <summary>
/// One host for the transport tests: the real host on its own database, with small limits so the limit tests stay
/// small, and three fields added to the Query root that the real schema does not have yet: an expected failure
/// (<see cref="RegistryError"/>), an unexpected one (a bug), and a list whose cost depends on <c>first</c>.
/// </summary>
public sealed class TransportHost(RegistryFixture fixture) : IAsyncLifetime
{
    public const int MaxDepth = 10;
    public const int MaxComplexity = 500;
    public const int MaxRequestBytes = 16 * 1024;
    public const int MaxQueryStringLength = 2048;

    private RegistryApp _app = null!;
    private WebApplicationFactory<Program> _host = null!;

    public IServiceProvider Services => _host.Services;

    public HttpClient CreateClient() => _host.CreateClient();

    public async ValueTask InitializeAsync()
    {
        _app = await RegistryApp.CreateAsync(fixture, "graphql_transport", settings: new Dictionary<string, string?>
        {
            ["GraphQL:MaxDepth"] = MaxDepth.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["GraphQL:MaxComplexity"] = MaxComplexity.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["GraphQL:MaxRequestBytes"] = MaxRequestBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["GraphQL:MaxQueryStringLength"] = MaxQueryStringLength.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // The transport tests introspect without a token (Limits/IntrospectionTests covers who may).
            ["Limits:AnonymousIntrospection"] = "true",
        });
        _host = _app.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            services.AddTransient<TestItemType>();
            services.AddTransient(_ => WithTestFields(new RegistryQuery()));
        }));
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _app.DisposeAsync();
    }

    private static RegistryQuery WithTestFields(RegistryQuery query)
    {
        query.Field<StringGraphType>("testExpectedFailure")
            .RequireScope(ScopeMetadata.Anonymous)
            .Resolve(_ => throw new RegistryError("INVALID_UNIT_CODE", "The unit code is invalid.", "CHECK_DIGIT"));
        query.Field<StringGraphType>("testUnexpectedFailure")
            .RequireScope(ScopeMetadata.Anonymous)
            .Resolve(_ => throw new InvalidOperationException("secret internal detail"));
        query.Field<ListGraphType<TestItemType>>("testItems")
            .Argument<IntGraphType>("first")
            .RequireScope(ScopeMetadata.Anonymous)
            .Resolve(context => Enumerable.Range(1, Math.Min(context.GetArgument("first", 3), 5)).Select(i => $"item {i}"));
        return query;
    }

    private sealed class TestItemType : ObjectGraphType<string>
    {
        public TestItemType()
        {
            Name = "TestItem";
            this.RequireScope(ScopeMetadata.Anonymous);
            Field<NonNullGraphType<StringGraphType>>("name").Resolve(context => context.Source);
        }
    }
}
