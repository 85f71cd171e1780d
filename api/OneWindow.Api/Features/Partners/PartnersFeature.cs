namespace OneWindow.Api.Features.Partners;

/// <summary>The partners feature's services (its routes: <see cref="PartnersEndpoints"/>, its GraphQL fields: <see cref="PartnerFields"/>).</summary>
public static class PartnersFeature
{
    public static WebApplicationBuilder AddPartnersFeature(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PartnerActivity>();
        return builder;
    }
}
