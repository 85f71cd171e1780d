using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using OneWindow.Api.Data.Entities;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Register;
using OneWindow.Domain.Restrictions;

namespace OneWindow.Api.Data.Register;

/// <summary>
/// The canonical JSON of a unit, a right or a restriction as the register recorded it. Entries store it as hashed
/// content, and the verifier compares it with the current rows, so a row changed behind the register's back is found.
/// It covers who holds what: each holder's identity (kind, ID type, SHA-256 of name and ID number — no personal data in
/// clear), role and share; the right's amount, terms and certificate; the unit's attributes.
/// </summary>
public static class RegisterSnapshots
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    private sealed record UnitSnapshot(
        string UnitCode, string Location, string Area, string? InteriorArea, string Use, UnitKind Kind, int? Floor, string? RoomNumber);

    private sealed record HolderSnapshot(long PartyId, PartyIdentity Party, HolderRole Role, string? SharePercent);

    private sealed record RightSnapshot(
        long Id, RightKind Kind, MortgageKind? MortgageKind, RightStatus Status, CoOwnership CoOwnership,
        string? CertificateNumber, long? SecuredAmountFen, DateOnly? TermStart, DateOnly? TermEnd, string? Nature,
        string? Notes, DateTime? EndedAt, IReadOnlyList<HolderSnapshot> Holders,
        // Left out when none (every entry written before art. 406 agreements were recorded), so those hash as they did.
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] TransferAgreement TransferAgreement = TransferAgreement.None);

    private sealed record RestrictionSnapshot(
        long Id, RestrictionKind Kind, RestrictionStatus Status, string Authority, string? DocumentNumber, long? RightId,
        long? BeneficiaryPartyId, PartyIdentity? Beneficiary, DateOnly StartsOn, DateOnly? EndsOn, string? Notes, DateTime? ReleasedAt,
        string? ReleaseDocumentNumber,
        // Recorded only once set, so the entries written before these existed still match.
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateOnly? LawsuitFiledOn = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? LawsuitCaseNumber = null);

    /// <summary>The unit's natural state: what its entry of entering the register records.</summary>
    public static string Of(RealEstateUnit unit) => JsonSerializer.Serialize(
        new UnitSnapshot(unit.UnitCode, unit.Location, Area(unit.Area)!, Area(unit.InteriorArea), unit.Use, unit.Kind, unit.Floor, unit.RoomNumber),
        Json);

    /// <summary>The right with its holders (load them first), each holder's identity from <paramref name="parties"/>.</summary>
    public static string Of(Right right, Func<long, PartyIdentity> parties) => JsonSerializer.Serialize(
        new RightSnapshot(
            right.Id, right.Kind, right.MortgageKind, right.Status, right.CoOwnership, right.CertificateNumber,
            right.SecuredAmountFen, right.TermStart, right.TermEnd, right.Nature, right.Notes, Normalise(right.EndedAt),
            [.. right.Holders.OrderBy(h => h.Position).ThenBy(h => h.PartyId)
                .Select(h => new HolderSnapshot(h.PartyId, parties(h.PartyId), h.Role, Share(h.SharePercent)))],
            right.TransferAgreement),
        Json);

    public static string Of(Restriction restriction, Func<long, PartyIdentity> parties) => JsonSerializer.Serialize(
        new RestrictionSnapshot(
            restriction.Id, restriction.Kind, restriction.Status, restriction.Authority, restriction.DocumentNumber,
            restriction.RightId, restriction.BeneficiaryPartyId, restriction.BeneficiaryPartyId is { } beneficiary ? parties(beneficiary) : null,
            restriction.StartsOn, restriction.EndsOn, restriction.Notes, Normalise(restriction.ReleasedAt), restriction.ReleaseDocumentNumber,
            restriction.LawsuitFiledOn, restriction.LawsuitCaseNumber),
        Json);

    /// <summary>The identity a party's entries record.</summary>
    public static PartyIdentity Identity(Party party) =>
        PartyIdentity.Of(party.Kind.ToString(), party.IdType.ToString(), party.Name, party.IdNumber);

    /// <summary>Shares in one fixed form: the database gives 50.0000 where the generator wrote 50.</summary>
    private static string? Share(decimal? percent) => percent?.ToString("0.0000", CultureInfo.InvariantCulture);

    /// <summary>Areas as stored (two decimals).</summary>
    private static string? Area(decimal? area) => area?.ToString("0.00", CultureInfo.InvariantCulture);

    private static DateTime? Normalise(DateTime? utc) =>
        utc is { } value ? RegisterChain.Normalise(DateTime.SpecifyKind(value, DateTimeKind.Utc)) : null;
}
