using OneWindow.Api.Auth;
using OneWindow.Api.Data.Entities;

namespace OneWindow.Api.Features.Partners;

/// <summary>A partner organisation as operators see it: who it is, who to talk to, and its last review.</summary>
/// <param name="Id">The partner id (REST paths, GraphQL <c>Partner.id</c>).</param>
/// <param name="CreditCode">Unified social credit code (统一社会信用代码).</param>
/// <param name="Scopes">The scopes its clients may request, by its kind.</param>
/// <param name="ReviewedBy">The operator who last approved or suspended it.</param>
public sealed record PartnerResponse(
    long Id,
    string Name,
    string CreditCode,
    PartnerKind Kind,
    PartnerStatus Status,
    DateTime CreatedAt,
    string? ContactName,
    string? ContactPhone,
    string? ContactEmail,
    DateTime? ReviewedAt,
    string? ReviewedBy,
    string? ReviewNote,
    IReadOnlyList<string> Scopes,
    bool AuthorisedChannel,
    DateTime? ChannelReviewedAt,
    string? ChannelReviewedBy,
    string? ChannelNote)
{
    public static PartnerResponse From(Partner partner) => new(
        partner.Id,
        partner.Name,
        partner.CreditCode,
        partner.Kind,
        partner.Status,
        Utc(partner.CreatedAt),
        partner.ContactName,
        partner.ContactPhone,
        partner.ContactEmail,
        Utc(partner.ReviewedAt),
        partner.ReviewedBy,
        partner.ReviewNote,
        PartnerScopes.For(partner.Kind),
        partner.IsAuthorisedChannel,
        Utc(partner.ChannelReviewedAt),
        partner.ChannelReviewedBy,
        partner.ChannelNote);

    /// <summary>Times are stored in UTC; SQLite hands them back unmarked.</summary>
    internal static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);

    internal static DateTime? Utc(DateTime? value) => value is { } v ? Utc(v) : null;
}

/// <summary>A page of partners and the cursor of the next page (null on the last).</summary>
public sealed record PartnerPage(IReadOnlyList<PartnerResponse> Items, string? NextCursor);

/// <summary>
/// An OAuth client of a partner. Never carries a secret: a secret is shown once, in the answer that created it
/// (<see cref="ClientSecretResponse"/>).
/// </summary>
/// <param name="ClientId">The client_id to send to /connect/token.</param>
/// <param name="SecretRotatedAt">When its secret was last replaced (null: never).</param>
/// <param name="PreviousSecretExpiresAt">Until when a replaced secret is still accepted (null: none is).</param>
/// <param name="Scopes">The scopes it may request.</param>
public sealed record PartnerClientResponse(
    string ClientId,
    long PartnerId,
    ClientStatus Status,
    DateTime CreatedAt,
    DateTime? RevokedAt,
    DateTime? SecretRotatedAt,
    DateTime? PreviousSecretExpiresAt,
    IReadOnlyList<string> Scopes)
{
    public static PartnerClientResponse From(PartnerClient client, PartnerKind kind, DateTime now)
    {
        DateTime? previous = client.Status == ClientStatus.Active && client.RetiredSecrets.Count > 0
            ? client.RetiredSecrets.Max(s => s.ExpiresAt)
            : null;
        return new(
            client.ClientId,
            client.PartnerId,
            client.Status,
            PartnerResponse.Utc(client.CreatedAt),
            PartnerResponse.Utc(client.RevokedAt),
            PartnerResponse.Utc(client.SecretRotatedAt),
            previous > now ? PartnerResponse.Utc(previous) : null,
            PartnerScopes.For(kind));
    }
}

/// <summary>The clients of one partner.</summary>
public sealed record PartnerClientList(IReadOnlyList<PartnerClientResponse> Items);

/// <summary>
/// A client and its new secret: the one time the secret is shown. Only its hash is stored; it cannot be read again,
/// only replaced (rotate).
/// </summary>
public sealed record ClientSecretResponse(PartnerClientResponse Client, string ClientSecret);
