using OneWindow.Api.Auth;
using OneWindow.Domain.Applications;

namespace OneWindow.Api.Features.Configuration;

/// <summary>
/// Every business type with what a portal needs to build its form: names, time limit (from the configured
/// <see cref="TimeLimitPolicy"/>), whether it is immediate (即办), the scope to submit it, who may apply, and the
/// circumstances and choices the operator's current materials catalogue declares for it (names in the caller's language).
/// </summary>
public static class ListBusinessTypes
{
    public static async Task<BusinessTypeList> HandleAsync(
        Caller caller, RegistryConfiguration configuration, TimeLimitPolicy policy, CancellationToken cancellationToken)
    {
        var catalogue = await configuration.CatalogueAsync(cancellationToken);
        var names = catalogue.Circumstances.ToDictionary(c => c.Code, c => c.Name, StringComparer.Ordinal);
        CircumstanceResponse Circumstance(string code) =>
            new(code, names.TryGetValue(code, out var name) ? MaterialRequirementResponse.Text(name, caller.English) : code);

        return new BusinessTypeList([.. BusinessTypes.All.Select(info =>
        {
            var section = catalogue.For(info.Type);
            return new BusinessTypeResponse(
                info.Type,
                info.ChineseName,
                info.EnglishName,
                policy.WorkingDaysFor(info.Type),
                policy.IsImmediate(info.Type),
                info.SubmitScope,
                [.. info.ApplicantOptions.Select(option => new ApplicantOptionResponse(option.Circumstance, option.Roles))],
                [.. section.Circumstances.Select(Circumstance)],
                [.. section.Choices.Select(choice => new CircumstanceChoiceResponse(
                    choice.Code, MaterialRequirementResponse.Text(choice.Name, caller.English), [.. choice.Options.Select(Circumstance)]))]);
        })]);
    }
}
