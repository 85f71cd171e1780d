using OneWindow.Api.Auth;
using OneWindow.Api.Features.Audit;

namespace OneWindow.Api.Features.Partners;

/// <summary>
/// A partner's contact (name, phone, email) is a person's data: each answer that carries it to an operator is
/// recorded in the audit log, subject <c>partner:{id}</c>, like every other read of personal data.
/// </summary>
public static class PartnerContactAudit
{
    public const string Fields = "contactName,contactPhone,contactEmail";

    public static string Subject(long partnerId) => $"partner:{PartnerIds.Format(partnerId)}";

    /// <summary>REST answers carry the contact of every partner in them.</summary>
    public static void Record(PersonalDataAudit audit, Caller caller, IEnumerable<PartnerResponse> partners)
    {
        foreach (var partner in partners)
        {
            if (partner.ContactName is not null || partner.ContactPhone is not null || partner.ContactEmail is not null)
            {
                audit.Record(caller, Subject(partner.Id), Fields);
            }
        }
    }
}
