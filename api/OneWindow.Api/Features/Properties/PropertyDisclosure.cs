using OneWindow.Api.Auth;

namespace OneWindow.Api.Features.Properties;

/// <summary>
/// Decides whether a caller may see the personal data (names, ID numbers) on a unit: the holders themselves and
/// registry staff may; anyone else sees them masked.
/// </summary>
public sealed class PropertyDisclosure
{
    public bool MayReveal(Caller caller, PropertyView view)
    {
        if (caller.IsStaff)
        {
            return true;
        }
        var idNumber = caller.IdNumber;
        return idNumber is not null && view.Rights.Any(r => r.Holders.Any(h => h.IdNumber == idNumber));
    }
}
