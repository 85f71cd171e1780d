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
/// The <c>webhooks</c> mode: commit → webhook received. The tool listens on a loopback port, registers a webhook for a
/// partner client (the host must allow loopback receivers: <c>Webhooks__AllowPrivateAddresses=true</c>,
/// <c>Webhooks__AllowInsecureHttp=true</c>, never in Production), then commits events into the host's outbox in
/// PostgreSQL at a steady rate, one transaction each, addressed to that partner as a change's transaction would, and
/// times each from its commit to its arrival. Events cycle over 50 business numbers, so delivery in order per
/// application is part of what is measured.
/// </summary>
internal static class WebhookLatency
{
    public const string HelpText = """
        webhooks mode: commit → webhook received latency (docs/performance.md)

          webhooks --connection "Host=…;Database=…" [--url http://127.0.0.1:5080] [--client-id demo-bank --client-secret demo-secret]
                   [--events 500] [--rate 20] [--warmup 50] [--timeout 120]

        --connection  the host's PostgreSQL database (events are inserted into outbox_events)
        --events      events measured; --warmup events sent first and not counted
        --rate        events committed per second
        --timeout     seconds to wait for the last delivery
        """;

    public static async Task<int> MainAsync(string[] args, TextWriter log, TextWriter output)
    {
        var options = new Dictionary<string, string>
        {
            ["--url"] = "http://127.0.0.1:5080", ["--client-id"] = "demo-bank", ["--client-secret"] = "demo-secret",
            ["--events"] = "500", ["--rate"] = "20", ["--warmup"] = "50", ["--timeout"] = "120",
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
        var warmup = int.Parse(options["--warmup"], CultureInfo.InvariantCulture);
        var rate = double.Parse(options["--rate"], CultureInfo.InvariantCulture);
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

        // The receiver: a free loopback port, 204 for every delivery, the arrival time of each event id.
        var arrivals = new ConcurrentDictionary<long, long>();
        var port = FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        using var stop = new CancellationTokenSource();
        var receiving = Task.Run(async () =>
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
                var now = Stopwatch.GetTimestamp();
                if (long.TryParse(context.Request.Headers["OneWindow-Event-Id"], CultureInfo.InvariantCulture, out var id))
                {
                    arrivals.TryAdd(id, now);
                }
                context.Response.StatusCode = 204;
                context.Response.Close();
            }
        });

        var registered = await http.PostAsJsonAsync("api/v1/webhooks", new { url = $"http://127.0.0.1:{port}/hook", eventTypes = new[] { "application.*" } });
        if (!registered.IsSuccessStatusCode)
        {
            log.WriteLine($"error: the webhook was refused ({(int)registered.StatusCode}): {await registered.Content.ReadAsStringAsync()}");
            log.WriteLine("Start the host with Webhooks__AllowPrivateAddresses=true Webhooks__AllowInsecureHttp=true (not in Production).");
            return 2;
        }
        var webhookId = JsonDocument.Parse(await registered.Content.ReadAsStringAsync()).RootElement.GetProperty("webhook").GetProperty("id").GetString();

        await using var source = NpgsqlDataSource.Create(connection);
        long partnerId;
        await using (var find = source.CreateCommand("SELECT partner_id FROM partner_clients WHERE client_id = $1"))
        {
            find.Parameters.AddWithValue(options["--client-id"]);
            partnerId = (long)(await find.ExecuteScalarAsync() ?? throw new SetupException("the client is not a partner's"));
        }

        var run = DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);
        var commits = new Dictionary<long, long>();
        var interval = TimeSpan.FromSeconds(1 / rate);
        var started = Stopwatch.GetTimestamp();
        log.WriteLine($"webhook {webhookId} on port {port}; committing {warmup} + {events} events at {rate}/s");
        for (var i = 0; i < warmup + events; i++)
        {
            var due = started + (long)(i * interval.TotalSeconds * Stopwatch.Frequency);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }
            await using var db = await source.OpenConnectionAsync();
            await using var transaction = await db.BeginTransactionAsync();
            var number = $"LOAD-{run}-{i % 50:00}";
            await using var insert = new NpgsqlCommand(
                "INSERT INTO outbox_events (type, occurred_at, business_number, data) VALUES ('application.submitted', now(), $1, $2) RETURNING id", db, transaction);
            insert.Parameters.AddWithValue(number);
            insert.Parameters.AddWithValue(JsonSerializer.Serialize(new { businessNumber = number, load = i }));
            var id = (long)(await insert.ExecuteScalarAsync())!;
            await using var recipient = new NpgsqlCommand("INSERT INTO outbox_event_recipients (event_id, recipient) VALUES ($1, $2)", db, transaction);
            recipient.Parameters.AddWithValue(id);
            recipient.Parameters.AddWithValue("partner:" + partnerId.ToString(CultureInfo.InvariantCulture));
            await recipient.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
            if (i >= warmup)
            {
                commits[id] = Stopwatch.GetTimestamp();
            }
        }

        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (commits.Keys.Any(id => !arrivals.ContainsKey(id)) && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(100);
        }
        await stop.CancelAsync();
        listener.Stop();
        await http.DeleteAsync($"api/v1/webhooks/{webhookId}");

        var latencies = commits.Where(c => arrivals.ContainsKey(c.Key))
            .Select(c => Stopwatch.GetElapsedTime(c.Value, arrivals[c.Key]).TotalMilliseconds).Order().ToArray();
        double P(double p) => latencies.Length == 0 ? double.NaN : latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(p / 100 * latencies.Length) - 1)];
        output.WriteLine($"| events | received | rate | p50 ms | p95 ms | p99 ms | max ms |");
        output.WriteLine($"| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        output.WriteLine(FormattableString.Invariant(
            $"| {commits.Count} | {latencies.Length} | {rate}/s | {P(50):0} | {P(95):0} | {P(99):0} | {(latencies.Length == 0 ? double.NaN : latencies[^1]):0} |"));
        return latencies.Length == commits.Count ? 0 : 1;
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
