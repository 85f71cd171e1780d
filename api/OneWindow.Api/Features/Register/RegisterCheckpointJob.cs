using Microsoft.Extensions.Options;
using OneWindow.Api.Data;
using OneWindow.Api.Data.Register;
using OneWindow.Api.Hosting;

namespace OneWindow.Api.Features.Register;

/// <summary>
/// Every <c>Register:CheckpointInterval</c> (unless <c>Register:CheckpointsEnabled</c> is false): takes a signed
/// checkpoint of the register, unless another instance took one within the last half interval. Every instance runs
/// the timer; the unique sequence makes sure one of two instances taking the same checkpoint stores it.
/// </summary>
internal sealed class RegisterCheckpointJob(IServiceScopeFactory scopes, IOptions<RegisterOptions> options, TimeProvider time, ILogger<RegisterCheckpointJob> logger)
    : PeriodicJob(scopes, time, logger)
{
    protected override TimeSpan Interval => options.Value.CheckpointInterval;

    protected override bool Enabled => options.Value.CheckpointsEnabled;

    protected override async Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<RegistryDbContext>();
        var now = Time.GetUtcNow().UtcDateTime;
        if (await RegisterCheckpoints.LatestAsync(db, cancellationToken) is { } latest && now - DateTime.SpecifyKind(latest.TakenAt, DateTimeKind.Utc) < Interval / 2)
        {
            return;
        }
        if (await RegisterCheckpoints.TakeAsync(db, services.GetRequiredService<IRegistryKeys>(), now, cancellationToken) is { } taken)
        {
            Logger.LogInformation("Register checkpoint {Sequence}: {Units} units, {Entries} entries, root {Root}", taken.Sequence, taken.UnitCount, taken.EntryCount, taken.Root);
        }
    }
}
