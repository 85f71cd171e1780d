using Microsoft.Extensions.Options;
using OneWindow.Api.Hosting;

namespace OneWindow.Api.Features.Applications;

/// <summary>
/// Ends, once an hour on every instance, the applications that waited for their applicants' confirmation longer than
/// <see cref="ApplicationsOptions.ConfirmationWindow"/>: an application nobody confirms cannot hold its units. Each
/// ending is guarded by the application's version, so instances running at once end each one once.
/// </summary>
internal sealed class ConfirmationLapse(IServiceScopeFactory scopes, IOptions<ApplicationsOptions> options, TimeProvider time, ILogger<ConfirmationLapse> logger)
    : PeriodicJob(scopes, time, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    protected override async Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var ended = await services.GetRequiredService<ConfirmApplication>().LapseAsync(Time.GetUtcNow().UtcDateTime - options.Value.ConfirmationWindow, cancellationToken);
        if (ended > 0)
        {
            Logger.LogInformation("Ended {Count} applications not confirmed in time", ended);
        }
    }
}
