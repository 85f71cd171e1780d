using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneWindow.Api.Data;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Tests.Infrastructure;
using OneWindow.Domain.Restrictions;
using OneWindow.Sdk.Audiences;

namespace OneWindow.Sdk.Tests.Infrastructure;

/// <summary>
/// The real host in-process on the embedded default (the demo region and demo partners, secret <c>demo-secret</c>), and
/// SDK clients that reach it through the test server's handler — the SDK's whole pipeline runs, only the socket is
/// left out. Units handed to tests are taken once, so tests of a class never fight over one.
/// </summary>
public sealed class SdkHost : IAsyncLifetime
{
    public const string BankName = "肇庆示范商业银行股份有限公司端州支行";
    public const string DeveloperName = "肇庆示范置业有限公司";

    private readonly HashSet<string> _taken = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);

    // Every test signs its clients in from the test server's one address: the per-address sign-in limit (30 a minute,
    // tested in the host's own suite) would refuse the suite's later token requests.
    public EmbeddedApp App { get; } = new(new Dictionary<string, string?> { ["Limits:SignIn:PermitLimit"] = "10000" });

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _ = App.Server;
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        _gate.Dispose();
        await App.DisposeAsync();
    }

    /// <summary>
    /// An SDK client signed in as <paramref name="clientId"/> (null: anonymous). <paramref name="transport"/> may wrap
    /// the test server's handler (to count or break requests).
    /// </summary>
    public OneWindowClient Client(string? clientId, Func<HttpMessageHandler, HttpMessageHandler>? transport = null, Action<OneWindowClientOptions>? configure = null, TimeProvider? time = null)
    {
        var options = new OneWindowClientOptions
        {
            BaseUrl = App.Server.BaseAddress,
            ClientId = clientId,
            ClientSecret = clientId is null ? null : "demo-secret",
            // Retries without waiting: the tests count attempts, never time.
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
            // Subscriptions reach the in-process host through the test server's WebSocket client.
            ConnectWebSocket = async (uri, cancellationToken) =>
            {
                var sockets = App.Server.CreateWebSocketClient();
                sockets.SubProtocols.Add("graphql-transport-ws");
                return await sockets.ConnectAsync(uri, cancellationToken);
            },
        };
        configure?.Invoke(options);
        var server = App.Server.CreateHandler();
        return new OneWindowClient(options, transport is null ? server : transport(server), time);
    }

    public async Task<T> ReadAsync<T>(Func<RegistryDbContext, Task<T>> read)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<RegistryDbContext>());
    }

    public Task<string> CreditCodeAsync(string partnerName) =>
        ReadAsync(db => db.Partners.Where(p => p.Name == partnerName).Select(p => p.CreditCode).SingleAsync(Ct));

    /// <summary>A house with one owner, no restriction and no open application, not handed out before.</summary>
    public Task<(string UnitCode, Party Owner)> FreeHouseAsync() => TakeAsync(async db =>
    {
        var candidates = await db.Units.AsNoTracking()
            .Where(u => u.Kind == UnitKind.House && !u.Restrictions.Any(r => r.Status == RestrictionStatus.Active)
                && u.Rights.Any(r => r.Status == RightStatus.Active && r.Kind == RightKind.LandUseAndHouseOwnership && r.Holders.Count == 1))
            .OrderBy(u => u.UnitCode)
            .Select(u => new
            {
                u.UnitCode,
                Owner = u.Rights.Where(r => r.Status == RightStatus.Active && r.Kind == RightKind.LandUseAndHouseOwnership).SelectMany(r => r.Holders).Select(h => h.Party!).First(),
            })
            .Take(200).ToListAsync(Ct);
        return candidates.Where(c => c.Owner.Kind == PartyKind.Person).Select(c => (c.UnitCode, c.Owner));
    }, c => c.UnitCode);

    /// <summary>A land unit whose land use right the demo developer holds, not handed out before.</summary>
    public Task<string> DevelopersLandAsync() => TakeAsync<string>(DevelopersLandsAsync, c => c);

    /// <summary>
    /// The last of the demo developer's lands, shared (the demo region has few): a test filing on it uses a building
    /// number of its own, so the units of its buildings are its own.
    /// </summary>
    public async Task<string> DevelopersSharedLandAsync() => (await ReadAsync(DevelopersLandsAsync)).Last();

    private static async Task<IEnumerable<string>> DevelopersLandsAsync(RegistryDbContext db) => await db.Units.AsNoTracking()
        .Where(u => u.Kind == UnitKind.Land
            && u.Rights.Any(r => r.Status == RightStatus.Active && r.Kind == RightKind.LandUse && r.Holders.Any(h => h.Party!.Name == DeveloperName))
            && !u.Restrictions.Any(r => r.Status == RestrictionStatus.Active && r.Kind == RestrictionKind.Seizure))
        .OrderBy(u => u.UnitCode).Select(u => u.UnitCode).ToListAsync(Ct);

    private async Task<T> TakeAsync<T>(Func<RegistryDbContext, Task<IEnumerable<T>>> query, Func<T, string> key)
    {
        await _gate.WaitAsync(Ct);
        try
        {
            var found = (await ReadAsync(query)).First(c => !_taken.Contains(key(c)));
            _taken.Add(key(found));
            return found;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The person with <paramref name="party"/>'s identity, signed in with a real-name account made for them here.</summary>
    public async Task<HttpClient> PersonAsync(Party party)
    {
        var userName = "p" + party.IdNumber;
        await ReadAsync(async db =>
        {
            if (await db.People.AnyAsync(p => p.UserName == userName, Ct))
            {
                return 0;
            }
            var person = new Person { UserName = userName, Kind = PersonKind.Citizen, Name = party.Name, IdNumber = party.IdNumber, PasswordHash = "", CreatedAt = DateTime.UtcNow };
            person.PasswordHash = new PasswordHasher<Person>().HashPassword(person, "demo-password");
            db.People.Add(person);
            return await db.SaveChangesAsync(Ct);
        });
        return await PersonSignIn.ClientAsync(App, userName);
    }

    /// <summary>Takes the workflow steps as <paramref name="actor"/> (a person: an applicant or the demo registrar).</summary>
    public static async Task StepsAsync(HttpClient actor, string businessNumber, params string[] steps)
    {
        foreach (var step in steps)
        {
            var response = await actor.PostAsJsonAsync($"/api/v1/applications/{businessNumber}/{step}", new { }, Ct);
            Assert.True(response.IsSuccessStatusCode, $"{step}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        }
    }

    /// <summary>A small PDF standing for the scanned material <paramref name="code"/> (unique bytes each time).</summary>
    public static MaterialFile Pdf(string code) =>
        new(System.Text.Encoding.ASCII.GetBytes($"%PDF-1.4\n% {code} {Guid.NewGuid():N}\n%%EOF\n"), code.ToLowerInvariant() + ".pdf");
}

[CollectionDefinition(Name)]
public sealed class SdkHostCollection : ICollectionFixture<SdkHost>
{
    public const string Name = "sdk host";
}
