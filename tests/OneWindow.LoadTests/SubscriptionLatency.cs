using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Npgsql;

namespace OneWindow.LoadTests;

/// <summary>
/// The <c>subscriptions</c> mode: commit → <c>next</c> received on a graphql-transport-ws client. A bank's client
/// (demo-bank) opens one WebSocket to <c>/graphql</c> and subscribes to <c>unitChanged</c> for <c>--units</c> houses;
/// a court's client (demo-court) then seizes them one after the other through the API (a seizure is entered in the
/// register at once, 即办), and each is timed from its event's <c>occurredAt</c> (written in the change's transaction,
/// just before the commit; host and tool share the machine's clock) to the arrival of its <c>next</c> message.
/// The path measured is the real one: the change's commit, the in-process nudge, Redis pub/sub when configured, the
/// subscription's read of the unit, the WebSocket.
/// </summary>
internal static class SubscriptionLatency
{
    public const string HelpText = """
        subscriptions mode: commit → graphql-transport-ws next latency (docs/performance.md)

          subscriptions --connection "Host=…;Database=…" [--url http://127.0.0.1:5080] [--events 200] [--warmup 20] [--units 20] [--timeout 120]

        --connection  the host's PostgreSQL database (the houses to follow are read from units)
        --events      seizures measured; --warmup seizures sent first and not counted
        --units       houses followed (at most GraphQL__MaxSubscriptionsPerConnection, 20 by default); seizures cycle over them
        --timeout     seconds to wait for each next message
        """;

    private const string Subscription = "subscription($unit: String!) { unitChanged(unitCode: $unit) { eventId type occurredAt unitCode } }";

    public static async Task<int> MainAsync(string[] args, TextWriter log, TextWriter output)
    {
        var options = new Dictionary<string, string>
        {
            ["--url"] = "http://127.0.0.1:5080", ["--events"] = "200", ["--warmup"] = "20", ["--units"] = "20", ["--timeout"] = "120",
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
        var unitCount = int.Parse(options["--units"], CultureInfo.InvariantCulture);
        var timeout = TimeSpan.FromSeconds(int.Parse(options["--timeout"], CultureInfo.InvariantCulture));

        var units = new List<string>();
        await using (var source = NpgsqlDataSource.Create(connection))
        await using (var find = source.CreateCommand("SELECT unit_code FROM units WHERE substr(unit_code, 20, 1) = 'F' ORDER BY unit_code DESC LIMIT $1"))
        {
            find.Parameters.AddWithValue(unitCount);
            await using var reader = await find.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                units.Add(reader.GetString(0));
            }
        }
        if (units.Count == 0)
        {
            throw new SetupException("no house in the register");
        }

        using var http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(60) };
        await using var court = await AccessToken.ForClientAsync(http, new ClientCredentials(baseUrl, "demo-court", "demo-secret"), log);
        await using var bank = await AccessToken.ForClientAsync(http, new ClientCredentials(baseUrl, "demo-bank", "demo-secret"), log);
        var materials = await RequiredMaterials.UploadAsync(http, baseUrl, court, "SEIZURE", [], log);

        using var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol("graphql-transport-ws");
        await socket.ConnectAsync(new Uri(baseUrl.AbsoluteUri.Replace("http", "ws", StringComparison.Ordinal) + "graphql"), CancellationToken.None);
        await SendAsync(socket, new { type = "connection_init", payload = new { Authorization = bank.Header } });
        if ((await ReceiveAsync(socket, timeout)).GetProperty("type").GetString() != "connection_ack")
        {
            throw new SetupException("the host did not acknowledge connection_init");
        }
        foreach (var unit in units)
        {
            await SendAsync(socket, new { id = unit, type = "subscribe", payload = new { query = Subscription, variables = new { unit } } });
        }
        // Every subscription is in place once a later ping is answered (the host handles a connection's messages in order).
        await SendAsync(socket, new { type = "ping" });
        JsonElement answer;
        do
        {
            answer = await ReceiveAsync(socket, timeout);
        }
        while (answer.GetProperty("type").GetString() != "pong");

        var run = DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);
        var latencies = new List<double>();
        var roundTrips = new List<double>();
        var cpuBefore = MachineInfo.CpuCounters();
        log.WriteLine($"following {units.Count} houses; {warmup} + {events} seizures, one at a time");
        for (var i = 0; i < warmup + events; i++)
        {
            var unit = units[i % units.Count];
            var sent = Stopwatch.GetTimestamp();
            using (var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/applications/seizures")
            {
                Content = JsonContent.Create(new { unitCodes = new[] { unit }, documentNumber = $"(2026)粤1202执{run}{i:0000}号", materials }),
            })
            {
                request.Headers.TryAddWithoutValidation("Authorization", court.Header);
                request.Headers.Add("Idempotency-Key", $"load-{run}-{i}");
                using var response = await http.SendAsync(request);
                if (!response.IsSuccessStatusCode)
                {
                    throw new SetupException($"seizure {i} of {unit}: {(int)response.StatusCode} {Describe.Excerpt(await response.Content.ReadAsStringAsync())}");
                }
            }
            while (true)
            {
                var message = await ReceiveAsync(socket, timeout);
                var arrived = DateTime.UtcNow;
                var type = message.GetProperty("type").GetString();
                if (type != "next")
                {
                    throw new SetupException($"unexpected message {message.GetRawText()}");
                }
                if (message.GetProperty("id").GetString() != unit)
                {
                    continue;
                }
                var change = message.GetProperty("payload").GetProperty("data").GetProperty("unitChanged");
                if (i >= warmup)
                {
                    latencies.Add((arrived - change.GetProperty("occurredAt").GetDateTime().ToUniversalTime()).TotalMilliseconds);
                    roundTrips.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                }
                break;
            }
        }
        var cpu = MachineInfo.BusyPercent(cpuBefore, MachineInfo.CpuCounters());
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);

        latencies.Sort();
        roundTrips.Sort();
        static double P(List<double> values, double p) => values[Math.Min(values.Count - 1, (int)Math.Ceiling(p / 100 * values.Count) - 1)];
        output.WriteLine("| measured | from | p50 ms | p95 ms | p99 ms | max ms | machine CPU busy |");
        output.WriteLine("| ---: | --- | ---: | ---: | ---: | ---: | ---: |");
        var busy = cpu is { } c ? FormattableString.Invariant($"{c:0}%") : "n/a";
        output.WriteLine(FormattableString.Invariant(
            $"| {latencies.Count} | event occurredAt (commit) → next | {P(latencies, 50):0} | {P(latencies, 95):0} | {P(latencies, 99):0} | {latencies[^1]:0} | {busy} |"));
        output.WriteLine(FormattableString.Invariant(
            $"| {roundTrips.Count} | seizure request sent → next | {P(roundTrips, 50):0} | {P(roundTrips, 95):0} | {P(roundTrips, 99):0} | {roundTrips[^1]:0} | |"));
        return 0;
    }

    private static Task SendAsync(ClientWebSocket socket, object message) =>
        socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message), WebSocketMessageType.Text, true, CancellationToken.None);

    private static async Task<JsonElement> ReceiveAsync(ClientWebSocket socket, TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, limit.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new SetupException($"the host closed the socket: {socket.CloseStatus} {socket.CloseStatusDescription}");
            }
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return JsonDocument.Parse(Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length)).RootElement.Clone();
            }
        }
    }
}
