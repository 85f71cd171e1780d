using Microsoft.Extensions.DependencyInjection;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Events.Live;
using OneWindow.Api.Tests.Infrastructure;
using OneWindow.Sdk.Rest;
using OneWindow.Sdk.Tests.Infrastructure;
using Gql = OneWindow.Sdk.GraphQL;

namespace OneWindow.Sdk.Tests.Audiences;

/// <summary>
/// The SDK's subscriptions (graphql-transport-ws) against the real in-process host: a bank watches its application and
/// a unit as <c>IAsyncEnumerable</c>, causes changes and hears them; refusals and close codes are
/// <see cref="OneWindowApiException"/>s. Every wait is on a message or a condition, bounded by minutes.
/// </summary>
[Collection(SdkHostCollection.Name)]
public sealed class SubscriptionTests(SdkHost host)
{
    private static CancellationToken Ct => SdkHost.Ct;

    private int Listeners => host.App.Services.GetRequiredService<LiveEvents>().Count;

    /// <summary>Waits for a condition on the host, checking every 50 ms, for at most three minutes.</summary>
    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"never: {what}");
            await Task.Delay(50, Ct);
        }
    }

    private async Task<(string Number, string UnitCode, Party Owner)> SubmittedMortgageAsync(OneWindowClient client)
    {
        var (unitCode, owner) = await host.FreeHouseAsync();
        var submitted = await client.Banks.SubmitMortgageRegistrationAsync(new MortgageRegistrationRequest
        {
            MortgageKind = "GENERAL",
            UnitCodes = [unitCode],
            Mortgagors = [new() { Kind = "PERSON", Name = owner.Name, IdNumber = owner.IdNumber }],
            Mortgagee = new() { Kind = "ORGANISATION", Name = SdkHost.BankName, IdNumber = await host.CreditCodeAsync(SdkHost.BankName) },
            SecuredAmountFen = 30_000_000,
            DebtStartsOn = "2025-12-01",
            DebtEndsOn = "2035-11-30",
            Materials = await client.Banks.UploadRequiredMaterialsAsync(BusinessType.MORTGAGE_REGISTRATION_GENERAL, null, SdkHost.Pdf, Ct),
        }, cancellationToken: Ct);
        return (submitted.BusinessNumber!, unitCode, owner);
    }

    [Fact]
    public async Task A_bank_watches_its_application_and_the_unit_and_hears_each_change_until_it_stops()
    {
        using var client = host.Client("demo-bank");
        var (number, unitCode, owner) = await SubmittedMortgageAsync(client);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        limit.CancelAfter(TimeSpan.FromMinutes(5));
        var before = Listeners;

        var steps = client.Banks.WatchApplicationAsync(number, limit.Token).GetAsyncEnumerator(limit.Token);
        var changes = client.Banks.WatchUnitAsync(unitCode, limit.Token).GetAsyncEnumerator(limit.Token);
        var firstStep = steps.MoveNextAsync().AsTask();
        var firstChange = changes.MoveNextAsync().AsTask();
        try
        {
            // Both subscriptions are in place on the host before anything changes.
            await WaitForAsync(() => Listeners >= before + 2, "the two subscriptions on the host");

            using (var mortgagor = await host.PersonAsync(owner))
            {
                await SdkHost.StepsAsync(mortgagor, number, "confirm");
            }
            using (var staff = await PersonSignIn.ClientAsync(host.App, "demo-staff"))
            {
                await SdkHost.StepsAsync(staff, number, "accept", "start-review", "record");
            }

            // Each step's event, in order; its progress is read when it is delivered (it may already be further on).
            var seen = new List<string>();
            Assert.True(await firstStep);
            while (true)
            {
                var step = steps.Current;
                Assert.Equal(number, step.Progress.BusinessNumber);
                Assert.False(string.IsNullOrEmpty(step.EventId));
                seen.Add(step.Type);
                if (step.Type == "application.recorded")
                {
                    Assert.Equal(Gql.ApplicationStatus.Recorded, step.Progress.Status);
                    break;
                }
                Assert.True(await steps.MoveNextAsync());
            }
            Assert.Equal(["application.accepted", "application.underReview", "application.recorded"],
                seen.Where(t => t is "application.accepted" or "application.underReview" or "application.recorded"));

            Assert.True(await firstChange);
            while (changes.Current.Type != "unit.mortgageRecorded")
            {
                Assert.True(await changes.MoveNextAsync());
            }
            Assert.Equal(unitCode, changes.Current.UnitCode);
            Assert.Contains(changes.Current.Property.Restrictions, r => r.Kind == Gql.RestrictionKind.Mortgage && r.InForce);
        }
        finally
        {
            if (!firstStep.IsCompleted || !firstChange.IsCompleted)
            {
                // After a failure a first read may still wait: cancel it, so the enumerators can be disposed.
                await limit.CancelAsync();
                await Task.WhenAny(Task.WhenAll(firstStep, firstChange));
            }
            await steps.DisposeAsync();
            await changes.DisposeAsync();
        }
        // Stopping the loops completed both subscriptions on the host.
        await WaitForAsync(() => Listeners <= before, "the subscriptions to end on the host");
    }

    [Fact]
    public async Task Refusals_and_close_codes_are_OneWindowApiExceptions_with_the_platforms_codes()
    {
        using var bank = host.Client("demo-bank");
        var (number, _, _) = await SubmittedMortgageAsync(bank);

        // Another partner's application is not found, as over HTTP.
        using var developer = host.Client("demo-developer");
        var notFound = await Assert.ThrowsAsync<OneWindowApiException>(async () =>
        {
            await foreach (var _ in developer.Banks.WatchApplicationAsync(number, Ct))
            {
                Assert.Fail("the developer heard of the bank's application");
            }
        });
        Assert.Equal("APPLICATION_NOT_FOUND", notFound.Code);

        // A malformed unit code: the argument's own error.
        var invalid = await Assert.ThrowsAsync<OneWindowApiException>(async () =>
        {
            await foreach (var _ in bank.Banks.WatchUnitAsync("not-a-unit-code", Ct))
            {
                Assert.Fail("a change of no unit");
            }
        });
        Assert.Equal("INVALID_UNIT_CODE", invalid.Code);

        // No token at connection_init: the platform closes with 4403.
        using var anonymous = host.Client(null);
        var forbidden = await Assert.ThrowsAsync<OneWindowApiException>(async () =>
        {
            await foreach (var _ in anonymous.Banks.WatchUnitAsync("441202001001GB00001F00010203", Ct))
            {
                Assert.Fail("an anonymous subscriber heard something");
            }
        });
        Assert.Equal("FORBIDDEN", forbidden.Code);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, forbidden.Status);
    }

    [Theory]
    [InlineData(4400, "GRAPHQL_WS_INVALID_MESSAGE", 400)]
    [InlineData(4401, "UNAUTHENTICATED", 401)]
    [InlineData(4403, "FORBIDDEN", 403)]
    [InlineData(4408, "TIMEOUT", 408)]
    [InlineData(4409, "GRAPHQL_WS_DUPLICATE_ID", 409)]
    [InlineData(4429, "GRAPHQL_WS_TOO_MANY_INITS", 429)]
    [InlineData(1009, "GRAPHQL_WS_MESSAGE_TOO_BIG", 413)]
    [InlineData(1011, "NETWORK_ERROR", 0)]
    public void Each_close_code_of_the_protocol_maps_to_a_stable_code(int close, string code, int status)
    {
        var exception = Gql.GraphQLWebSocketSubscriber.Closed((System.Net.WebSockets.WebSocketCloseStatus)close, "closed");
        Assert.Equal(code, exception.Code);
        Assert.Equal(status, (int)exception.Status);
    }
}
