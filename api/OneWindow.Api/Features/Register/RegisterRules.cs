using OneWindow.Api.Auth;
using OneWindow.Api.Errors;

namespace OneWindow.Api.Features.Register;

/// <summary>Who may use the register's checks: registry staff.</summary>
public static class RegisterRules
{
    public static ApiError? RefuseUnlessStaff(Caller caller) =>
        caller.IsStaff ? null
        : caller.IsAuthenticated ? new ApiError(ErrorCodes.Forbidden, StatusCodes.Status403Forbidden)
        : new ApiError(ErrorCodes.Unauthenticated, StatusCodes.Status401Unauthorized);
}
