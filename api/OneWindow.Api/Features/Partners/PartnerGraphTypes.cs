using GraphQL;
using GraphQL.Types;
using GraphQL.Types.Relay;
using OneWindow.Api.Auth;
using OneWindow.Api.Data;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Features.Audit;
using OneWindow.Api.GraphQL.Schema;

namespace OneWindow.Api.Features.Partners;

public sealed class PartnerKindType : EnumerationGraphType<PartnerKind>
{
    public PartnerKindType()
    {
        Name = "PartnerKind";
        Description = "What kind of organisation a partner is; decides the scopes its clients may hold.";
    }
}

public sealed class PartnerStatusType : EnumerationGraphType<PartnerStatus>
{
    public PartnerStatusType()
    {
        Name = "PartnerStatus";
        Description = "PENDING until an operator approves it; SUSPENDED partners' clients get no token.";
    }
}

public sealed class PartnerClientStatusType : EnumerationGraphType<ClientStatus>
{
    public PartnerClientStatusType()
    {
        Name = "PartnerClientStatus";
        Description = "ACTIVE, or REVOKED for good.";
    }
}

public sealed class PartnerType : ObjectGraphType<PartnerResponse>
{
    public PartnerType()
    {
        Name = "Partner";
        Description = "A partner organisation (bank, developer, agency, court, verifier) as operators see it.";
        this.RequireScope(Scopes.PlatformAdmin);
        Field(p => p.Id, type: typeof(NonNullGraphType<IdGraphType>)).Description("The partner id, as in the REST paths.");
        Field(p => p.Name).Description("Registered name.");
        Field(p => p.CreditCode).Description("Unified social credit code (统一社会信用代码).");
        Field(p => p.Kind, type: typeof(NonNullGraphType<PartnerKindType>));
        Field(p => p.Status, type: typeof(NonNullGraphType<PartnerStatusType>));
        Field(p => p.CreatedAt).Description("When it signed up (UTC).");
        // A person's data: each selection is recorded in the audit log (PartnerContactAudit).
        Field(p => p.ContactName, nullable: true).Resolve(context => Audited(context, context.Source.ContactName, "contactName"));
        Field(p => p.ContactPhone, nullable: true).Resolve(context => Audited(context, context.Source.ContactPhone, "contactPhone"));
        Field(p => p.ContactEmail, nullable: true).Resolve(context => Audited(context, context.Source.ContactEmail, "contactEmail"));
        Field(p => p.ReviewedAt, nullable: true).Description("When an operator last approved or suspended it (UTC).");
        Field(p => p.ReviewedBy, nullable: true).Description("Who did.");
        Field(p => p.ReviewNote, nullable: true).Description("Their note (a suspension's reason).");
        Field(p => p.AuthorisedChannel).Description("Whether an operator approved it as an authorised channel (its in-person checks count as the applicants' confirmation).");
        Field(p => p.ChannelReviewedAt, nullable: true).Description("When an operator last granted or withdrew the channel (UTC).");
        Field(p => p.ChannelReviewedBy, nullable: true).Description("Which operator.");
        Field(p => p.ChannelNote, nullable: true).Description("Why.");
        Field(p => p.Scopes, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>))
            .Description("The scopes its clients may request.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PartnerClientType>>>>("clients")
            .Description("Its OAuth clients, active and revoked, oldest first. Never their secrets.")
            .ResolveAsync(async context =>
            {
                var services = context.RequestServices!;
                var result = await ListPartnerClients.HandleAsync(PartnerIds.Format(context.Source.Id), PartnerFields.CallerOf(context),
                    services.GetRequiredService<RegistryDbContext>(), services.GetRequiredService<TimeProvider>(), context.CancellationToken);
                return PartnerFields.Unwrap(result, context).Items;
            });
    }

    private static string? Audited(IResolveFieldContext<PartnerResponse> context, string? value, string field)
    {
        if (value is not null)
        {
            context.RequestServices!.GetRequiredService<PersonalDataAudit>()
                .Record(PartnerFields.CallerOf(context), PartnerContactAudit.Subject(context.Source.Id), field);
        }
        return value;
    }
}

public sealed class PartnerEdgeType : EdgeType<PartnerType>
{
    public PartnerEdgeType()
    {
        this.RequireScope(Scopes.PlatformAdmin);
    }
}

public sealed class PartnerConnectionType : ConnectionType<PartnerType, PartnerEdgeType>
{
    public PartnerConnectionType()
    {
        this.RequireScope(Scopes.PlatformAdmin);
    }
}

public sealed class PartnerClientType : ObjectGraphType<PartnerClientResponse>
{
    public PartnerClientType()
    {
        Name = "PartnerClient";
        Description = "An OAuth client of a partner (client credentials). Its secret is never shown again after it is issued.";
        this.RequireScope(Scopes.PlatformAdmin);
        Field(c => c.ClientId).Description("The client_id to send to /connect/token.");
        Field(c => c.PartnerId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(c => c.Status, type: typeof(NonNullGraphType<PartnerClientStatusType>));
        Field(c => c.CreatedAt);
        Field(c => c.RevokedAt, nullable: true);
        Field(c => c.SecretRotatedAt, nullable: true).Description("When its secret was last replaced.");
        Field(c => c.PreviousSecretExpiresAt, nullable: true).Description("Until when the replaced secret is still accepted.");
        Field(c => c.Scopes, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>))
            .Description("The scopes it may request.");
    }
}

public sealed record SignUpPartnerPayload(long? PartnerId, PartnerStatus? Status, IReadOnlyList<UserError> Errors);

public sealed class SignUpPartnerPayloadType : ObjectGraphType<SignUpPartnerPayload>
{
    public SignUpPartnerPayloadType()
    {
        Name = "SignUpPartnerPayload";
        this.RequireScope(ScopeMetadata.Anonymous);
        Field(p => p.PartnerId, type: typeof(IdGraphType)).Description("The new partner's id; null when errors.");
        Field(p => p.Status, type: typeof(PartnerStatusType)).Description("PENDING: an operator reviews it.");
        Field(p => p.Errors, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>));
    }
}

public sealed record PartnerPayload(PartnerResponse? Partner, IReadOnlyList<UserError> Errors);

public sealed class ApprovePartnerPayloadType : ObjectGraphType<PartnerPayload>
{
    public ApprovePartnerPayloadType()
    {
        Name = "ApprovePartnerPayload";
        this.RequireScope(Scopes.PlatformAdmin);
        Field(p => p.Partner, type: typeof(PartnerType));
        Field(p => p.Errors, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>));
    }
}

public sealed class SetAuthorisedChannelPayloadType : ObjectGraphType<PartnerPayload>
{
    public SetAuthorisedChannelPayloadType()
    {
        Name = "SetAuthorisedChannelPayload";
        this.RequireScope(Scopes.PlatformAdmin);
        Field(p => p.Partner, type: typeof(PartnerType));
        Field(p => p.Errors, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>));
    }
}

public sealed class SetAuthorisedChannelInputType : InputObjectGraphType
{
    public SetAuthorisedChannelInputType()
    {
        Name = "SetAuthorisedChannelInput";
        Field<NonNullGraphType<IdGraphType>>("partnerId");
        Field<NonNullGraphType<BooleanGraphType>>("authorised").Description("True grants the channel (banks and developers only), false withdraws it.");
        Field<NonNullGraphType<StringGraphType>>("note").Description("Why, at most 1,000 characters.");
    }
}

public sealed class SuspendPartnerPayloadType : ObjectGraphType<PartnerPayload>
{
    public SuspendPartnerPayloadType()
    {
        Name = "SuspendPartnerPayload";
        this.RequireScope(Scopes.PlatformAdmin);
        Field(p => p.Partner, type: typeof(PartnerType));
        Field(p => p.Errors, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>));
    }
}

public sealed record ClientSecretPayload(PartnerClientResponse? Client, string? ClientSecret, IReadOnlyList<UserError> Errors);

public sealed class CreatePartnerClientPayloadType : ObjectGraphType<ClientSecretPayload>
{
    public CreatePartnerClientPayloadType()
    {
        Name = "CreatePartnerClientPayload";
        this.RequireScope(Scopes.PlatformAdmin);
        Field(p => p.Client, type: typeof(PartnerClientType));
        Field(p => p.ClientSecret, nullable: true).Description("The secret: shown this once, never retrievable again.");
        Field(p => p.Errors, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>));
    }
}

public sealed class RotatePartnerClientSecretPayloadType : ObjectGraphType<ClientSecretPayload>
{
    public RotatePartnerClientSecretPayloadType()
    {
        Name = "RotatePartnerClientSecretPayload";
        this.RequireScope(Scopes.PlatformAdmin);
        Field(p => p.Client, type: typeof(PartnerClientType)).Description("previousSecretExpiresAt says until when the old secret still works.");
        Field(p => p.ClientSecret, nullable: true).Description("The new secret: shown this once, never retrievable again.");
        Field(p => p.Errors, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>));
    }
}

public sealed record PartnerClientPayload(PartnerClientResponse? Client, IReadOnlyList<UserError> Errors);

public sealed class RevokePartnerClientPayloadType : ObjectGraphType<PartnerClientPayload>
{
    public RevokePartnerClientPayloadType()
    {
        Name = "RevokePartnerClientPayload";
        this.RequireScope(Scopes.PlatformAdmin);
        Field(p => p.Client, type: typeof(PartnerClientType));
        Field(p => p.Errors, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>));
    }
}

public sealed class SignUpPartnerInputType : InputObjectGraphType
{
    public SignUpPartnerInputType()
    {
        Name = "SignUpPartnerInput";
        Field<NonNullGraphType<StringGraphType>>("name").Description("Registered name, 2 to 200 characters.");
        Field<NonNullGraphType<StringGraphType>>("creditCode").Description("Unified social credit code, 18 characters.");
        Field<NonNullGraphType<PartnerKindType>>("kind");
        Field<NonNullGraphType<StringGraphType>>("contactName");
        Field<NonNullGraphType<StringGraphType>>("contactPhone").Description("A mobile number, or a landline with its area code.");
        Field<NonNullGraphType<StringGraphType>>("contactEmail");
    }
}

public sealed class ApprovePartnerInputType : InputObjectGraphType
{
    public ApprovePartnerInputType()
    {
        Name = "ApprovePartnerInput";
        Field<NonNullGraphType<IdGraphType>>("partnerId");
        Field<StringGraphType>("note").Description("Optional, at most 1,000 characters.");
    }
}

public sealed class SuspendPartnerInputType : InputObjectGraphType
{
    public SuspendPartnerInputType()
    {
        Name = "SuspendPartnerInput";
        Field<NonNullGraphType<IdGraphType>>("partnerId");
        Field<NonNullGraphType<StringGraphType>>("note").Description("The reason, at most 1,000 characters.");
    }
}

public sealed class CreatePartnerClientInputType : InputObjectGraphType
{
    public CreatePartnerClientInputType()
    {
        Name = "CreatePartnerClientInput";
        Field<NonNullGraphType<IdGraphType>>("partnerId").Description("An approved partner.");
    }
}

public sealed class RotatePartnerClientSecretInputType : InputObjectGraphType
{
    public RotatePartnerClientSecretInputType()
    {
        Name = "RotatePartnerClientSecretInput";
        Field<NonNullGraphType<StringGraphType>>("clientId");
    }
}

public sealed class RevokePartnerClientInputType : InputObjectGraphType
{
    public RevokePartnerClientInputType()
    {
        Name = "RevokePartnerClientInput";
        Field<NonNullGraphType<StringGraphType>>("clientId");
    }
}
