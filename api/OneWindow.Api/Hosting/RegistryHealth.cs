using System.Text.Json;
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
        builder.Services.AddOptions<WarmUpOptions>().Bind(builder.Configuration.GetSection(WarmUpOptions.Section))
            .Validate(o => o.Requests is null or >= 0 && o.Concurrency > 0 && o.MaxDuration > TimeSpan.Zero, "Registry:WarmUp needs Requests ≥ 0, Concurrency > 0 and MaxDuration > 0.")
            .ValidateOnStart();
        builder.Services.AddSingleton<JitActivity>();
        builder.Services.AddSingleton<WarmUp>();
        builder.Services.AddHostedService(services => services.GetRequiredService<WarmUp>());
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
        // Not ready while the warm-up runs (Hosting/WarmUp.cs): 503 with the warm-up's entry, and no check is run.
        var warmUp = app.Services.GetRequiredService<WarmUp>();
        var health = app.Services.GetRequiredService<HealthCheckService>();
        app.MapGet("/health/ready", async context =>
        {
            context.Response.Headers.CacheControl = "no-store, no-cache";
            var report = warmUp.Done
                ? await health.CheckHealthAsync(c => c.Tags.Contains(Ready), context.RequestAborted)
                : new HealthReport(new Dictionary<string, HealthReportEntry>
                {
                    ["warm-up"] = new(HealthStatus.Unhealthy, "warming up", TimeSpan.Zero, null, null),
                }, TimeSpan.Zero);
            context.Response.StatusCode = report.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
            await WriteAsync(context, report);
        }).AllowAnonymousByDesign().ShortCircuit();
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
