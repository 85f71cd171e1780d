using OneWindow.Api.Auth;
using OneWindow.Api.Data;
using OneWindow.Api.Data.Register;
using OneWindow.Api.Errors;

namespace OneWindow.Api.Features.Register;

/// <summary>Staff read a checkpoint as it is kept elsewhere: the newest, or one by its sequence.</summary>
public static class GetRegisterCheckpoint
{
    public static async Task<Result<ExportedCheckpoint>> HandleAsync(long? sequence, Caller caller, RegistryDbContext db, CancellationToken cancellationToken)
    {
        if (RegisterRules.RefuseUnlessStaff(caller) is { } refused)
        {
            return refused;
        }
        return await RegisterCheckpoints.ExportAsync(db, sequence, cancellationToken) is { } exported
            ? exported
            : ApiError.NotFound(ErrorCodes.CheckpointNotFound);
    }
}
