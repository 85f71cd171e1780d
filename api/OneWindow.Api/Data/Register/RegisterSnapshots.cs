using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using OneWindow.Api.Data.Entities;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Restrictions;

namespace OneWindow.Api.Data.Register;

/// <summary>
/// The canonical JSON of a right or restriction as the register recorded it. Entries store it as hashed content, and
/// the verifier compares it with the current row, so a row changed behind the register's back is found.
/// </summary>
public static class RegisterSnapshots
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    private sealed record HolderSnapshot(long PartyId, HolderRole Role, string? SharePercent);

    private sealed record RightSnapshot(
        long Id, RightKind Kind, MortgageKind? MortgageKind, RightStatus Status, CoOwnership CoOwnership,
        string? CertificateNumber, long? SecuredAmountFen, DateOnly? TermStart, DateOnly? TermEnd, string? Nature,
        string? Notes, DateTime? EndedAt, IReadOnlyList<HolderSnapshot> Holders);

    private sealed record RestrictionSnapshot(
        long Id, RestrictionKind Kind, RestrictionStatus Status, string Authority, string? DocumentNumber, long? RightId,
        long? BeneficiaryPartyId, DateOnly StartsOn, DateOnly? EndsOn, string? Notes, DateTime? ReleasedAt,
        string? ReleaseDocumentNumber);

    /// <summary>The right with its holders (load them first).</summary>
    public static string Of(Right right) => JsonSerializer.Serialize(
        new RightSnapshot(
            right.Id, right.Kind, right.MortgageKind, right.Status, right.CoOwnership, right.CertificateNumber,
            right.SecuredAmountFen, right.TermStart, right.TermEnd, right.Nature, right.Notes, Normalise(right.EndedAt),
            [.. right.Holders.OrderBy(h => h.Position).ThenBy(h => h.PartyId).Select(h => new HolderSnapshot(h.PartyId, h.Role, Share(h.SharePercent)))]),
        Json);

    public static string Of(Restriction restriction) => JsonSerializer.Serialize(
        new RestrictionSnapshot(
            restriction.Id, restriction.Kind, restriction.Status, restriction.Authority, restriction.DocumentNumber,
            restriction.RightId, restriction.BeneficiaryPartyId, restriction.StartsOn, restriction.EndsOn, restriction.Notes,
            Normalise(restriction.ReleasedAt), restriction.ReleaseDocumentNumber),
        Json);

    /// <summary>Shares in one fixed form: the database gives 50.0000 where the generator wrote 50.</summary>
    private static string? Share(decimal? percent) => percent?.ToString("0.0000", CultureInfo.InvariantCulture);

    private static DateTime? Normalise(DateTime? utc) =>
        utc is { } value ? Domain.Register.RegisterChain.Normalise(DateTime.SpecifyKind(value, DateTimeKind.Utc)) : null;
}
