using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneWindow.Api.Data;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Tests.Infrastructure;
using OneWindow.Domain.Applications;

namespace OneWindow.Api.Tests.Features.Applications;

/// <summary>
/// The same workflow on the embedded default (SQLite, in-process cache): numbering, the open-application guard,
/// idempotent replays, bulk and the entry in the register work there too.
/// </summary>
public sealed class EmbeddedApplicationsTests : IAsyncLifetime
{
    private readonly EmbeddedApp _app = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task<HttpClient> PartnerAsync(string clientId)
    {
        var client = _app.CreateClient();
        var token = await Json.ReadAsync(await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = "demo-secret",
        }), Ct));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("access_token").GetString());
        return client;
    }

    private async Task<T> ReadAsync<T>(Func<RegistryDbContext, Task<T>> read)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<RegistryDbContext>());
    }

    [Fact]
    public async Task On_SQLite_a_mortgage_is_submitted_replayed_recorded_and_a_seizure_registered_at_once()
    {
        var bank = await PartnerAsync("demo-bank");
        var court = await PartnerAsync("demo-court");
        using var staff = await PersonSignIn.ClientAsync(_app, "demo-staff");
        var units = await ReadAsync(db => db.Units.AsNoTracking()
            .Where(u => u.Kind == UnitKind.House && !u.Restrictions.Any(r => r.Status == RestrictionStatus.Active)
                && u.Rights.Any(r => r.Status == RightStatus.Active && r.Kind == RightKind.LandUseAndHouseOwnership && r.Holders.Count == 1))
            .OrderBy(u => u.UnitCode).Select(u => new
            {
                u.UnitCode,
                Owner = u.Rights.Where(r => r.Status == RightStatus.Active && r.Kind == RightKind.LandUseAndHouseOwnership).SelectMany(r => r.Holders).Select(h => h.Party!).First(),
            })
            .Take(4).ToListAsync(Ct));
        var bankCode = await ReadAsync(db => db.Partners.Where(p => p.Name == ApplicationsFixture.BankName).Select(p => p.CreditCode).SingleAsync(Ct));
        var materials = await ApplicationCalls.RequiredMaterialsAsync(bank, BusinessType.MortgageRegistrationGeneral);
        object Mortgage(int i) => new
        {
            mortgageKind = "GENERAL",
            unitCodes = new[] { units[i].UnitCode },
            mortgagors = new[] { ApplicationCalls.Person(units[i].Owner) },
            mortgagee = ApplicationCalls.Organisation(ApplicationsFixture.BankName, bankCode),
            securedAmountFen = 12_000_000L,
            debtStartsOn = "2025-11-20",
            debtEndsOn = "2030-11-19",
            materials,
        };
        var key = Guid.NewGuid().ToString();

        var submitted = await bank.SubmittedAsync("mortgage-registrations", Mortgage(0), key);
        var replayed = await bank.SubmitAsync("mortgage-registrations", Mortgage(0), key);
        var duplicate = await bank.RefusedAsync("mortgage-registrations", Mortgage(0));
        var bulk = await Json.ReadAsync(await bank.SubmitAsync("mortgage-registrations/bulk", new { items = new[] { Mortgage(1), Mortgage(2), Mortgage(1) } }));

        Assert.Equal("true", replayed.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal([("PENDING_APPLICATION_EXISTS", "unitCodes[0]", null)], duplicate);
        Assert.Equal((2, 1), (bulk.GetProperty("accepted").GetInt32(), bulk.GetProperty("rejected").GetInt32()));
        var number = submitted.GetProperty("businessNumber").GetString()!;
        Assert.Equal("AWAITING_CONFIRMATION", submitted.GetProperty("status").GetString());
        // The owner registers a real-name account, signs in and confirms the mortgage.
        var owner = units[0].Owner;
        await ReadAsync(async db =>
        {
            var person = new Person { UserName = "owner-" + owner.Id, Kind = PersonKind.Citizen, Name = owner.Name, IdNumber = owner.IdNumber, PasswordHash = "", CreatedAt = DateTime.UtcNow };
            person.PasswordHash = new Microsoft.AspNetCore.Identity.PasswordHasher<Person>().HashPassword(person, "demo-password");
            db.People.Add(person);
            return await db.SaveChangesAsync(Ct);
        });
        using (var mortgagor = await PersonSignIn.ClientAsync(_app, "owner-" + owner.Id))
        {
            Assert.Equal("SUBMITTED", (await mortgagor.SteppedAsync(number, "confirm")).GetProperty("status").GetString());
        }
        foreach (var step in new[] { "accept", "start-review", "record" })
        {
            await staff.SteppedAsync(number, step);
        }
        Assert.True((await bank.RestrictionsAsync(units[0].UnitCode)).GetProperty("isMortgaged").GetBoolean());

        var seizure = await court.SubmittedAsync("seizures", new
        {
            unitCodes = new[] { units[3].UnitCode },
            documentNumber = "(2025)粤1202执999号",
            materials = await ApplicationCalls.RequiredMaterialsAsync(court, BusinessType.Seizure),
        });
        Assert.Equal("COMPLETED", seizure.GetProperty("status").GetString());
        Assert.True((await bank.RestrictionsAsync(units[3].UnitCode)).GetProperty("isSeized").GetBoolean());
        var numbers = await ReadAsync(db => db.Applications.Select(a => a.BusinessNumber).ToListAsync(Ct));
        Assert.Equal(numbers.Count, numbers.Distinct().Count());
        Assert.Equal(HttpStatusCode.OK, (await bank.GetAsync($"/api/v1/applications/{number}", Ct)).StatusCode);
    }
}
