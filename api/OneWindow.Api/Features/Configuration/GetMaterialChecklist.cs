using OneWindow.Api.Auth;
using OneWindow.Api.Errors;
using OneWindow.Domain.Applications;

namespace OneWindow.Api.Features.Configuration;

/// <summary>
/// The materials checklist (资料配置) of a business type in the applicant's circumstances, from the operator's current
/// catalogue: every material, required, optional or not applicable, and why. Unknown or inapplicable circumstances
/// are UNKNOWN_CIRCUMSTANCE, two options of one choice CONFLICTING_CIRCUMSTANCES; the reason lists the codes.
/// Naming no option of a choice is allowed: what depends on it shows as not applicable, with the circumstances that
/// would require it.
/// </summary>
public static class GetMaterialChecklist
{
    /// <summary>REST: the business type as its UPPER_SNAKE name.</summary>
    public static async Task<Result<MaterialChecklistResponse>> HandleAsync(
        string? businessType, IEnumerable<string?>? circumstances, Caller caller, RegistryConfiguration configuration, CancellationToken cancellationToken)
    {
        if (ConfigurationRules.BusinessType(businessType, out var type) is { } invalid)
        {
            return invalid;
        }
        return await HandleAsync(type, circumstances, caller, configuration, cancellationToken);
    }

    public static async Task<Result<MaterialChecklistResponse>> HandleAsync(
        BusinessType businessType, IEnumerable<string?>? circumstances, Caller caller, RegistryConfiguration configuration, CancellationToken cancellationToken)
    {
        if (!Enum.IsDefined(businessType))
        {
            return ApiError.BadRequest(ErrorCodes.InvalidBusinessType, "businessType");
        }
        var codes = ConfigurationRules.Circumstances(circumstances);
        var catalogue = await configuration.CatalogueAsync(cancellationToken);
        var checklist = catalogue.Checklist(businessType, codes);
        if (!checklist.Succeeded)
        {
            // The catalogue's codes are the API's (UNKNOWN_CIRCUMSTANCE, CONFLICTING_CIRCUMSTANCES); its message names the codes at fault.
            return ApiError.BadRequest(checklist.Error.Code, "circumstances", checklist.Error.Message);
        }
        return new MaterialChecklistResponse(
            businessType, codes, [.. checklist.Items.Select(line => MaterialRequirementResponse.From(line, caller.English))]);
    }
}
