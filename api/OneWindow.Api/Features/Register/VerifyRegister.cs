using OneWindow.Api.Auth;
using OneWindow.Api.Data;
using OneWindow.Api.Data.Register;
using OneWindow.Api.Errors;
using OneWindow.Domain.Identifiers;

namespace OneWindow.Api.Features.Register;

/// <summary>
/// Staff check one unit, or the whole register when no unit code is given, against its entries and the newest signed
/// checkpoint: the answer names every unit that does not match.
/// </summary>
public static class VerifyRegister
{
    public static async Task<Result<RegisterVerificationReport>> HandleAsync(
        string? unitCode, Caller caller, RegistryDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (RegisterRules.RefuseUnlessStaff(caller) is { } refused)
        {
            return refused;
        }
        string? code = null;
        if (unitCode is not null)
        {
            if (!UnitCode.TryParse(unitCode, out var parsed, out var error))
            {
                return ApiError.Invalid(error, "unitCode");
            }
            code = parsed.ToString();
        }
        var report = await RegisterVerification.RunAsync(db, code, against: null, time.GetUtcNow().UtcDateTime, cancellationToken);
        return report is null ? ApiError.NotFound(ErrorCodes.PropertyNotFound) : report;
    }
}
