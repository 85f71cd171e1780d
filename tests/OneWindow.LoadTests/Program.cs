using System.Globalization;
using System.Net;
using OneWindow.LoadTests;

// The load tool: run by hand against a running host (README.md), never by `dotnet test`.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

// The bulk mode (bulk --help): a few large submissions timed one by one, not concurrent load.
if (args is ["bulk", .. var bulkArgs])
{
    return await BulkBenchmark.MainAsync(bulkArgs, Console.Error, Console.Out);
}

// The webhooks mode (webhooks --help): commit → webhook received latency.
if (args is ["webhooks", .. var webhookArgs])
{
    return await WebhookLatency.MainAsync(webhookArgs, Console.Error, Console.Out);
}

// The webhook-throughput mode (webhook-throughput --help): deliveries per second to a fast local receiver.
if (args is ["webhook-throughput", .. var throughputArgs])
{
    return await WebhookThroughput.MainAsync(throughputArgs, Console.Error, Console.Out);
}

// The subscriptions mode (subscriptions --help): commit → graphql-transport-ws next latency.
if (args is ["subscriptions", .. var subscriptionArgs])
{
    try
    {
        return await SubscriptionLatency.MainAsync(subscriptionArgs, Console.Error, Console.Out);
    }
    catch (SetupException e)
    {
        Console.Error.WriteLine($"error: {e.Message}");
        return 2;
    }
}

LoadOptions options;
try
{
    options = LoadOptions.Parse(args);
}
catch (UsageException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    Console.Error.WriteLine("Run with --help for the options.");
    return 2;
}
if (options.ShowHelp)
{
    Console.WriteLine(LoadOptions.HelpText);
    return 0;
}

// One client for the whole run: a connection per concurrent client, kept open, plain HTTP/1.1 with nothing between
// the tool and the host (no proxy, no decompression, no cookies, no redirects) so the figures are the host's.
using var handler = new SocketsHttpHandler
{
    MaxConnectionsPerServer = options.Concurrency,
    PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
    ConnectTimeout = TimeSpan.FromSeconds(10),
    UseProxy = false,
    AutomaticDecompression = DecompressionMethods.None,
    UseCookies = false,
    AllowAutoRedirect = false,
};
using var client = new HttpClient(handler)
{
    Timeout = options.Timeout,
    DefaultRequestVersion = HttpVersion.Version11,
    DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
};

try
{
    return await LoadTest.RunAsync(client, options, Console.Error, Console.Out);
}
catch (SetupException e)
{
    Console.Error.WriteLine();
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}
