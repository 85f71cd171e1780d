using Microsoft.Extensions.Options;
using OneWindow.Sdk;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="OneWindowClient"/> in a host's services.</summary>
public static class OneWindowServiceCollectionExtensions
{
    /// <summary>
    /// One <see cref="OneWindowClient"/> for the application (a singleton: it keeps the token and the connection pool),
    /// configured by <paramref name="configure"/> or bound from configuration with <c>services.Configure</c>.
    /// </summary>
    public static IServiceCollection AddOneWindowClient(this IServiceCollection services, Action<OneWindowClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<OneWindowClientOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }
        services.AddSingleton(provider => new OneWindowClient(provider.GetRequiredService<IOptions<OneWindowClientOptions>>().Value,
            timeProvider: provider.GetService<TimeProvider>()));
        return services;
    }
}
