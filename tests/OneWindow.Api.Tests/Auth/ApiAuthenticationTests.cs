using System.Collections.Concurrent;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneWindow.Api.Auth;
using OneWindow.Api.Tests.Features.Properties;
using OneWindow.Api.Tests.Infrastructure;
using OneWindow.Domain.Restrictions;
using OpenIddict.Abstractions;
using OpenIddict.Server;

namespace OneWindow.Api.Tests.Auth;

/// <summary>
/// Authentication on the API's own paths (Auth/ApiAuthentication.cs), the principals validated tokens share, and the
/// answers kept for callers shown no personal data (PropertyDisclosure): the cuts of docs/performance.md must change
/// nothing about who sees what.
/// </summary>
public sealed class ApiAuthenticationTests(RegistryFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_token_this_instance_has_validated_is_not_offered_to_OpenIddicts_server_again_on_the_api_paths()
    {
        var offered = new ConcurrentQueue<string>();
        await using var host = await RegistryApp.CreateAsync(fixture, nameof(A_token_this_instance_has_validated_is_not_offered_to_OpenIddicts_server_again_on_the_api_paths),
            testServices: services => services.AddOpenIddict().AddServer(server => server.AddEventHandler<OpenIddictServerEvents.ProcessRequestContext>(handler =>
                // First of all the handlers: it sees every request offered, endpoint or not.
                handler.UseInlineHandler(context =>
                {
                    offered.Enqueue(context.Transaction.GetHttpRequest()?.Path.Value ?? "");
                    return default;
                }).SetOrder(int.MinValue))));
        using var client = await host.CreateClientAsync();
        await using var db = host.CreateDbContext();
        var code = await PropertyUnits.CleanAsync(db);

        using var first = await client.GetAsync($"/api/v1/properties/{code}", Ct);
        using var second = await client.GetAsync($"/api/v1/properties/{code}", Ct);
        using var third = await client.GetAsync($"/api/v1/properties/{code}/restrictions", Ct);
        using var discovery = await client.GetAsync("/.well-known/openid-configuration", Ct);

        Assert.All(new[] { first, second, third, discovery }, response => Assert.True(response.IsSuccessStatusCode, response.StatusCode.ToString()));
        // The token's first request went the whole way (OpenIddict's validation needs its request state then); the
        // later ones were authenticated from the validated token at once. OpenIddict's own endpoints still get theirs.
        Assert.Single(offered, path => path.StartsWith("/api/", StringComparison.Ordinal));
        Assert.Contains("/.well-known/openid-configuration", offered);
    }

    [Fact]
    public async Task A_persons_principal_gets_their_id_number_of_record_in_a_principal_of_its_own_and_a_partners_is_shared_unchanged()
    {
        await using var host = await RegistryApp.CreateAsync(fixture, nameof(A_persons_principal_gets_their_id_number_of_record_in_a_principal_of_its_own_and_a_partners_is_shared_unchanged));
        using var client = host.CreateClient();
        await using var db = host.CreateDbContext();
        var citizen = await db.People.SingleAsync(p => p.UserName == "demo-citizen", Ct);
        var status = host.Services.GetRequiredService<AccessStatus>();

        // A token that claims another ID number: the claim is dropped and the number of record added, on a copy.
        var person = Principal(new Claim(RegistryClaims.PersonId, citizen.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), new Claim(RegistryClaims.IdNumber, "110101199003070000"));
        var applied = await status.ApplyAsync(person, english: false, Ct);
        var partner = Principal(new Claim(RegistryClaims.PartnerId, "1"), new Claim(OpenIddictConstants.Claims.ClientId, "demo-bank"));
        var partnerApplied = await status.ApplyAsync(partner, english: false, Ct);

        Assert.NotSame(person, applied);
        Assert.Equal([citizen.IdNumber], applied.FindAll(RegistryClaims.IdNumber).Select(c => c.Value));
        Assert.Equal(["110101199003070000"], person.FindAll(RegistryClaims.IdNumber).Select(c => c.Value));
        Assert.Equal(citizen.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), applied.FindFirst(RegistryClaims.PersonId)?.Value);
        Assert.True(applied.Identity?.IsAuthenticated);
        Assert.Same(partner, partnerApplied);
    }

    [Fact]
    public async Task The_answer_kept_for_callers_shown_no_personal_data_never_reaches_a_caller_entitled_to_more()
    {
        await using var host = await RegistryApp.CreateAsync(fixture, nameof(The_answer_kept_for_callers_shown_no_personal_data_never_reaches_a_caller_entitled_to_more));
        using var bank = await host.CreateClientAsync();
        using var staff = await PersonSignIn.ClientAsync(host, "demo-staff");
        await using var db = host.CreateDbContext();
        var code = await PropertyUnits.WithActiveRestrictionAsync(db, RestrictionKind.Mortgage);

        var before = await HoldersAsync(bank, code);
        var toStaff = await HoldersAsync(staff, code);
        var after = await HoldersAsync(bank, code);

        // The same cached view each time: the bank's answers masked, the staff's in the clear.
        Assert.All(before.Concat(after), holder => Assert.True(holder.GetProperty("masked").GetBoolean()));
        Assert.All(toStaff, holder => Assert.False(holder.GetProperty("masked").GetBoolean()));
        Assert.Equal(before.Select(h => h.GetProperty("name").GetString()), after.Select(h => h.GetProperty("name").GetString()));
        Assert.DoesNotContain(toStaff.Select(h => h.GetProperty("name").GetString()), name => name!.Contains('*', StringComparison.Ordinal));
    }

    private static ClaimsPrincipal Principal(params Claim[] claims) =>
        new(new ClaimsIdentity(claims, "Test", OpenIddictConstants.Claims.Name, OpenIddictConstants.Claims.Role));

    private static async Task<List<JsonElement>> HoldersAsync(HttpClient client, string code)
    {
        var property = await Json.ReadAsync(await client.GetAsync($"/api/v1/properties/{code}", Ct));
        return [.. property.GetProperty("rights").EnumerateArray()
            .SelectMany(r => r.GetProperty("holders").EnumerateArray())
            .Where(h => h.GetProperty("kind").GetString() == "PERSON")];
    }
}
