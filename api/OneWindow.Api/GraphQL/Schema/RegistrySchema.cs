using GraphQL.Types;
using OneWindow.Api.Features.Applications;
using OneWindow.Api.Features.Audit;
using OneWindow.Api.Features.Configuration;
using OneWindow.Api.Features.Partners;
using OneWindow.Api.Features.Properties;
using OneWindow.Api.Features.Register;

namespace OneWindow.Api.GraphQL.Schema;

/// <summary>The one GraphQL schema. Feature folders contribute their root fields to <see cref="RegistryQuery"/>.</summary>
public sealed class RegistrySchema : global::GraphQL.Types.Schema
{
    public RegistrySchema(IServiceProvider services, RegistryQuery query, RegistryMutation mutation, RegistrySubscription subscription) : base(services)
    {
        Query = query;
        if (mutation.Fields.Count > 0)
        {
            Mutation = mutation;
        }
        Subscription = subscription;
        Description = "OneWindow: 互联网+不动产登记 partner gateway";
    }
}

/// <summary>The Query root: each feature adds its fields in its own folder (Features/&lt;Area&gt;/…Fields).</summary>
public sealed class RegistryQuery : ObjectGraphType
{
    public RegistryQuery()
    {
        Name = "Query";
        Field<NonNullGraphType<StringGraphType>>("apiVersion")
            .Description("The version of the contract this host serves.")
            .RequireScope(ScopeMetadata.Anonymous)
            .Resolve(_ => "v1");
        NodeFields.AddNodeFields(this);
        PropertyFields.AddPropertyFields(this);
        AuditFields.AddAuditFields(this);
        PartnerFields.AddPartnerQueries(this);
        ApplicationFields.AddApplicationQueries(this);
        ConfigurationFields.AddConfigurationQueries(this);
        RegisterFields.AddRegisterQueries(this);
        Features.Certificates.CertificateFields.AddCertificateQueries(this);
        Features.Events.EventFields.AddEventQueries(this);
        Features.Webhooks.WebhookFields.AddWebhookQueries(this);
    }
}

/// <summary>
/// The Mutation root: each feature adds its operations in its own folder. Payloads carry the result and
/// <c>errors: [UserError!]</c> for expected failures (DESIGN.md).
/// </summary>
public sealed class RegistryMutation : ObjectGraphType
{
    public RegistryMutation(Features.Applications.ApplicationKinds kinds)
    {
        Name = "Mutation";
        PartnerFields.AddPartnerMutations(this);
        ApplicationFields.AddApplicationMutations(this, kinds);
        ConfigurationFields.AddConfigurationMutations(this);
        Features.Certificates.CertificateFields.AddCertificateMutations(this);
        Features.Webhooks.WebhookFields.AddWebhookMutations(this);
    }
}

/// <summary>
/// The Subscription root, served over WebSocket only (graphql-transport-ws, GraphQL/WebSockets/): each feature adds its
/// fields in its own folder; each is authorised like the query it follows.
/// </summary>
public sealed class RegistrySubscription : ObjectGraphType
{
    public RegistrySubscription()
    {
        Name = "Subscription";
        ApplicationSubscriptions.AddApplicationSubscriptions(this);
        PropertySubscriptions.AddPropertySubscriptions(this);
    }
}
