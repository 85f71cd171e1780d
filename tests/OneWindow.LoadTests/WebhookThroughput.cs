using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Npgsql;

namespace OneWindow.LoadTests;

/// <summary>
/// The <c>webhook-throughput</c> mode: how many deliveries per second one host's dispatcher pushes to a fast local
/// receiver. Like <see cref="WebhookLatency"/> it listens on a loopback port and commits events into the host's outbox
/// in PostgreSQL addressed to the partner, but all of them at once (one transaction), with <c>--endpoints</c>
/// webhooks of the partner on the same receiver, so the host has events × endpoints deliveries to drain; it times the
/// drain from the commit to the last arrival. Events cycle over <c>--applications</c> business numbers: each endpoint
/// delivers an application's events one after the other (in order), different applications' side by side.
/// </summary>
internal static class WebhookThroughput
{
    public const string HelpText = """
        webhook-throughput mode: deliveries per second one host sustains to a fast local receiver (docs/performance.md)

          webhook-throughput --connection "Host=…;Database=…" [--url http://127.0.0.1:5080] [--client-id demo-bank --client-secret demo-secret]
                             [--events 2000] [--endpoints 1] [--applications 200] [--timeout 600]

        --connection    the host's PostgreSQL database (events are inserted into outbox_events)
        --events        events committed at once; each goes to every endpoint
        --endpoints     webhooks registered for the partner (at most Webhooks__MaxEndpointsPerPartner, 10 by default)
        --applications  business numbers the events cycle over
        --timeout       seconds to wait for the last delivery
        """;

    public static async Task<int> MainAsync(string[] args, TextWriter log, TextWriter output)
    {
        var options = new Dictionary<string, string>
        {
            ["--url"] = "http://127.0.0.1:5080", ["--client-id"] = "demo-bank", ["--client-secret"] = "demo-secret",
            ["--events"] = "2000", ["--endpoints"] = "1", ["--applications"] = "200", ["--timeout"] = "600",
        };
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is "--help" or "-h")
            {
                output.WriteLine(HelpText);
                return 0;
            }
            if (!options.ContainsKey(args[i]) && args[i] != "--connection" || i + 1 >= args.Length)
            {
                log.WriteLine($"error: unknown or incomplete option {args[i]}\n{HelpText}");
                return 2;
            }
            options[args[i]] = args[++i];
        }
        if (!options.TryGetValue("--connection", out var connection))
        {
            log.WriteLine($"error: --connection is required\n{HelpText}");
            return 2;
        }
        var baseUrl = new Uri(options["--url"].TrimEnd('/') + "/");
        var events = int.Parse(options["--events"], CultureInfo.InvariantCulture);
        var endpoints = int.Parse(options["--endpoints"], CultureInfo.InvariantCulture);
        var applications = int.Parse(options["--applications"], CultureInfo.InvariantCulture);
        var timeout = TimeSpan.FromSeconds(int.Parse(options["--timeout"], CultureInfo.InvariantCulture));

        using var http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
        using var tokenAnswer = await http.PostAsync("connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = options["--client-id"], ["client_secret"] = options["--client-secret"],
        }));
        if (!tokenAnswer.IsSuccessStatusCode)
        {
            log.WriteLine($"error: no token for {options["--client-id"]}: {(int)tokenAnswer.StatusCode}");
            return 2;
        }
        var token = JsonDocument.Parse(await tokenAnswer.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);

        // The receiver: 204 at once for every delivery; counts arrivals and keeps the last one's time.
        var received = new ConcurrentDictionary<(string Path, long Event), byte>();
        long lastArrival = 0;
        var port = FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        using var stop = new CancellationTokenSource();
        async Task ReceiveAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                HttpListenerContext context;
                try
                {
                    context = await listener.GetContextAsync();
                }
                catch (Exception) when (stop.IsCancellationRequested)
                {
                    return;
                }
                if (long.TryParse(context.Request.Headers["OneWindow-Event-Id"], CultureInfo.InvariantCulture, out var id)
                    && received.TryAdd((context.Request.Url!.AbsolutePath, id), 0))
                {
                    Interlocked.Exchange(ref lastArrival, Stopwatch.GetTimestamp());
                }
                context.Response.StatusCode = 204;
                context.Response.Close();
            }
        }
        var receivers = Enumerable.Range(0, 8).Select(_ => Task.Run(ReceiveAsync)).ToList();

        var webhooks = new List<string>();
        for (var e = 0; e < endpoints; e++)
        {
            var registered = await http.PostAsJsonAsync("api/v1/webhooks", new { url = $"http://127.0.0.1:{port}/hook{e}", eventTypes = new[] { "application.*" } });
            if (!registered.IsSuccessStatusCode)
            {
                log.WriteLine($"error: the webhook was refused ({(int)registered.StatusCode}): {await registered.Content.ReadAsStringAsync()}");
                log.WriteLine("Start the host with Webhooks__AllowPrivateAddresses=true Webhooks__AllowInsecureHttp=true (not in Production).");
                await DeleteAsync(http, webhooks);
                return 2;
            }
            webhooks.Add(JsonDocument.Parse(await registered.Content.ReadAsStringAsync()).RootElement.GetProperty("webhook").GetProperty("id").GetString()!);
        }

        await using var source = NpgsqlDataSource.Create(connection);
        long partnerId;
        await using (var find = source.CreateCommand("SELECT partner_id FROM partner_clients WHERE client_id = $1"))
        {
            find.Parameters.AddWithValue(options["--client-id"]);
            partnerId = (long)(await find.ExecuteScalarAsync() ?? throw new SetupException("the client is not a partner's"));
        }

        var run = DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);
        log.WriteLine($"{endpoints} webhook(s) on port {port}; committing {events} events at once ({events * endpoints} deliveries)");
        var cpuBefore = MachineInfo.CpuCounters();
        long committed;
        await using (var db = await source.OpenConnectionAsync())
        await using (var transaction = await db.BeginTransactionAsync())
        {
            await using var insert = new NpgsqlCommand("""
                WITH e AS (
                  INSERT INTO outbox_events (type, occurred_at, business_number, data)
                  SELECT 'application.submitted', now(), $1 || lpad((g % $2)::text, 4, '0'), json_build_object('load', g)::text
                  FROM generate_series(0, $3 - 1) AS g ORDER BY g
                  RETURNING id)
                INSERT INTO outbox_event_recipients (event_id, recipient) SELECT id, $4 FROM e
                """, db, transaction);
            insert.Parameters.AddWithValue($"LOAD-{run}-");
            insert.Parameters.AddWithValue(applications);
            insert.Parameters.AddWithValue(events);
            insert.Parameters.AddWithValue("partner:" + partnerId.ToString(CultureInfo.InvariantCulture));
            await insert.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
            committed = Stopwatch.GetTimestamp();
        }

        var expected = events * endpoints;
        var deadline = committed + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        var progress = Stopwatch.GetTimestamp();
        while (received.Count < expected && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(200);
            if (Stopwatch.GetElapsedTime(progress) > TimeSpan.FromSeconds(10))
            {
                log.WriteLine($"  {received.Count} of {expected} received after {Stopwatch.GetElapsedTime(committed).TotalSeconds:0} s");
                progress = Stopwatch.GetTimestamp();
            }
        }
        var cpu = MachineInfo.BusyPercent(cpuBefore, MachineInfo.CpuCounters());
        await stop.CancelAsync();
        listener.Stop();
        await DeleteAsync(http, webhooks);

        var seconds = Stopwatch.GetElapsedTime(committed, Interlocked.Read(ref lastArrival)).TotalSeconds;
        output.WriteLine("| events | endpoints | deliveries | received | drained in s | deliveries/s | machine CPU busy |");
        output.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        output.WriteLine(FormattableString.Invariant(
            $"| {events} | {endpoints} | {expected} | {received.Count} | {seconds:0.0} | {received.Count / seconds:0} | {(cpu is { } c ? $"{c:0}%" : "n/a")} |"));
        return received.Count == expected ? 0 : 1;
    }

    private static async Task DeleteAsync(HttpClient http, IEnumerable<string> webhooks)
    {
        foreach (var id in webhooks)
        {
            using var _ = await http.DeleteAsync($"api/v1/webhooks/{id}");
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
