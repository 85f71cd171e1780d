using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;

// dotnet run -c Release --project infra/bench/RequestCost [-- requests]
// Starts the host on the embedded default (a temporary SQLite file, the demo region), takes a demo partner's token,
// warms each scenario up, then sends its requests one at a time and prints the bytes allocated (the whole process,
// client included) and the process's CPU time per request.
internal static class RequestCostProbe
{
    public static async Task Main(string[] args)
    {
        var requests = args.Length > 0 ? int.Parse(args[0]) : 20_000;
        var file = Path.Combine(Path.GetTempPath(), $"onewindow-cost-{Guid.NewGuid():N}.db");
        await using var app = new CostApp(file);
        using var client = app.CreateClient();

        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "demo-bank",
            ["client_secret"] = "demo-secret",
            ["scope"] = "properties:read restrictions:read",
        });
        using var tokenResponse = await client.PostAsync("/connect/token", form);
        tokenResponse.EnsureSuccessStatusCode();
        var token = JsonDocument.Parse(await tokenResponse.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var codes = Enumerable.Range(0, 50).Select(i => $"441202001001GB00001F0001{i / 3 + 1:D2}{i % 3 + 1:D2}").ToArray();
        const string Query = "query($c:String!){property(unitCode:$c){unitCode location area use rights{kind certificateNumber holders{name}} restrictions{kind inForce}}}";

        var scenarios = new (string Name, Func<int, HttpRequestMessage> Request)[]
        {
            ("REST property (cached)", i => new HttpRequestMessage(HttpMethod.Get, $"/api/v1/properties/{codes[i % codes.Length]}")),
            ("restriction verdict (cached)", i => new HttpRequestMessage(HttpMethod.Get, $"/api/v1/properties/{codes[i % codes.Length]}/restrictions")),
            ("GraphQL property (cached)", i => new HttpRequestMessage(HttpMethod.Post, "/graphql")
            {
                Content = new StringContent(JsonSerializer.Serialize(new { query = Query, variables = new { c = codes[i % codes.Length] } }), Encoding.UTF8, "application/json"),
            }),
            ("empty: /health/live", _ => new HttpRequestMessage(HttpMethod.Get, "/health/live")),
        };

        Console.WriteLine($"{requests} requests per scenario, one at a time, after a warm-up of {requests} (embedded default, in process)");
        Console.WriteLine("| scenario | bytes allocated per request | CPU µs per request |");
        Console.WriteLine("|---|---:|---:|");
        foreach (var (name, request) in scenarios)
        {
            await RunAsync(client, request, requests);
            var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            var bytes = GC.GetTotalAllocatedBytes(precise: true);
            await RunAsync(client, request, requests);
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - bytes;
            process.Refresh();
            var used = process.TotalProcessorTime - cpu;
            Console.WriteLine($"| {name} | {allocated / requests:N0} | {used.TotalMicroseconds / requests:N0} |");
        }
    }

    private static async Task RunAsync(HttpClient client, Func<int, HttpRequestMessage> make, int count)
    {
        for (var i = 0; i < count; i++)
        {
            using var request = make(i);
            using var response = await client.SendAsync(request);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{request.Method} {request.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
            await response.Content.CopyToAsync(Stream.Null);
        }
    }
}

internal sealed class CostApp(string file) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("demo", "true");
        builder.UseSetting("ConnectionStrings:Registry", "");
        builder.UseSetting("ConnectionStrings:Redis", "");
        builder.UseSetting("Registry:EmbeddedDatabasePath", file);
        builder.UseSetting("Certificates:BackfillBatchSize", "0");
        builder.UseSetting("Auth:AllowInsecureHttp", "true");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Limits:PerClient:PermitLimit", "1000000000");
        builder.UseSetting("Limits:PerClient:QueryBudget", "100000000000000");
        builder.UseSetting("Limits:Anonymous:PermitLimit", "1000000000");
        builder.UseSetting("Registry:WarmUp:Requests", "0");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(file);
    }
}
