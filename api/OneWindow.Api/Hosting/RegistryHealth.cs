using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OneWindow.Api.Caching;
using OneWindow.Api.Data;

namespace OneWindow.Api.Hosting;

public static class RegistryHealth
{
    private const string Ready = "ready";

    public static WebApplicationBuilder AddRegistryHealth(this WebApplicationBuilder builder)
    {
        var checks = builder.Services.AddHealthChecks()
            .AddDbContextCheck<RegistryDbContext>("database", tags: [Ready]);
        if (RegistryCaching.RedisConfiguration(builder.Configuration) is not null)
        {
            checks.AddCheck<RedisHealthCheck>("redis", tags: [Ready]);
        }
        return builder;
    }

    public static void MapRegistryHealth(this WebApplication app)
    {
        // Live: the process answers. Ready: the database (and Redis, when configured) answer too.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync })
            .AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = WriteAsync })
            .AllowAnonymous();
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = e.Value.Status.ToString(), durationMs = Math.Round(e.Value.Duration.TotalMilliseconds, 1), error = e.Value.Exception?.GetType().Name }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonSerializerOptions.Web));
    }
}
