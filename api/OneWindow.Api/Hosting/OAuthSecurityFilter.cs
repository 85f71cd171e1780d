using Microsoft.OpenApi;
using OneWindow.Api.Auth;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace OneWindow.Api.Hosting;

/// <summary>
/// Says in the OpenAPI document how to get a token (the OAuth2 flows of /connect/token and /connect/authorize, every
/// scope) and, per operation, which scopes it accepts — from the same <see cref="RequiredScope"/> metadata the
/// authorization uses, so the document cannot promise what the host does not enforce. Anonymous operations name none.
/// Swagger UI shows its Authorize button from this.
/// </summary>
internal sealed class OAuthSecurityFilter : IOperationFilter
{
    public const string Scheme = "oauth2";

    public static OpenApiSecurityScheme Definition() => new()
    {
        Type = SecuritySchemeType.OAuth2,
        Description = "Partners: client credentials (docs/auth.md). People: authorization code with PKCE through the demo portal.",
        Flows = new OpenApiOAuthFlows
        {
            ClientCredentials = new OpenApiOAuthFlow { TokenUrl = new Uri("/connect/token", UriKind.Relative), Scopes = Descriptions() },
            AuthorizationCode = new OpenApiOAuthFlow
            {
                AuthorizationUrl = new Uri("/connect/authorize", UriKind.Relative),
                TokenUrl = new Uri("/connect/token", UriKind.Relative),
                Scopes = Descriptions(),
            },
        },
    };

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var required = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<RequiredScope>().LastOrDefault();
        if (required is null || required.IsAnonymous)
        {
            return;
        }
        operation.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Scheme, context.Document)] = [.. required.AnyOf] },
        ];
    }

    private static Dictionary<string, string> Descriptions() => Scopes.All.ToDictionary(scope => scope, scope => scope switch
    {
        Scopes.PropertiesRead => "Property queries (people's data masked unless entitled)",
        Scopes.RestrictionsRead => "Restriction status and verdict",
        Scopes.ApplicationsSubmit => "Submit applications, confirm or decline those naming you",
        Scopes.ApplicationsRead => "Read your applications",
        Scopes.EventsRead => "Read the events of your applications and of the units you hold rights on",
        Scopes.WebhooksManage => "Register webhook endpoints for those events, read their delivery log, redeliver",
        Scopes.CertificatesVerify => "Verify certificates",
        Scopes.SeizuresSubmit => "Seizures and releases (courts)",
        Scopes.RegistryStaff => "Registry staff steps",
        Scopes.PlatformAdmin => "Platform operators",
        _ => scope,
    });
}
