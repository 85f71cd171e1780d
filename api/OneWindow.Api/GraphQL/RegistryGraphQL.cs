using GraphQL;
using GraphQL.Execution;
using GraphQL.MicrosoftDI;
using OneWindow.Api.Auth;
using OneWindow.Api.Errors;
using Microsoft.Extensions.Options;
using OneWindow.Api.GraphQL.Schema;

namespace OneWindow.Api.GraphQL;

public static class RegistryGraphQL
{
    /// <summary>
    /// GraphQL.NET with the one schema (<see cref="RegistrySchema"/>, a singleton built once), System.Text.Json, our
    /// error filter, the document cache and the query limits under <c>GraphQL:</c> in configuration. Validation rules
    /// registered in DI as <c>IValidationRule</c> singletons run on every request (see <see cref="GraphQLValidationRules"/>).
    /// </summary>
    public static WebApplicationBuilder AddRegistryGraphQL(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RegistryGraphQLOptions>()
            .Bind(builder.Configuration.GetSection(RegistryGraphQLOptions.Section))
            .Validate(o => o.MaxRequestBytes > 0 && o.MaxQueryStringLength > 0 && o.MaxDepth > 0 && o.MaxComplexity > 0 && o.DefaultListSize >= 1 && o.DefaultPageSize >= 1 && o.DocumentCacheSize > 0 && o.IntrospectionCacheBytes > 0
                && o.ConnectionInitTimeout > TimeSpan.Zero && o.MaxSubscriptionsPerConnection > 0 && o.MaxWebSocketMessageBytes > 0 && o.MaxPendingWebSocketMessages > 0,
                "GraphQL limits must be positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton(services => new GraphQLDocumentCache(services.GetRequiredService<IOptions<RegistryGraphQLOptions>>(),
            services.GetRequiredService<GraphQLValidationRules>(), services.GetRequiredService<QueryLimits>()));
        builder.Services.AddSingleton(services => new IntrospectionCache(services.GetRequiredService<IOptions<RegistryGraphQLOptions>>().Value));
        builder.Services.AddSingleton(services => new QueryLimits(services.GetRequiredService<IOptions<RegistryGraphQLOptions>>().Value));
        builder.Services.AddSingleton<GraphQLValidationRules>();
        builder.Services.AddSingleton<RegistryGraphQLSerializer>();
        builder.Services.AddSingleton<GraphQLHttpEndpoint>();
        builder.Services.AddSingleton<WebSockets.GraphQLWebSocketEndpoint>();
        builder.Services.AddSingleton<GraphQLExplorer>();
        builder.Services.AddGraphQL(graphql => graphql
            .AddSchema<RegistrySchema>()
            .AddGraphTypes(typeof(RegistrySchema).Assembly)
            // System.Text.Json, with the settings in RegistryGraphQLSerializer.
            .AddSerializer(services => services.GetRequiredService<RegistryGraphQLSerializer>())
            .AddErrorInfoProvider<RegistryErrorInfoProvider>()
            // Resolvers of one request share its DbContext, which allows one command at a time: fields resolve one
            // after another (loaders still batch: all keys of a level are queued before the first result is awaited).
            .AddExecutionStrategy<SerialExecutionStrategy>(GraphQLParser.AST.OperationType.Query)
            // Each event of a subscription resolves with services of its own scope (its own DbContext), one field at a
            // time like a query; the subscribe step uses the scope the WebSocket transport gives it.
            .AddExecutionStrategy(services => new ScopedSubscriptionExecutionStrategy(
                services.GetRequiredService<IServiceScopeFactory>(), new SerialExecutionStrategy()), GraphQLParser.AST.OperationType.Subscription)
            .ConfigureExecution<RegistryErrorFilter>()
            .ConfigureExecution(services => services.GetRequiredService<GraphQLDocumentCache>()));
        return builder;
    }

    /// <summary>
    /// <c>/graphql</c> for every method: GET and POST are served, the others answered 405 with <c>Allow</c>; GraphiQL's
    /// files under <c>/graphiql/</c> where the explorer is served (<see cref="GraphQLExplorer"/>).
    /// </summary>
    public static void MapRegistryGraphQL(this WebApplication app)
    {
        app.Services.GetRequiredService<GraphQLExplorer>().MapAssets(app);
        var endpoint = app.Services.GetRequiredService<GraphQLHttpEndpoint>();
        var webSocket = app.Services.GetRequiredService<WebSockets.GraphQLWebSocketEndpoint>();
        // Note: no AllowedOrigins on the WebSocket: its token travels in connection_init, never in a cookie, so a page
        // of another origin cannot ride on a signed-in browser (cross-site WebSocket hijacking needs ambient credentials).
        app.UseWebSockets();
        // Note: anonymous at the HTTP level on purpose; the spec leaves authorization to the schema, and a validation
        // rule checks each field's scope (a caller without a token still gets a GraphQL answer). The WebSocket
        // checks the token of its connection_init.
        app.Map("/graphql", context => context.WebSockets.IsWebSocketRequest ? webSocket.HandleAsync(context) : endpoint.HandleAsync(context))
            .WithName("GraphQL")
            // GraphQLHttpRequestReader checks the body with JsonInput and answers in GraphQL's format.
            .ReadsItsOwnJsonBody()
            .ExcludeFromDescription()
            .AllowAnonymousByDesign();
    }
}
