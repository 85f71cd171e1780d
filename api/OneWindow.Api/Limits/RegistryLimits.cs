using GraphQL.Validation;
using Microsoft.Extensions.Options;

namespace OneWindow.Api.Limits;

/// <summary>
/// Request-rate limits per caller and GraphQL query budgets, counted in Redis so they hold across instances (in
/// process on the embedded default or while Redis is down), and who may introspect the schema. docs/limits.md.
/// </summary>
public static class RegistryLimits
{
    public static WebApplicationBuilder AddRegistryLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<LimitsOptions>()
            .Bind(builder.Configuration.GetSection(LimitsOptions.Section))
            .Validate(o => o.IsValid(out _), "Limits: every PermitLimit must be positive, every window at least a second, every QueryBudget not negative.")
            .ValidateOnStart();
        builder.Services.AddSingleton<LimitPolicies>();
        builder.Services.AddSingleton<LimitCounters>();
        builder.Services.AddSingleton<QueryBudget>();
        builder.Services.AddSingleton<IntrospectionAccess>();
        builder.Services.AddSingleton<IValidationRule>(services => services.GetRequiredService<IntrospectionAccess>());
        // Token requests and sign-in posts are limited by address at the start of the pipeline: OpenIddict refuses a
        // wrong client secret inside UseAuthentication, so a limiter placed after it would never count a guess.
        builder.Services.AddTransient<IStartupFilter, SignInLimitsFirst>();
        return builder;
    }

    /// <summary>After authentication (<c>UseRegistryAuth</c>): the partition of an authenticated caller is its client or person.</summary>
    public static void UseRegistryLimits(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<LimitsOptions>>().Value.Enabled)
        {
            app.UseMiddleware<RateLimitMiddleware>(false);
        }
    }

    /// <summary>
    /// Puts the token and sign-in limiter before the middleware of Program.cs. Note: it sees the connection's address;
    /// behind a proxy, enable forwarded headers the way that also runs first (<c>ASPNETCORE_FORWARDEDHEADERS_ENABLED</c>),
    /// see docs/limits.md.
    /// </summary>
    private sealed class SignInLimitsFirst(IOptions<LimitsOptions> options) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            if (options.Value.Enabled)
            {
                app.UseMiddleware<RateLimitMiddleware>(true);
            }
            next(app);
        };
    }
}
