using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OneWindow.Api.Auth;
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
            // Note: Redis holds only what can be rebuilt (cache entries, shared limit counters). While it is down reads go
            // to the database and limits are counted per instance, so the instance stays ready: Degraded (200), not
            // Unhealthy (503), or the load balancer would take every instance out at once.
            checks.AddCheck<RedisHealthCheck>("redis", failureStatus: HealthStatus.Degraded, tags: [Ready]);
        }
        return builder;
    }

    public static void MapRegistryHealth(this WebApplication app)
    {
        // Live: the process answers. Ready: the database answers (503 when it does not); Redis, when configured, is
        // reported too, and its failure only makes the answer Degraded (200).
        // Note: both are short-circuited (answered by routing, before the rest of the pipeline: no authentication,
        // limits or audit), so a load balancer's polling costs next to nothing. Live runs no check and writes
        // constant bytes; it is what a bare Kestrel app would answer (docs/performance.md).
        app.MapGet("/health/live", static context =>
        {
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = LiveBody.Length;
            return context.Response.Body.WriteAsync(LiveBody).AsTask();
        }).AllowAnonymousByDesign().ShortCircuit().ExcludeFromDescription();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = WriteAsync })
            .AllowAnonymousByDesign().ShortCircuit();
    }

    /// <summary>What <c>/health/live</c> answers: the process runs; no check is made.</summary>
    private static readonly byte[] LiveBody = """{"status":"Healthy","checks":{}}"""u8.ToArray();

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
