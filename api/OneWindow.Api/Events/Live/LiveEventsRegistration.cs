using Microsoft.EntityFrameworkCore.Diagnostics;

namespace OneWindow.Api.Events.Live;

public static class LiveEventsRegistration
{
    /// <summary>
    /// Published events delivered to this instance's live subscribers, whichever instance made the change: the commit
    /// nudge, the relay that positions and announces, the announcements (Redis pub/sub when configured, in-process
    /// otherwise) and the dispatcher (docs/decisions/0017-graphql-subscriptions.md).
    /// </summary>
    public static WebApplicationBuilder AddLiveEvents(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<OutboxCommits>();
        // DI's interceptors join every RegistryDbContext (AddRegistryData).
        builder.Services.AddSingleton<IInterceptor>(services => services.GetRequiredService<OutboxCommits>());
        builder.Services.AddSingleton<EventAnnouncements>();
        builder.Services.AddHostedService(services => services.GetRequiredService<EventAnnouncements>());
        builder.Services.AddSingleton<LiveEvents>();
        builder.Services.AddHostedService<EventRelay>();
        builder.Services.AddHostedService<LiveEventDispatcher>();
        return builder;
    }
}
