using GraphQL.Types;
using OneWindow.Api.Auth;
using OneWindow.Api.GraphQL.Schema;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Materials;

namespace OneWindow.Api.Features.Configuration;

public sealed class BusinessTypeType : EnumerationGraphType<BusinessType>
{
    public BusinessTypeType()
    {
        Name = "BusinessType";
        Description = "A registration type (登记类型) the registry accepts; businessTypes describes each.";
    }
}

public sealed class ApplicantRoleType : EnumerationGraphType<ApplicantRole>
{
    public ApplicantRoleType()
    {
        Name = "ApplicantRole";
        Description = "The part a party plays in an application: MORTGAGOR (抵押人), MORTGAGEE (抵押权人), OWNER, TRANSFEROR, TRANSFEREE, COURT, INTERESTED_PARTY.";
    }
}

public sealed class MaterialRequirementLevelType : EnumerationGraphType<ResolvedRequirement>
{
    public MaterialRequirementLevelType()
    {
        Name = "MaterialRequirementLevel";
        Description = "Whether a material must be submitted in the given circumstances.";
    }
}

public sealed class MaterialRequirementReasonType : EnumerationGraphType<RequirementReason>
{
    public MaterialRequirementReasonType()
    {
        Name = "MaterialRequirementReason";
        Description = "Why a material is required, optional or not applicable; `circumstances` names the circumstances involved.";
    }
}

public sealed class MaterialRequirementType : ObjectGraphType<MaterialRequirementResponse>
{
    public MaterialRequirementType()
    {
        Name = "MaterialRequirement";
        Description = "One line of a materials checklist (资料清单), in the caller's language.";
        this.RequireScope(Scopes.ApplicationsRead);
        Field(m => m.Code).Description("The material's stable code, which uploads are tagged with (e.g. TITLE_CERTIFICATE).");
        Field(m => m.Name).Description("Chinese by default, English with Accept-Language: en.");
        Field(m => m.Note, nullable: true).Description("What it means for this business type, where the name is not precise enough.");
        Field(m => m.Requirement, type: typeof(NonNullGraphType<MaterialRequirementLevelType>));
        Field(m => m.Reason, type: typeof(NonNullGraphType<MaterialRequirementReasonType>));
        Field(m => m.Circumstances, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>))
            .Description("The circumstance codes the reason refers to (empty for the ALWAYS_ reasons).");
    }
}

public sealed class CircumstanceType : ObjectGraphType<CircumstanceResponse>
{
    public CircumstanceType()
    {
        Name = "Circumstance";
        Description = "A circumstance (申请情形) an applicant may declare: pass its code in `circumstances`.";
        this.RequireScope(Scopes.ApplicationsRead);
        Field(c => c.Code);
        Field(c => c.Name).Description("In the caller's language.");
    }
}

public sealed class CircumstanceChoiceType : ObjectGraphType<CircumstanceChoiceResponse>
{
    public CircumstanceChoiceType()
    {
        Name = "CircumstanceChoice";
        Description = "Exclusive circumstances of which an application names exactly one (e.g. who applies for a cancellation).";
        this.RequireScope(Scopes.ApplicationsRead);
        Field(c => c.Code);
        Field(c => c.Name).Description("What is being chosen, in the caller's language.");
        Field(c => c.Options, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<CircumstanceType>>>));
    }
}

public sealed class ApplicantOptionType : ObjectGraphType<ApplicantOptionResponse>
{
    public ApplicantOptionType()
    {
        Name = "ApplicantOption";
        Description = "One admissible set of applicants: all the roles apply together.";
        this.RequireScope(Scopes.ApplicationsRead);
        Field(o => o.Circumstance, nullable: true).Description("The circumstance that selects this set; null when the type has one set that always applies.");
        Field(o => o.Roles, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<ApplicantRoleType>>>));
    }
}

public sealed class BusinessTypeInfoType : ObjectGraphType<BusinessTypeResponse>
{
    public BusinessTypeInfoType()
    {
        Name = "BusinessTypeInfo";
        Description = "What a portal needs to build the form of a business type.";
        this.RequireScope(Scopes.ApplicationsRead);
        Field(b => b.BusinessType, type: typeof(NonNullGraphType<BusinessTypeType>));
        Field(b => b.ChineseName);
        Field(b => b.EnglishName);
        Field(b => b.TimeLimitWorkingDays).Description("The time limit (办理时限) in working days from acceptance; 0 for immediate types.");
        Field(b => b.Immediate).Description("Handled the same working day (即办): entered by the platform at once only where no one else's right is taken without their say (a bank cancelling its own mortgage alone, a court's seizure or its own release); otherwise deemed accepted and entered by a registrar.");
        Field(b => b.SubmitScope).Description("The OAuth scope needed to submit it.");
        Field(b => b.ApplicantOptions, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<ApplicantOptionType>>>));
        Field(b => b.Circumstances, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<CircumstanceType>>>))
            .Description("Independent circumstances that may hold.");
        Field(b => b.Choices, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<CircumstanceChoiceType>>>))
            .Description("Groups of exclusive circumstances: an application names one option of each.");
    }
}

public sealed class ConfigurationDocumentType : ObjectGraphType<ConfigurationDocumentResponse>
{
    public ConfigurationDocumentType()
    {
        Name = "ConfigurationDocument";
        Description = "A document the platform operator edits without a release (the materials catalogue, the holiday calendar). Operators only.";
        this.RequireScope(Scopes.PlatformAdmin);
        Field(d => d.Name).Description("materials-catalogue or holiday-calendar.");
        Field(d => d.Content).Description("The JSON document as saved; the shipped one until the first save.");
        Field(d => d.Version).Description("Bumped by each save; 0 for the shipped default. A replacement names the version it was edited from.");
        Field(d => d.UpdatedAt, nullable: true).Description("When it was saved (UTC); null for the shipped default.");
        Field(d => d.UpdatedBy, nullable: true).Description("Who saved it; null for the shipped default.");
    }
}

public sealed record UpdateConfigurationDocumentPayload(ConfigurationDocumentResponse? Document, int? RecomputedDeadlines, IReadOnlyList<UserError> Errors);

public sealed class UpdateMaterialsCataloguePayloadType : ObjectGraphType<UpdateConfigurationDocumentPayload>
{
    public UpdateMaterialsCataloguePayloadType()
    {
        Name = "UpdateMaterialsCataloguePayload";
        this.RequireScope(Scopes.PlatformAdmin);
        Field(p => p.Document, type: typeof(ConfigurationDocumentType)).Description("The saved catalogue; null when errors.");
        Field(p => p.Errors, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>));
    }
}

public sealed class UpdateHolidayCalendarPayloadType : ObjectGraphType<UpdateConfigurationDocumentPayload>
{
    public UpdateHolidayCalendarPayloadType()
    {
        Name = "UpdateHolidayCalendarPayload";
        this.RequireScope(Scopes.PlatformAdmin);
        Field(p => p.Document, type: typeof(ConfigurationDocumentType)).Description("The saved calendar; null when errors.");
        Field(p => p.RecomputedDeadlines, nullable: true)
            .Description("How many provisional deadlines of applications in progress were recomputed on the new calendar; null when errors.");
        Field(p => p.Errors, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>));
    }
}

public sealed class UpdateMaterialsCatalogueInputType : InputObjectGraphType
{
    public UpdateMaterialsCatalogueInputType()
    {
        Name = "UpdateMaterialsCatalogueInput";
        Field<NonNullGraphType<StringGraphType>>("content").Description("The whole new catalogue, as JSON text (format: materials.json).");
        Field<NonNullGraphType<IntGraphType>>("version").Description("The version it was edited from (0: the shipped default).");
    }
}

public sealed class UpdateHolidayCalendarInputType : InputObjectGraphType
{
    public UpdateHolidayCalendarInputType()
    {
        Name = "UpdateHolidayCalendarInput";
        Field<NonNullGraphType<StringGraphType>>("content").Description("The whole new calendar, as JSON text (format: holidays.json), every announced year in it.");
        Field<NonNullGraphType<IntGraphType>>("version").Description("The version it was edited from (0: the shipped default).");
        Field<ListGraphType<NonNullGraphType<IntGraphType>>>("removeYears").Description("Announced years the new calendar leaves out on purpose.");
    }
}
