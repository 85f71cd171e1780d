using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Data;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Errors;
using OneWindow.Domain.Identifiers;

namespace OneWindow.Api.Features.Partners;

/// <summary>An organisation asking for access.</summary>
/// <param name="Name">The organisation's registered name, 2 to 200 characters.</param>
/// <param name="CreditCode">Its unified social credit code (统一社会信用代码, 18 characters).</param>
/// <param name="Kind">BANK, DEVELOPER, AGENCY, COURT or VERIFIER: decides the scopes its clients may hold.</param>
/// <param name="ContactName">The person the platform talks to about the access.</param>
/// <param name="ContactPhone">A mobile number, or a landline with its area code.</param>
/// <param name="ContactEmail">An email address.</param>
public sealed record SignUpPartnerRequest(string Name, string CreditCode, string Kind, string ContactName, string ContactPhone, string ContactEmail);

/// <summary>The new partner's id and status (PENDING until an operator approves it).</summary>
public sealed record SignUpPartnerResponse(long Id, PartnerStatus Status);

/// <summary>
/// Anonymous partner sign-up: validates everything, then creates a pending partner. An operator approves it before
/// any client exists. A credit code signs up once: the same code again is PARTNER_ALREADY_REGISTERED, which says
/// nothing about that partner (neither its name nor its status).
/// </summary>
public static class SignUpPartner
{
    public static async Task<Result<SignUpPartnerResponse>> HandleAsync(
        SignUpPartnerRequest request, RegistryDbContext db, TimeProvider time, PartnerActivity activity, CancellationToken cancellationToken)
    {
        // Checked in the order of the form; the first failure is the answer.
        var name = "";
        var creditCode = "";
        var kind = default(PartnerKind);
        var contactName = "";
        var contactPhone = "";
        var contactEmail = "";
        var error = PartnerRules.Name(request.Name, out name)
            ?? PartnerRules.CreditCode(request.CreditCode, out creditCode)
            ?? PartnerRules.Kind(request.Kind, "kind", out kind)
            ?? PartnerRules.ContactName(request.ContactName, out contactName)
            ?? PartnerRules.Phone(request.ContactPhone, out contactPhone)
            ?? PartnerRules.Email(request.ContactEmail, out contactEmail);
        if (error is not null)
        {
            return error;
        }
        if (await db.Partners.AnyAsync(p => p.CreditCode == creditCode, cancellationToken))
        {
            return AlreadyRegistered;
        }
        var partner = new Partner
        {
            Name = name,
            CreditCode = creditCode,
            Kind = kind,
            Status = PartnerStatus.Pending,
            CreatedAt = time.GetUtcNow().UtcDateTime,
            ContactName = contactName,
            ContactPhone = contactPhone,
            ContactEmail = contactEmail,
        };
        db.Partners.Add(partner);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same code signed up at the same moment (the unique index refused the second).
            db.ChangeTracker.Clear();
            if (await db.Partners.AnyAsync(p => p.CreditCode == creditCode, cancellationToken))
            {
                return AlreadyRegistered;
            }
            throw;
        }
        activity.SignedUp(partner.Id, kind, UnifiedSocialCreditCode.Parse(creditCode).Masked);
        return new SignUpPartnerResponse(partner.Id, partner.Status);
    }

    private static ApiError AlreadyRegistered => new(ErrorCodes.PartnerAlreadyRegistered, StatusCodes.Status409Conflict, Field: "creditCode");
}
