using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using GraphQL.Validation;
using OneWindow.Api.Data;
using OneWindow.Api.GraphQL.Authorization;
using OneWindow.Api.Errors;
using OneWindow.Api.Hosting;
using OpenIddict.Server;

namespace OneWindow.Api.Auth;

/// <summary>Settings under <c>Auth</c>.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>
    /// The token issuer. Note: set it explicitly when several instances serve one name, or a token issued through one
    /// host name is refused on another; empty → the request's scheme and host.
    /// </summary>
    public string? Issuer { get; set; }

    /// <summary>Lifetime of access tokens. Short, so a revoked client's tokens die soon even without the status check.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a rotated secret keeps working.</summary>
    public TimeSpan SecretGracePeriod { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How long an instance trusts what it last read about a client's or person's status: the bound on how long a
    /// revoked client's or disabled person's existing tokens keep working.
    /// </summary>
    public TimeSpan StatusCheckInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Allow plain http for the token and authorization endpoints. Note: only for loopback development and tests;
    /// production terminates TLS in front of the instances and leaves this false.
    /// </summary>
    public bool AllowInsecureHttp { get; set; }
}

public static class RegistryAuth
{
    /// <summary>The audience of every access token this platform issues and accepts.</summary>
    public const string Audience = "onewindow-api";

    public const string CookieScheme = CookieAuthenticationDefaults.AuthenticationScheme;

    public static WebApplicationBuilder AddRegistryAuth(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(AuthOptions.Section);
        builder.Services.Configure<AuthOptions>(section);
        var options = section.Get<AuthOptions>() ?? new AuthOptions();
        var database = RegistryDataExtensions.ResolveDatabase(builder.Configuration);
        var insecure = options.AllowInsecureHttp || database.IsEmbedded || builder.Environment.IsDevelopment();

        // Data Protection's key ring in the database: cookies and protected keys work across instances and restarts.
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName("OneWindow").PersistKeysToDbContext<RegistryDbContext>();
        if (KeyProtectionCertificate(builder.Configuration) is { } certificate)
        {
            // Note: the key ring protects the token signing and encryption keys kept in the database (SigningKeys),
            // the sign-in cookie and the anti-forgery tokens; encrypted with this certificate, a copy of the database
            // alone does not give them away. Required outside Development and --demo (KeyProtectionRefusal).
            dataProtection.ProtectKeysWithCertificate(certificate);
        }

        builder.Services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<RegistryDbContext>())
            .AddServer(server =>
            {
                server.SetTokenEndpointUris("connect/token")
                    .SetAuthorizationEndpointUris("connect/authorize")
                    .SetEndSessionEndpointUris("connect/logout");
                server.AllowClientCredentialsFlow()
                    .AllowAuthorizationCodeFlow()
                    .RequireProofKeyForCodeExchange()
                    .AllowRefreshTokenFlow();
                // Note: PKCE with S256 only; "plain" would let an intercepted challenge serve as the verifier.
                server.Configure(o => o.CodeChallengeMethods.Remove(OpenIddict.Abstractions.OpenIddictConstants.CodeChallengeMethods.Plain));
                server.RegisterScopes([.. Scopes.All, OpenIddict.Abstractions.OpenIddictConstants.Scopes.OpenId,
                    OpenIddict.Abstractions.OpenIddictConstants.Scopes.Profile, OpenIddict.Abstractions.OpenIddictConstants.Scopes.OfflineAccess]);
                server.SetAccessTokenLifetime(options.AccessTokenLifetime);
                // Access tokens are signed JWTs, not encrypted: our own API reads them and partners may inspect theirs.
                server.DisableAccessTokenEncryption();
                if (!string.IsNullOrWhiteSpace(options.Issuer))
                {
                    server.SetIssuer(new Uri(options.Issuer));
                }
                var aspNetCore = server.UseAspNetCore()
                    .EnableTokenEndpointPassthrough()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough();
                if (insecure)
                {
                    // Note: plain http only on loopback development, the embedded default and tests.
                    aspNetCore.DisableTransportSecurityRequirement();
                }
            })
            .AddValidation(validation =>
            {
                validation.UseLocalServer();
                validation.UseAspNetCore();
                // Tokens minted for another audience are refused.
                validation.AddAudiences(Audience);
            });
        builder.Services.AddScoped<RegistryApplicationManager>();
        builder.Services.AddSingleton<IConfigureOptions<OpenIddictServerOptions>, SigningKeys>();
        builder.Services.AddOpenIddict().AddCore(core => core.ReplaceApplicationManager<OpenIddict.EntityFrameworkCore.Models.OpenIddictEntityFrameworkCoreApplication, RegistryApplicationManager>());

        // Bearer tokens go to OpenIddict's validation once per token and instance (CachedTokenAuthenticationHandler).
        builder.Services.AddSingleton<ValidatedTokens>();
        builder.Services.AddAuthentication(CachedTokenAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, CachedTokenAuthenticationHandler>(
                CachedTokenAuthenticationHandler.SchemeName, CachedTokenAuthenticationHandler.Configure)
            .AddCookie(CookieScheme, cookie =>
            {
                cookie.LoginPath = "/account/sign-in";
                cookie.Cookie.Name = "onewindow.signin";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                // Note: the cookie only carries a person from the sign-in page to /connect/authorize.
                cookie.ExpireTimeSpan = TimeSpan.FromMinutes(30);
            });
        builder.Services.AddAuthorization(authorization =>
        {
            foreach (var scope in Scopes.All)
            {
                // Note: no AddAuthenticationSchemes here. The default scheme (OpenIddict validation, once per token) has already
                // authenticated the token and AccessStatusMiddleware may have cleared the user of a revoked client or
                // suspended partner; naming a scheme would authenticate the token again and undo that.
                authorization.AddPolicy(scope, policy => policy
                    .RequireAuthenticatedUser()
                    .RequireAssertion(context => Caller.HasScope(context.User, scope)));
            }
        });
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();
        builder.Services.AddSingleton<AccessStatus>();
        builder.Services.AddSingleton<IValidationRule, ScopeAuthorizationRule>();
        builder.Services.AddHostedService<TokenPruning>();
        builder.Services.AddAntiforgery();
        return builder;
    }

    private const string KeyProtectionPath = "DataProtection:Certificate:Path";
    private const string KeyProtectionPassword = "DataProtection:Certificate:Password";

    /// <summary>
    /// The PKCS#12 certificate (with its private key) that encrypts the Data Protection key ring at rest, from
    /// <c>DataProtection:Certificate:Path</c> and <c>…:Password</c>; null when none is configured.
    /// </summary>
    public static System.Security.Cryptography.X509Certificates.X509Certificate2? KeyProtectionCertificate(IConfiguration configuration)
    {
        var path = configuration[KeyProtectionPath];
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }
        var certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(
            Path.GetFullPath(path, AppContext.BaseDirectory), configuration[KeyProtectionPassword]);
        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new System.Security.Cryptography.CryptographicException("the file holds no private key");
        }
        return certificate;
    }

    /// <summary>
    /// Why the key ring cannot be protected, in one line, or null. Note: outside Development and <c>--demo</c> the
    /// certificate is required; a configured one that cannot be read stops the start in any mode.
    /// </summary>
    public static string? KeyProtectionRefusal(IConfiguration configuration, RegistryMode mode)
    {
        if (string.IsNullOrWhiteSpace(configuration[KeyProtectionPath]))
        {
            return mode.Demo ? null
                : "OneWindow: DataProtection:Certificate:Path is not set (DataProtection__Certificate__Path, a PKCS#12 file); outside Development and --demo the key ring that protects the signing keys must be encrypted with a certificate.";
        }
        try
        {
            KeyProtectionCertificate(configuration)!.Dispose();
            return null;
        }
        catch (Exception exception) when (exception is System.Security.Cryptography.CryptographicException or IOException or UnauthorizedAccessException)
        {
            return $"OneWindow: the certificate in DataProtection:Certificate:Path ({configuration[KeyProtectionPath]}) cannot be used: {exception.Message.ReplaceLineEndings(" ")}";
        }
    }

    public static void UseRegistryAuth(this WebApplication app)
    {
        // ApiAuthenticationMiddleware takes the place of UseAuthentication. WebApplication adds UseAuthentication at
        // the very start of the pipeline by itself unless the application has called it, which it knows by this key.
        ((IApplicationBuilder)app).Properties[ApiAuthenticationMiddleware.AuthenticationMiddlewareSetKey] = true;
        app.UseMiddleware<ApiAuthenticationMiddleware>();
        app.UseMiddleware<AccessStatusMiddleware>();
        app.UseAuthorization();
        app.UseAntiforgery();
    }

    public static void MapRegistryAuth(this WebApplication app)
    {
        app.MapTokenEndpoints();
        app.MapSignInPage();
    }
}

/// <summary>401 and 403 as problem details with UNAUTHENTICATED / FORBIDDEN, in the caller's language.</summary>
internal sealed class ProblemAuthorizationResultHandler(IProblemDetailsService problems) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Succeeded)
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }
        var (status, code) = authorizeResult.Challenged
            ? (StatusCodes.Status401Unauthorized, ErrorCodes.Unauthenticated)
            : (StatusCodes.Status403Forbidden, ErrorCodes.Forbidden);
        if (authorizeResult.Challenged)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"onewindow\"";
        }
        context.Response.StatusCode = status;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = ErrorMessages.For(code, context), Extensions = { ["code"] = code } },
        });
    }
}
