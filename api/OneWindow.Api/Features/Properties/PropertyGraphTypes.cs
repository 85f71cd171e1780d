using GraphQL;
using GraphQL.Types;
using OneWindow.Api.Auth;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.GraphQL.Schema;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Restrictions;
using OneWindow.Domain.Identifiers;

namespace OneWindow.Api.Features.Properties;

public sealed class PropertyType : ObjectGraphType<PropertyResponse>
{
    public PropertyType()
    {
        Name = "Property";
        Description = "A real estate unit (不动产单元): its natural state, its rights in force and its restrictions.";
        this.RequireScope(Scopes.PropertiesRead);
        Interface<NodeInterface>();
        IsTypeOf = o => o is PropertyResponse;
        Field(p => p.Id, type: typeof(NonNullGraphType<IdGraphType>)).Description("Global id (node).");
        Field(p => p.UnitCode).Description("不动产单元代码, 28 characters (GB/T 37346).");
        Field(p => p.Location).Description("坐落.");
        Field(p => p.Area).Description("Floor area (建筑面积) for houses, land area for land units, m².");
        Field(p => p.InteriorArea, nullable: true).Description("套内建筑面积, m².");
        Field(p => p.Use).Description("Planned use (规划用途), e.g. 住宅, 商业.");
        Field(p => p.Kind, type: typeof(NonNullGraphType<EnumerationGraphType<UnitKind>>));
        Field(p => p.Floor, nullable: true);
        Field(p => p.RoomNumber, nullable: true);
        Field(p => p.Parcel, type: typeof(NonNullGraphType<ParcelType>));
        Field(p => p.Building, type: typeof(BuildingType));
        Field(p => p.Rights, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<RightType>>>)).Description("Rights in force.");
        Field(p => p.Restrictions, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<RestrictionType>>>)).Description("Restrictions registered and not released.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RegisterEntryType>>>>("registerHistory")
            .Description("The unit's register (登记簿) entries, newest first, each hash-chained to the one before.")
            .Argument<IntGraphType>("last", "How many of the newest entries (default 20, at most 100).")
            .Resolve(context => context.RequestServices!.GetRequiredService<RegisterHistoryLoader>()
                .Load(new RegisterHistoryLoader.Key(context.Source.UnitId, Math.Clamp(context.GetArgument("last", 20), 1, 100))));
    }
}

public sealed class ParcelType : ObjectGraphType<ParcelResponse>
{
    public ParcelType()
    {
        Name = "Parcel";
        Description = "The parcel (宗地) a unit stands on.";
        this.RequireScope(Scopes.PropertiesRead);
        Field(p => p.ParcelCode).Description("The first 19 characters of its units' codes.");
        Field(p => p.Location);
        Field(p => p.LandArea);
        Field(p => p.LandUse);
        Field(p => p.LandRightNature).Description("出让 or 划拨.");
        Field(p => p.LandTermEnd, nullable: true);
    }
}

public sealed class BuildingType : ObjectGraphType<BuildingResponse>
{
    public BuildingType()
    {
        Name = "Building";
        Description = "A building (幢).";
        this.RequireScope(Scopes.PropertiesRead);
        Field(b => b.BuildingNumber);
        Field(b => b.Name);
        Field(b => b.Floors);
        Field(b => b.Stage, type: typeof(NonNullGraphType<EnumerationGraphType<BuildingStage>>));
    }
}

public sealed class RightType : ObjectGraphType<RightResponse>
{
    public RightType()
    {
        Name = "Right";
        Description = "A registered right: land use and house ownership, or a mortgage.";
        this.RequireScope(Scopes.PropertiesRead);
        Interface<NodeInterface>();
        IsTypeOf = o => o is RightResponse;
        Field(r => r.Id, type: typeof(NonNullGraphType<IdGraphType>));
        Field(r => r.Kind, type: typeof(NonNullGraphType<EnumerationGraphType<RightKind>>));
        Field(r => r.MortgageKind, type: typeof(EnumerationGraphType<MortgageKind>));
        Field(r => r.TransferAgreement, type: typeof(EnumerationGraphType<TransferAgreement>))
            .Description("A mortgage's registered agreement forbidding or limiting transfer (Civil Code art. 406): with one, the mortgagee must join a transfer. Null for rights that are not mortgages.");
        Field(r => r.CoOwnership, type: typeof(NonNullGraphType<EnumerationGraphType<CoOwnership>>));
        Field(r => r.CertificateNumber, nullable: true).Description("Certificate of title, or of registration for a mortgage.");
        Field(r => r.SecuredAmountFen, nullable: true).Description("Secured amount (or ceiling of a maximum-amount mortgage), in fen.");
        Field(r => r.TermStart, nullable: true);
        Field(r => r.TermEnd, nullable: true);
        Field(r => r.Nature, nullable: true).Description("权利性质.");
        Field(r => r.Notes, nullable: true).Description("附记.");
        Field(r => r.RegisteredAt);
        Field(r => r.Holders, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<PartyType>>>))
            .Description("Holders (权利人) and, for a mortgage, the mortgagors (义务人).");
    }
}

public sealed class PartyType : ObjectGraphType<PartyResponse>
{
    public PartyType()
    {
        Name = "Party";
        Description = "A holder or obligor. A person's name and ID number are masked (张*, 4412**********1234) unless the caller may see them.";
        this.RequireScope(Scopes.PropertiesRead);
        Field(p => p.Name);
        Field(p => p.Kind, type: typeof(NonNullGraphType<EnumerationGraphType<PartyKind>>));
        Field(p => p.IdType, type: typeof(NonNullGraphType<EnumerationGraphType<IdentityDocumentType>>));
        Field(p => p.IdNumber);
        Field(p => p.Nationality, nullable: true).Description("A passport's issuing state (ISO 3166-1 alpha-3), shown also when the number is masked; null for other documents.");
        Field(p => p.Role, type: typeof(NonNullGraphType<EnumerationGraphType<HolderRole>>));
        Field(p => p.SharePercent, nullable: true).Description("Share for 按份共有, in percent.");
        Field(p => p.Masked).Description("Whether name and ID number are masked for this caller.");
    }
}

public sealed class RestrictionType : ObjectGraphType<RestrictionResponse>
{
    public RestrictionType()
    {
        Name = "Restriction";
        Description = "A seizure, mortgage, objection or advance notice registered on a unit. A person named in its authority or notes is masked (张*, 4412**********1234) unless the caller may see them.";
        this.RequireScope(Scopes.RestrictionsRead);
        Interface<NodeInterface>();
        IsTypeOf = o => o is RestrictionResponse;
        Field(r => r.Id, type: typeof(NonNullGraphType<IdGraphType>));
        Field(r => r.Kind, type: typeof(NonNullGraphType<EnumerationGraphType<RestrictionKind>>));
        Field(r => r.Authority).Description("The court, mortgagee, objector or advance-notice holders (、-separated).");
        Field(r => r.DocumentNumber, nullable: true).Description("Ruling or notice number (文号), or the certificate of registration.");
        Field(r => r.StartsOn);
        Field(r => r.EndsOn, nullable: true);
        Field(r => r.InForce).Description("False once a seizure or objection has passed its end date.");
        Field(r => r.Notes, nullable: true);
        Field(r => r.RegisteredAt);
        Field(r => r.Masked).Description("Whether a person's name or ID number in authority or notes is masked for this caller.");
    }
}

public sealed class RestrictionStatusType : ObjectGraphType<RestrictionStatusResponse>
{
    public RestrictionStatusType()
    {
        Name = "RestrictionStatus";
        Description = "The one-look verdict on a unit's restrictions.";
        this.RequireScope(Scopes.RestrictionsRead);
        Field(s => s.UnitCode);
        Field(s => s.IsSeized);
        Field(s => s.IsMortgaged);
        Field(s => s.HasObjection);
        Field(s => s.HasAdvanceNotice);
        Field(s => s.CanTransfer);
        Field(s => s.CanMortgage);
        Field(s => s.Reasons, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<RestrictionReasonType>>>));
        Field(s => s.Restrictions, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<RestrictionType>>>));
        Field(s => s.AsOf).Description("The day (China time) the verdict is for.");
    }
}

public sealed class RestrictionReasonType : ObjectGraphType<RestrictionReasonResponse>
{
    public RestrictionReasonType()
    {
        Name = "RestrictionReason";
        this.RequireScope(Scopes.RestrictionsRead);
        Field(r => r.Code).Description("SEIZED, MORTGAGED, OBJECTION_REGISTERED, ADVANCE_NOTICE_REGISTERED or NO_REGISTERED_OWNERSHIP.");
        Field(r => r.BlocksTransfer);
        Field(r => r.BlocksMortgage);
        Field(r => r.Message);
    }
}
