using System.Text.Json;
using System.Text.Json.Serialization;
using OneWindow.Api.Data.Register;
using OneWindow.Api.Events.Live;
using OneWindow.Api.Features.Applications;
using OneWindow.Api.Features.Audit;
using OneWindow.Api.Features.Certificates;
using OneWindow.Api.Features.Materials;
using OneWindow.Api.Features.Configuration;
using OneWindow.Api.Features.Events;
using OneWindow.Api.Features.Partners;
using OneWindow.Api.Features.Properties;
using OneWindow.Api.Features.Register;
using OneWindow.Api.Features.Webhooks;
using OneWindow.Api.GraphQL.Schema;

namespace OneWindow.Api.Features;

/// <summary>The feature folders' services and REST routes, wired in one place.</summary>
public static class RegistryFeatures
{
    public static WebApplicationBuilder AddRegistryFeatures(this WebApplicationBuilder builder)
    {
        // Enums travel as UPPER_SNAKE names on REST, as they do in GraphQL.
        builder.Services.ConfigureHttpJsonOptions(options => ConfigureJson(options.SerializerOptions));
        builder.Services.Configure<Microsoft.AspNetCore.Mvc.JsonOptions>(options => ConfigureJson(options.JsonSerializerOptions));
        builder.Services.AddSingleton(TimeProvider.System);

        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<PersonalDataAudit>();
        builder.Services.AddScoped<AuditQueries>();
        builder.Services.AddScoped<RegisterWriter>();
        // Singletons: a cached read makes no object of its own for them, and the store takes a database context only on a miss.
        builder.Services.AddSingleton<PropertyViewStore>();
        builder.Services.AddScoped<PropertyDisclosure>();
        builder.Services.AddScoped<PersonalDataDisclosure>();
        builder.Services.AddScoped<PropertyQueries>();
        builder.Services.AddScoped<PropertyLoader>();
        builder.Services.AddScoped<RegisterHistoryLoader>();
        builder.Services.AddScoped<INodeResolver, PropertyNodeResolver>();
        builder.Services.AddScoped<INodeResolver, RightAndRestrictionNodeResolvers.Rights>();
        builder.Services.AddScoped<INodeResolver, RightAndRestrictionNodeResolvers.Restrictions>();
        builder.AddPartnersFeature();
        builder.AddApplicationsFeature();
        builder.AddMaterialsFeature();
        builder.AddConfigurationFeature();
        builder.AddRegisterFeature();
        builder.AddCertificatesFeature();
        builder.AddEventsFeature();
        builder.AddWebhooksFeature();
        builder.AddLiveEvents();
        return builder;
    }

    public static void MapRegistryFeatures(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1");
        api.MapPropertiesEndpoints();
        api.MapAuditEndpoints();
        api.MapPartnersEndpoints();
        api.MapApplicationsEndpoints();
        api.MapMaterialsEndpoints();
        api.MapConfigurationEndpoints();
        api.MapRegisterEndpoints();
        api.MapCertificatesEndpoints();
        api.MapEventsEndpoints();
        api.MapWebhooksEndpoints();
    }

    private static void ConfigureJson(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseUpper));
    }
}
