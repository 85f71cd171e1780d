using OneWindow.Domain.Applications;
using OneWindow.Domain.Identifiers;
using OneWindow.Domain.Restrictions;

namespace OneWindow.Api.Data.Entities;

/// <summary>A parcel (宗地): the first 19 characters of every unit code on it.</summary>
public sealed class Parcel
{
    public long Id { get; set; }
    public required string ParcelCode { get; set; }
    public required string Division { get; set; }
    public required string Location { get; set; }
    public decimal LandArea { get; set; }
    public required string LandUse { get; set; }
    /// <summary>出让 (granted) or 划拨 (allocated).</summary>
    public required string LandRightNature { get; set; }
    public DateOnly? LandTermEnd { get; set; }
    public List<Building> Buildings { get; set; } = [];
}

/// <summary>A building (幢) on a parcel.</summary>
public sealed class Building
{
    public long Id { get; set; }
    public long ParcelId { get; set; }
    public Parcel? Parcel { get; set; }
    /// <summary>The 4-digit building number inside the fixture code.</summary>
    public required string BuildingNumber { get; set; }
    public required string Name { get; set; }
    public int Floors { get; set; }
    public BuildingStage Stage { get; set; }
}

public enum BuildingStage { Completed, UnderConstruction }

/// <summary>A real estate unit (不动产单元): its natural state. Rights and restrictions hang off it.</summary>
public sealed class RealEstateUnit
{
    public long Id { get; set; }
    public required string UnitCode { get; set; }
    public long ParcelId { get; set; }
    public Parcel? Parcel { get; set; }
    public long? BuildingId { get; set; }
    public Building? Building { get; set; }
    /// <summary>坐落.</summary>
    public required string Location { get; set; }
    public int? Floor { get; set; }
    public string? RoomNumber { get; set; }
    /// <summary>Floor area (建筑面积) for houses, land area for land-only units, in m².</summary>
    public decimal Area { get; set; }
    /// <summary>套内建筑面积, houses only.</summary>
    public decimal? InteriorArea { get; set; }
    /// <summary>Planned use (规划用途), e.g. 住宅, 商业, 办公.</summary>
    public required string Use { get; set; }
    public UnitKind Kind { get; set; }
    /// <summary>Hash of the newest register entry of this unit: the anchor that makes a deleted last entry detectable.</summary>
    public string? RegisterHead { get; set; }
    public int RegisterEntryCount { get; set; }
    public List<Right> Rights { get; set; } = [];
    public List<Restriction> Restrictions { get; set; } = [];
}

public enum UnitKind { House, Land, Other }

public enum PartyKind { Person, Organisation }

/// <summary>A person or an organisation that holds rights or applies.</summary>
public sealed class Party
{
    public long Id { get; set; }
    public PartyKind Kind { get; set; }
    public required string Name { get; set; }
    public IdentityDocumentType IdType { get; set; }
    /// <summary>A passport's issuing state (ISO 3166-1 alpha-3): a passport number is one state's; null for every other document.</summary>
    public string? Nationality { get; set; }
    public required string IdNumber { get; set; }
    public string? Phone { get; set; }
}

public enum RightKind
{
    /// <summary>国有建设用地使用权 alone (land without a registered house).</summary>
    LandUse,
    /// <summary>国有建设用地使用权/房屋所有权 (land and house registered together).</summary>
    LandUseAndHouseOwnership,
    /// <summary>抵押权.</summary>
    Mortgage,
}

public enum RightStatus { Active, Ended }

public enum CoOwnership { Sole, Joint, InShares }

/// <summary>A registered right on a unit: ownership/use or mortgage.</summary>
public sealed class Right
{
    public long Id { get; set; }
    public long UnitId { get; set; }
    public RealEstateUnit? Unit { get; set; }
    public RightKind Kind { get; set; }
    public MortgageKind? MortgageKind { get; set; }
    /// <summary>A mortgage's registered agreement forbidding or limiting transfer (Civil Code art. 406).</summary>
    public TransferAgreement TransferAgreement { get; set; }
    public RightStatus Status { get; set; }
    public CoOwnership CoOwnership { get; set; }
    /// <summary>Certificate of title for ownership, certificate of registration for a mortgage.</summary>
    public string? CertificateNumber { get; set; }
    /// <summary>Secured amount in fen (general mortgages) or the ceiling (maximum-amount mortgages).</summary>
    public long? SecuredAmountFen { get; set; }
    /// <summary>Land use term or debt performance term.</summary>
    public DateOnly? TermStart { get; set; }
    public DateOnly? TermEnd { get; set; }
    /// <summary>权利性质, e.g. 出让/市场化商品房.</summary>
    public string? Nature { get; set; }
    /// <summary>附记.</summary>
    public string? Notes { get; set; }
    public string? BusinessNumber { get; set; }
    public DateTime RegisteredAt { get; set; }
    public DateTime? EndedAt { get; set; }
    public List<RightHolder> Holders { get; set; } = [];
}

public enum HolderRole
{
    /// <summary>权利人: owner, or the mortgagee of a mortgage.</summary>
    Holder,
    /// <summary>义务人: the mortgagor of a mortgage.</summary>
    Obligor,
}

public sealed class RightHolder
{
    public long Id { get; set; }
    public long RightId { get; set; }
    public Right? Right { get; set; }
    public long PartyId { get; set; }
    public Party? Party { get; set; }
    public HolderRole Role { get; set; }
    /// <summary>Share in percent for 按份共有; null otherwise.</summary>
    public decimal? SharePercent { get; set; }
    public int Position { get; set; }
}

public enum RestrictionStatus { Active, Released }

/// <summary>A restriction on disposal: seizure, mortgage, objection or advance notice.</summary>
public sealed class Restriction
{
    public long Id { get; set; }
    public long UnitId { get; set; }
    public RealEstateUnit? Unit { get; set; }
    public RestrictionKind Kind { get; set; }
    public RestrictionStatus Status { get; set; }
    /// <summary>The court, the mortgagee, the objector or the advance-notice holder.</summary>
    public required string Authority { get; set; }
    /// <summary>Ruling or notice number (文号), or the certificate of registration for mortgages.</summary>
    public string? DocumentNumber { get; set; }
    /// <summary>The mortgage right this restriction mirrors.</summary>
    public long? RightId { get; set; }
    public Right? Right { get; set; }
    public long? BeneficiaryPartyId { get; set; }
    public Party? BeneficiaryParty { get; set; }
    public DateOnly StartsOn { get; set; }
    public DateOnly? EndsOn { get; set; }
    public string? Notes { get; set; }
    public string? BusinessNumber { get; set; }
    public DateTime RegisteredAt { get; set; }
    public DateTime? ReleasedAt { get; set; }
    public string? ReleaseDocumentNumber { get; set; }
    /// <summary>An objection's lawsuit: the day the court accepted it (实施细则 art. 83); the objection then does not lapse.</summary>
    public DateOnly? LawsuitFiledOn { get; set; }
    /// <summary>The lawsuit's case number (案号).</summary>
    public string? LawsuitCaseNumber { get; set; }
}

public enum RegisterEntryKind
{
    /// <summary>The unit enters the register: its attributes (坐落, areas, use, kind, floor, room) as recorded.</summary>
    UnitEntered,
    RightRegistered,
    RightEnded,
    RestrictionRegistered,
    RestrictionReleased,
    /// <summary>A restriction in force changed without ending (an objection's lawsuit recorded): its new state.</summary>
    RestrictionAmended,
    /// <summary>A right in force changed without ending (a mortgage's obligor following the new owner): its new state.</summary>
    RightAmended,
    /// <summary>The unit's attributes changed or were corrected (变更登记, 更正登记): its new natural state; the earlier entries keep the old.</summary>
    UnitChanged,
}

/// <summary>
/// One entry of a unit's register (登记簿). Append-only: each entry carries the SHA-256 hash of the unit's
/// previous entry and its own, so an altered or deleted row breaks the chain (see RegisterChain).
/// </summary>
public sealed class RegisterEntry
{
    public long Id { get; set; }
    public long UnitId { get; set; }
    public int Sequence { get; set; }
    public RegisterEntryKind Kind { get; set; }
    public string? BusinessNumber { get; set; }
    public long? RightId { get; set; }
    public long? RestrictionId { get; set; }
    /// <summary>Canonical JSON of what changed; part of the hashed content.</summary>
    public required string Content { get; set; }
    public DateTime RecordedAt { get; set; }
    public required string PreviousHash { get; set; }
    public required string Hash { get; set; }
}
