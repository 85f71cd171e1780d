using OneWindow.Api.Events;

namespace OneWindow.Api.Features.Webhooks;

/// <summary>
/// Which events an endpoint receives: exact types (<see cref="EventTypes.All"/>), a family such as <c>unit.*</c>, or
/// <c>*</c>. The platform's notices about the endpoint itself (<c>webhook.*</c>, e.g. an expiring secret) reach every
/// endpoint of the partner whatever it chose.
/// </summary>
public static class WebhookEventTypes
{
    public const int MaxCount = 50;
    public const string All = "*";

    private static readonly HashSet<string> Known = [.. EventTypes.All.Select(t => t.Name)];

    private static readonly HashSet<string> Families = [.. EventTypes.All.Select(t => t.Name[..t.Name.IndexOf('.', StringComparison.Ordinal)] + ".*")];

    /// <summary>The list normalised (distinct, sorted, space-separated), or null when it is empty, too long or names an unknown type.</summary>
    public static string? Normalise(IReadOnlyList<string?>? types)
    {
        if (types is null || types.Count is 0 or > MaxCount || types.Any(t => t is null || !(t == All || Known.Contains(t) || Families.Contains(t))))
        {
            return null;
        }
        return string.Join(' ', types.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
    }

    public static string[] Parse(string stored) => stored.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public static bool Matches(IReadOnlyCollection<string> chosen, string type) =>
        type.StartsWith("webhook.", StringComparison.Ordinal)
        || chosen.Contains(All)
        || chosen.Contains(type)
        || chosen.Contains(type[..(type.IndexOf('.', StringComparison.Ordinal) + 1)] + "*");
}
