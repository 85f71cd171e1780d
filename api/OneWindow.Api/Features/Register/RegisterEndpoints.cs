using Microsoft.AspNetCore.Http.HttpResults;
using OneWindow.Api.Auth;
using OneWindow.Api.Data;
using OneWindow.Api.Data.Register;
using OneWindow.Api.Errors;

namespace OneWindow.Api.Features.Register;

/// <summary>
/// REST for registry staff (registry:staff): the register's check and its signed checkpoints — the same use cases as
/// the GraphQL fields (RegisterFields).
/// </summary>
public static class RegisterEndpoints
{
    public static void MapRegisterEndpoints(this RouteGroupBuilder api)
    {
        var register = api.MapGroup("/register").WithTags("Register");

        register.MapGet("/verification", Verify)
            .WithName("VerifyRegister")
            .WithSummary("Checks one unit, or the whole register when no unit code is given: each chain, the rows against the entries, the chain heads against the newest signed checkpoint. Names every unit that does not match.")
            .RequireScope(Scopes.RegistryStaff);

        register.MapGet("/checkpoints/latest", GetLatestCheckpoint)
            .WithName("GetLatestRegisterCheckpoint")
            .WithSummary("The newest signed checkpoint, as it is kept elsewhere: its payload, signature, key id and public key.")
            .RequireScope(Scopes.RegistryStaff);

        register.MapGet("/checkpoints/{sequence}", GetCheckpoint)
            .WithName("GetRegisterCheckpoint")
            .WithSummary("A signed checkpoint by its sequence, as it is kept elsewhere.")
            .RequireScope(Scopes.RegistryStaff);

        register.MapPost("/checkpoints", TakeCheckpoint)
            .WithName("TakeRegisterCheckpoint")
            .WithSummary("Takes a signed checkpoint of the whole register now (the timer takes one every Register:CheckpointInterval).")
            .RequireScope(Scopes.RegistryStaff);
    }

    /// <param name="unitCode">A real estate unit code; absent: the whole register.</param>
    public static async Task<Results<Ok<RegisterVerificationReport>, ProblemHttpResult>> Verify(
        string? unitCode, RegistryDbContext db, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        var result = await VerifyRegister.HandleAsync(unitCode, Caller.From(context), db, time, cancellationToken);
        return result.Error is { } error ? error.ToProblem(context) : TypedResults.Ok(result.Value);
    }

    public static Task<Results<Ok<ExportedCheckpoint>, ProblemHttpResult>> GetLatestCheckpoint(
        RegistryDbContext db, HttpContext context, CancellationToken cancellationToken) =>
        Checkpoint(null, db, context, cancellationToken);

    public static Task<Results<Ok<ExportedCheckpoint>, ProblemHttpResult>> GetCheckpoint(
        long sequence, RegistryDbContext db, HttpContext context, CancellationToken cancellationToken) =>
        Checkpoint(sequence, db, context, cancellationToken);

    public static async Task<Results<Created<ExportedCheckpoint>, ProblemHttpResult>> TakeCheckpoint(
        RegistryDbContext db, IRegistryKeys keys, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        var result = await TakeRegisterCheckpoint.HandleAsync(Caller.From(context), db, keys, time, cancellationToken);
        return result.Error is { } error
            ? error.ToProblem(context)
            : TypedResults.Created($"/api/v1/register/checkpoints/{result.Value!.Sequence}", result.Value);
    }

    private static async Task<Results<Ok<ExportedCheckpoint>, ProblemHttpResult>> Checkpoint(
        long? sequence, RegistryDbContext db, HttpContext context, CancellationToken cancellationToken)
    {
        var result = await GetRegisterCheckpoint.HandleAsync(sequence, Caller.From(context), db, cancellationToken);
        return result.Error is { } error ? error.ToProblem(context) : TypedResults.Ok(result.Value);
    }
}
