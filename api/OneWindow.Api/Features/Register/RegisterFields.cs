using GraphQL;
using GraphQL.Types;
using OneWindow.Api.Auth;
using OneWindow.Api.Data;
using OneWindow.Api.Errors;
using OneWindow.Api.GraphQL;
using OneWindow.Api.GraphQL.Schema;

namespace OneWindow.Api.Features.Register;

/// <summary>
/// The register's fields of the Query root, for registry staff: the same use cases as the REST endpoints. Failures
/// (INVALID_UNIT_CODE, CHECKPOINT_NOT_FOUND) are top-level errors with <c>extensions.code</c>; an unknown unit gives
/// PROPERTY_NOT_FOUND.
/// </summary>
public static class RegisterFields
{
    public static void AddRegisterQueries(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<RegisterVerificationType>>("verifyRegister")
            .Description("Checks one unit, or the whole register when no unit code is given: each chain, the rows against the entries, the chain heads against the newest signed checkpoint. Names every unit that does not match.")
            .Argument<StringGraphType>("unitCode")
            .RequireScope(Scopes.RegistryStaff)
            .ResolveAsync(async context =>
            {
                var services = context.RequestServices!;
                var result = await VerifyRegister.HandleAsync(context.GetArgument<string?>("unitCode"), context.Caller(),
                    services.GetRequiredService<RegistryDbContext>(), services.GetRequiredService<TimeProvider>(), context.CancellationToken);
                return context.Unwrap(result);
            });

        query.Field<RegisterCheckpointType>("registerCheckpoint")
            .Description("A signed checkpoint as it is kept elsewhere: the newest, or the one with that sequence. Null when there is none.")
            .Argument<LongGraphType>("sequence")
            .RequireScope(Scopes.RegistryStaff)
            .ResolveAsync(async context =>
            {
                var result = await GetRegisterCheckpoint.HandleAsync(context.GetArgument<long?>("sequence"), context.Caller(),
                    context.RequestServices!.GetRequiredService<RegistryDbContext>(), context.CancellationToken);
                return result.Error is { Code: ErrorCodes.CheckpointNotFound } ? null : context.Unwrap(result);
            });
    }
}
