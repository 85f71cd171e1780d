using OneWindow.Api.Data.Entities;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Restrictions;
using OneWindow.Domain.Identifiers;

namespace OneWindow.Api.Features.Properties;

/// <summary>
/// A unit as the register holds it now: its natural state, its rights in force with their holders, its restrictions
/// in force. What the cache stores (unmasked: masking is applied per caller when a response is made from it).
/// </summary>
public sealed record PropertyView(
    long Id,
    string UnitCode,
    string Location,
    decimal Area,
    decimal? InteriorArea,
    string Use,
    UnitKind Kind,
    int? Floor,
    string? RoomNumber,
    ParcelView Parcel,
    BuildingView? Building,
    IReadOnlyList<RightView> Rights,
    IReadOnlyList<RestrictionView> Restrictions);

public sealed record ParcelView(string ParcelCode, string Location, decimal LandArea, string LandUse, string LandRightNature, DateOnly? LandTermEnd);

public sealed record BuildingView(string BuildingNumber, string Name, int Floors, BuildingStage Stage);

public sealed record RightView(
    long Id,
    RightKind Kind,
    MortgageKind? MortgageKind,
    CoOwnership CoOwnership,
    string? CertificateNumber,
    long? SecuredAmountFen,
    DateOnly? TermStart,
    DateOnly? TermEnd,
    string? Nature,
    string? Notes,
    DateTime RegisteredAt,
    IReadOnlyList<HolderView> Holders,
    TransferAgreement TransferAgreement = TransferAgreement.None);

public sealed record HolderView(
    long PartyId, PartyKind PartyKind, string Name, IdentityDocumentType IdType, string IdNumber, HolderRole Role, decimal? SharePercent, string? Nationality = null);

/// <summary>
/// A restriction in force. <see cref="PersonNames"/> are the natural persons its authority and notes may name (an
/// advance notice's buyers, an objector, a person mortgagee and the mortgagors): masked in both for a caller not
/// entitled to them. <see cref="PersonIdNumbers"/> are those of them it is in favour of (the beneficiary, a person
/// mortgagee): they see it unmasked.
/// </summary>
public sealed record RestrictionView(
    long Id,
    RestrictionKind Kind,
    string Authority,
    string? DocumentNumber,
    DateOnly StartsOn,
    DateOnly? EndsOn,
    string? Notes,
    DateTime RegisteredAt,
    long? RightId,
    IReadOnlyList<string> PersonNames,
    IReadOnlyList<string> PersonIdNumbers);
