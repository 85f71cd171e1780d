using OneWindow.Api.Auth;
using OneWindow.Api.Data;
using OneWindow.Api.Data.Register;
using OneWindow.Api.Errors;

namespace OneWindow.Api.Features.Register;

/// <summary>Staff take a checkpoint now (besides the timer's), and get it as it is kept elsewhere.</summary>
public static class TakeRegisterCheckpoint
{
    public static async Task<Result<ExportedCheckpoint>> HandleAsync(
        Caller caller, RegistryDbContext db, IRegistryKeys keys, TimeProvider time, CancellationToken cancellationToken)
    {
        if (RegisterRules.RefuseUnlessStaff(caller) is { } refused)
        {
            return refused;
        }
        var taken = await RegisterCheckpoints.TakeAsync(db, keys, time.GetUtcNow().UtcDateTime, cancellationToken);
        return taken is null
            ? new ApiError(ErrorCodes.CheckpointInProgress, StatusCodes.Status409Conflict)
            : (await RegisterCheckpoints.ExportAsync(db, taken.Sequence, cancellationToken))!;
    }
}
