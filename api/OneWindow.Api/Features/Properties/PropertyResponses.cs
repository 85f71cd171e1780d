using OneWindow.Api.Data.Entities;
using OneWindow.Api.GraphQL.Schema;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Privacy;
using OneWindow.Domain.Restrictions;
using OneWindow.Domain.Identifiers;

namespace OneWindow.Api.Features.Properties;

/// <summary>A unit as a partner sees it, on REST and GraphQL alike. Personal data is masked unless revealed.</summary>
public sealed record PropertyResponse(
    string Id,
    string UnitCode,
    string Location,
    decimal Area,
    decimal? InteriorArea,
    string Use,
    UnitKind Kind,
    int? Floor,
    string? RoomNumber,
    ParcelResponse Parcel,
    BuildingResponse? Building,
    IReadOnlyList<RightResponse> Rights,
    IReadOnlyList<RestrictionResponse> Restrictions)
{
    /// <summary>The unit's internal id: for loaders, never serialized.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    internal long UnitId { get; init; }
}

public sealed record ParcelResponse(string ParcelCode, string Location, decimal LandArea, string LandUse, string LandRightNature, DateOnly? LandTermEnd);

public sealed record BuildingResponse(string BuildingNumber, string Name, int Floors, BuildingStage Stage);

public sealed record RightResponse(
    string Id,
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
    IReadOnlyList<PartyResponse> Holders,
    TransferAgreement? TransferAgreement);

/// <summary>
/// A holder or obligor of a right. <see cref="Masked"/> says whether name and ID number are masked; a passport's
/// <see cref="Nationality"/> (the issuing state, not the person) is shown either way, so that a masked number can be read.
/// </summary>
public sealed record PartyResponse(
    string Name, PartyKind Kind, IdentityDocumentType IdType, string IdNumber, HolderRole Role, decimal? SharePercent, bool Masked, string? Nationality = null);

/// <summary>
/// A restriction. A person named in its authority or notes (an advance notice's buyers, an objector) is masked unless
/// the caller may see them; masked says whether anything was.
/// </summary>
public sealed record RestrictionResponse(
    string Id,
    RestrictionKind Kind,
    string Authority,
    string? DocumentNumber,
    DateOnly StartsOn,
    DateOnly? EndsOn,
    bool InForce,
    string? Notes,
    DateTime RegisteredAt,
    bool Masked);

public static class PropertyResponses
{
    /// <summary>The response for a view as <paramref name="masking"/> says this caller sees its personal data.</summary>
    public static PropertyResponse From(PropertyView view, PropertyDisclosure.UnitMasking masking, DateOnly today) => new(
        GlobalId.Encode(GlobalId.Property, view.UnitCode),
        view.UnitCode,
        view.Location,
        view.Area,
        view.InteriorArea,
        view.Use,
        view.Kind,
        view.Floor,
        view.RoomNumber,
        new ParcelResponse(view.Parcel.ParcelCode, view.Parcel.Location, view.Parcel.LandArea, view.Parcel.LandUse, view.Parcel.LandRightNature, view.Parcel.LandTermEnd),
        view.Building is { } b ? new BuildingResponse(b.BuildingNumber, b.Name, b.Floors, b.Stage) : null,
        [.. view.Rights.Select(r => From(r, masking))],
        [.. view.Restrictions.Select(r => From(r, masking, today))])
    {
        UnitId = view.Id,
    };

    public static RightResponse From(RightView right, PropertyDisclosure.UnitMasking masking) => new(
        GlobalId.Encode(GlobalId.Right, right.Id),
        right.Kind,
        right.MortgageKind,
        right.CoOwnership,
        right.CertificateNumber,
        right.SecuredAmountFen,
        right.TermStart,
        right.TermEnd,
        right.Nature,
        masking.RightNotes(right.Notes),
        right.RegisteredAt,
        [.. right.Holders.Select(h => From(h, masking.RevealHolders))],
        right.Kind == RightKind.Mortgage ? right.TransferAgreement : null);

    /// <summary>
    /// Organisations (banks, developers, companies) are public in the register; a person's name and ID number are
    /// personal data and masked (张*, 4412**********1234) unless revealed.
    /// </summary>
    public static PartyResponse From(HolderView holder, bool reveal)
    {
        var mask = !reveal && holder.PartyKind == PartyKind.Person;
        return new PartyResponse(
            mask ? PersonalDataMasking.MaskName(holder.Name) : holder.Name,
            holder.PartyKind,
            holder.IdType,
            mask ? PersonalDataMasking.MaskIdNumber(holder.IdNumber) : holder.IdNumber,
            holder.Role,
            holder.SharePercent,
            mask,
            holder.Nationality);
    }

    public static RestrictionResponse From(RestrictionView restriction, PropertyDisclosure.UnitMasking masking, DateOnly today)
    {
        var (authority, notes, masked) = masking.Restriction(restriction);
        return new RestrictionResponse(
            GlobalId.Encode(GlobalId.Restriction, restriction.Id),
            restriction.Kind,
            authority,
            restriction.DocumentNumber,
            restriction.StartsOn,
            restriction.EndsOn,
            RestrictionVerdict.IsInForce(new RestrictionInForce(restriction.Kind, restriction.StartsOn, restriction.EndsOn), today),
            notes,
            restriction.RegisteredAt,
            masked);
    }
}
