using System.Security.Claims;
using GraphQL;
using Microsoft.Extensions.Options;
using OneWindow.Api.Auth;
using OneWindow.Api.Errors;
using OneWindow.Api.GraphQL.Schema;
using OpenIddict.Abstractions;
using OpenIddict.Validation;

namespace OneWindow.Api.GraphQL.WebSockets;

/// <summary>
/// <c>/graphql</c> over WebSocket: the graphql-transport-ws protocol
/// (https://github.com/enisdenjo/graphql-ws/blob/master/PROTOCOL.md), for subscriptions. The access token comes in
/// <c>connection_init</c>'s payload as <c>{ "Authorization": "Bearer …" }</c> and is validated as the HTTP endpoint
/// validates its header: OpenIddict validation, then the client's or person's current status
/// (<see cref="AccessStatus.ApplyAsync"/>). One <see cref="GraphQLWebSocketConnection"/> per socket.
/// </summary>
internal sealed class GraphQLWebSocketEndpoint(
    RegistrySchema schema,
    IDocumentExecuter executer,
    IGraphQLTextSerializer serializer,
    GraphQLValidationRules rules,
    IOptions<RegistryGraphQLOptions> options,
    IOptions<AuthOptions> authOptions,
    AccessStatus access,
    IServiceScopeFactory scopes,
    IProblemDetailsService problems,
    IHostEnvironment environment,
    TimeProvider time,
    ILogger<GraphQLWebSocketConnection> logger)
{
    public const string SubProtocol = "graphql-transport-ws";

    internal RegistrySchema Schema => schema;
    internal IDocumentExecuter Executer => executer;
    internal IGraphQLTextSerializer Serializer => serializer;
    internal GraphQLValidationRules Rules => rules;
    internal RegistryGraphQLOptions Options => options.Value;
    internal TimeSpan StatusCheckInterval => authOptions.Value.StatusCheckInterval;
    internal AccessStatus Access => access;
    internal IServiceScopeFactory Scopes => scopes;
    internal bool Development => environment.IsDevelopment();
    internal TimeProvider Time => time;
    internal ILogger Logger => logger;

    public async Task HandleAsync(HttpContext context)
    {
        if (!context.WebSockets.WebSocketRequestedProtocols.Contains(SubProtocol, StringComparer.Ordinal))
        {
            // Note: no other subprotocol (the older subscriptions-transport-ws has different messages and close codes).
            var english = ErrorMessages.PrefersEnglish(context);
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails =
                {
                    Status = StatusCodes.Status400BadRequest,
                    Title = ErrorMessages.For(ErrorCodes.BadRequest, english),
                    Detail = GraphQLErrors.Localize(english, $"WebSocket 须使用子协议 {SubProtocol}。", $"Ask for the WebSocket subprotocol {SubProtocol}."),
                    Extensions = { ["code"] = ErrorCodes.BadRequest },
                },
            });
            return;
        }
        using var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext { SubProtocol = SubProtocol });
        await new GraphQLWebSocketConnection(this, context, socket).RunAsync();
    }

    /// <summary>
    /// The principal the token stands for, or null when it is not a valid access token of ours or its client or person
    /// may no longer act. Note: the same validation as the HTTP endpoint's (signature, lifetime, audience, issuer).
    /// </summary>
    internal async Task<ClaimsPrincipal?> AuthenticateAsync(string token, bool english, CancellationToken cancellationToken)
    {
        ClaimsPrincipal principal;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            principal = await scope.ServiceProvider.GetRequiredService<OpenIddictValidationService>().ValidateAccessTokenAsync(token, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogDebug(exception, "An access token in connection_init was refused");
            return null;
        }
        var user = await access.ApplyAsync(principal, english, cancellationToken);
        return user.Identity?.IsAuthenticated == true ? user : null;
    }

    /// <summary>When the token's authority ends (its expiry), or null when it states none.</summary>
    internal static DateTimeOffset? ExpiresAt(ClaimsPrincipal user) => user.GetExpirationDate();
}
