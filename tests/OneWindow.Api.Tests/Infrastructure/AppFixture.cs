using System.Net.Http.Json;
using System.Text.Json;

namespace OneWindow.Api.Tests.Infrastructure;

/// <summary>
/// One host per test class (a class fixture) on its own copy of the seeded database, with the test Redis.
/// Tests of a class share it, so they only read, or write to units no other test of the class reads.
/// </summary>
public class AppFixture(RegistryFixture registry) : IAsyncLifetime
{
    public RegistryFixture Registry { get; } = registry;

    public RegistryApp App { get; protected set; } = null!;

    public HttpClient Client { get; protected set; } = null!;

    /// <summary>The day the tests of a class see as today: the demo region's data is as of late 2025.</summary>
    public static TimeProvider DemoClock { get; } = new FixedClock(new DateTimeOffset(2025, 11, 20, 2, 0, 0, TimeSpan.Zero));

    /// <summary>The demo client whose token <see cref="Client"/> sends.</summary>
    protected virtual string ClientId => "demo-bank";

    /// <summary>The host's clock (the demo day unless a class moves time itself).</summary>
    protected virtual TimeProvider HostClock => DemoClock;

    /// <summary>Settings of the class's host beside the test defaults.</summary>
    protected virtual IReadOnlyDictionary<string, string?>? Settings => null;

    /// <summary>Serve on Kestrel at a free loopback port (real sockets, e.g. WebSockets) rather than the in-memory test server.</summary>
    protected virtual bool Kestrel => false;

    public virtual async ValueTask InitializeAsync()
    {
        App = await RegistryApp.CreateAsync(Registry, GetType().Name, settings: Settings, clock: HostClock);
        if (Kestrel)
        {
            App.UseKestrel(0);
        }
        Client = await App.CreateClientAsync(ClientId);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
    }
}

/// <summary>Assertions on RFC 9457 problem details.</summary>
public static class Problem
{
    public static async Task<JsonElement> AssertAsync(HttpResponseMessage response, int status, string code)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("traceId").GetString()));
        return problem;
    }
}

public static class Json
{
    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    public static Task<HttpResponseMessage> PostGraphQLAsync(this HttpClient client, string query, object? variables = null, string? language = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query, variables }) };
        request.Headers.Accept.ParseAdd("application/graphql-response+json");
        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }
        return client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}

/// <summary>A clock that stands still.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

/// <summary>A clock the tests move: it stands still between moves.</summary>
public sealed class AdjustableClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);

    /// <summary>Sets the time to <paramref name="hour"/> o'clock China time (UTC+8) on <paramref name="chinaDate"/>.</summary>
    public void Set(DateOnly chinaDate, int hour = 10) =>
        Interlocked.Exchange(ref _ticks, new DateTimeOffset(chinaDate.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.FromHours(8)).UtcTicks);
}
