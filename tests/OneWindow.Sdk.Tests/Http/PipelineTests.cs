using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OneWindow.Sdk.Rest;
using OneWindow.Sdk.Tests.Infrastructure;
using Gql = OneWindow.Sdk.GraphQL;

namespace OneWindow.Sdk.Tests.Http;

/// <summary>
/// The SDK's HTTP pipeline against the real host: lost answers are retried with the same Idempotency-Key and stored
/// once, tokens are fetched once and reused, and every failure is one OneWindowApiException.
/// </summary>
[Collection(SdkHostCollection.Name)]
public sealed class PipelineTests(SdkHost host)
{
    private static CancellationToken Ct => SdkHost.Ct;

    private async Task<MortgageRegistrationRequest> MortgageAsync(OneWindowClient client)
    {
        var (unitCode, owner) = await host.FreeHouseAsync();
        return new()
        {
            MortgageKind = "GENERAL",
            UnitCodes = [unitCode],
            Mortgagors = [new() { Kind = "PERSON", Name = owner.Name, IdNumber = owner.IdNumber }],
            Mortgagee = new() { Kind = "ORGANISATION", Name = SdkHost.BankName, IdNumber = await host.CreditCodeAsync(SdkHost.BankName) },
            SecuredAmountFen = 10_000_000,
            DebtStartsOn = "2025-12-01",
            DebtEndsOn = "2028-11-30",
            Materials = await client.Banks.UploadRequiredMaterialsAsync(BusinessType.MORTGAGE_REGISTRATION_GENERAL, null, SdkHost.Pdf, Ct),
        };
    }

    private Task<int> StoredAsync(string unitCode) =>
        host.ReadAsync(db => db.Applications.CountAsync(a => a.Units.Any(u => u.UnitCode == unitCode), Ct));

    [Fact]
    public async Task A_REST_submission_whose_answers_are_lost_is_resent_with_the_same_key_and_stored_once()
    {
        FlakyHandler? flaky = null;
        using var client = host.Client("demo-bank", server => flaky = new FlakyHandler(server,
            (r, _) => r.Method == HttpMethod.Post && r.RequestUri!.AbsolutePath.EndsWith("/applications/mortgage-registrations", StringComparison.Ordinal), failures: 2));
        var request = await MortgageAsync(client);

        var submitted = await client.Banks.SubmitMortgageRegistrationAsync(request, cancellationToken: Ct);

        Assert.Equal(3, flaky!.Keys.Count);
        Assert.NotNull(Assert.Single(flaky.Keys.Distinct()));
        Assert.Equal(1, await StoredAsync(request.UnitCodes![0]));
        Assert.Equal(submitted.BusinessNumber, (await client.Banks.GetApplicationAsync(submitted.BusinessNumber, Ct)).BusinessNumber);
    }

    [Fact]
    public async Task A_GraphQL_mutation_whose_answers_are_lost_is_resent_with_the_same_key_and_stored_once()
    {
        FlakyHandler? flaky = null;
        using var client = host.Client("demo-bank", server => flaky = new FlakyHandler(server,
            (r, body) => r.RequestUri!.AbsolutePath.EndsWith("/graphql", StringComparison.Ordinal) && body.Contains("SubmitMortgageRegistration", StringComparison.Ordinal), failures: 2));
        var request = await MortgageAsync(client);
        var input = new Gql.MortgageRegistrationInput
        {
            MortgageKind = "GENERAL",
            UnitCodes = request.UnitCodes,
            Mortgagors = [.. request.Mortgagors!.Select(p => new Gql.PartyInput { Kind = p.Kind, Name = p.Name, IdNumber = p.IdNumber })],
            Mortgagee = new() { Kind = "ORGANISATION", Name = request.Mortgagee!.Name, IdNumber = request.Mortgagee.IdNumber },
            SecuredAmountFen = request.SecuredAmountFen,
            DebtStartsOn = request.DebtStartsOn,
            DebtEndsOn = request.DebtEndsOn,
            Materials = [.. request.Materials!.Select(m => new Gql.MaterialReferenceInput { MaterialId = m.MaterialId, Code = m.Code })],
        };

        var payload = (await client.Banks.GraphQL.SubmitMortgageRegistrationAsync(input, cancellationToken: Ct)).SubmitMortgageRegistration;

        Assert.Empty(payload.Errors);
        Assert.True(payload.Replayed);
        Assert.Equal(3, flaky!.Keys.Count);
        Assert.NotNull(Assert.Single(flaky.Keys.Distinct()));
        Assert.Equal(1, await StoredAsync(request.UnitCodes![0]));
    }

    [Fact]
    public async Task When_retries_run_out_the_failure_is_one_exception_and_a_refusal_is_never_retried()
    {
        FlakyHandler? flaky = null;
        using var client = host.Client("demo-bank", server => flaky = new FlakyHandler(server,
            (r, _) => r.RequestUri!.AbsolutePath.Contains("/restrictions", StringComparison.Ordinal), failures: 100), o => o.MaxRetryAttempts = 2);
        var (unitCode, _) = await host.FreeHouseAsync();

        // Three attempts: 503, a reset connection, 503 — the last answer is the exception's.
        var exhausted = await Assert.ThrowsAsync<OneWindowApiException>(() => client.Banks.GetRestrictionStatusAsync(unitCode, Ct));
        Assert.Equal(3, flaky!.Keys.Count);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, exhausted.Status);

        // Two attempts: 503, then a reset connection — no answer at all is the same exception type.
        FlakyHandler? broken = null;
        using var unreachable = host.Client("demo-bank", server => broken = new FlakyHandler(server,
            (r, _) => r.RequestUri!.AbsolutePath.Contains("/restrictions", StringComparison.Ordinal), failures: 100), o => o.MaxRetryAttempts = 1);
        var network = await Assert.ThrowsAsync<OneWindowApiException>(() => unreachable.Banks.GetRestrictionStatusAsync(unitCode, Ct));
        Assert.Equal(2, broken!.Keys.Count);
        Assert.Equal(("NETWORK_ERROR", (HttpStatusCode)0), (network.Code, network.Status));
        Assert.IsType<HttpRequestException>(network.InnerException);

        FlakyHandler? counting = null;
        using var refused = host.Client("demo-bank", server => counting = new FlakyHandler(server,
            (r, _) => r.RequestUri!.AbsolutePath.EndsWith("/mortgage-registrations", StringComparison.Ordinal), failures: 0));
        var error = await Assert.ThrowsAsync<OneWindowApiException>(() => refused.Banks.SubmitMortgageRegistrationAsync(
            new MortgageRegistrationRequest { MortgageKind = "GENERAL", UnitCodes = ["not-a-unit-code"] }, cancellationToken: Ct));
        Assert.Single(counting!.Keys);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.Status);
        Assert.Contains(error.FieldErrors, e => e.Field == "unitCodes[0]");
        Assert.False(string.IsNullOrEmpty(error.TraceId));
    }

    [Fact]
    public async Task Failures_are_one_exception_with_the_stable_code_status_and_trace_id()
    {
        using var client = host.Client("demo-bank");
        using var agency = host.Client("demo-agency");
        using var wrongSecret = host.Client("demo-bank", configure: o => o.ClientSecret = "not-the-secret");

        var malformed = await Assert.ThrowsAsync<OneWindowApiException>(() => client.Banks.GetApplicationAsync("20990101000000000001", Ct));
        var forbidden = await Assert.ThrowsAsync<OneWindowApiException>(() => agency.Rest.RotateCertificateKeysAsync(Ct));
        var graphQL = await Assert.ThrowsAsync<OneWindowApiException>(() => client.GraphQL.ExecuteAsync<object>(
            new Gql.GraphQLRequest("query Q { noSuchField }", "Q", new Dictionary<string, object?>()), Ct));
        var token = await Assert.ThrowsAsync<OneWindowApiException>(() => wrongSecret.Banks.GetRestrictionStatusAsync("441202001001GB00001F00010101", Ct));

        Assert.Equal((HttpStatusCode.BadRequest, "INVALID_BUSINESS_NUMBER"), (malformed.Status, malformed.Code));
        Assert.False(string.IsNullOrEmpty(malformed.TraceId));
        Assert.Equal((HttpStatusCode.Forbidden, "FORBIDDEN"), (forbidden.Status, forbidden.Code));
        Assert.Equal("GRAPHQL_VALIDATION_FAILED", graphQL.Code);
        Assert.Equal("invalid_client", token.Code);
    }

    [Fact]
    public async Task The_token_is_fetched_once_and_reused_across_requests_and_audiences()
    {
        var tokens = 0;
        using var client = host.Client("demo-bank", server => new CountingHandler(server, r => r.RequestUri!.AbsolutePath.EndsWith("/connect/token", StringComparison.Ordinal), () => tokens++));
        var (unitCode, _) = await host.FreeHouseAsync();

        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => client.Banks.GetRestrictionStatusAsync(unitCode, Ct)));
        await client.Banks.GraphQL.RestrictionStatusAsync(unitCode, Ct);
        await client.Banks.ListCertificatesAsync(Ct);

        Assert.Equal(1, tokens);
    }

    [Fact]
    public void A_host_registers_one_client_configured_from_its_services()
    {
        var services = new ServiceCollection();
        services.AddOneWindowClient(o => (o.BaseUrl, o.ClientId) = (new Uri("http://registry.example/"), "demo-bank"));
        using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<OneWindowClient>();

        Assert.Same(client, provider.GetRequiredService<OneWindowClient>());
        Assert.Equal("demo-bank", provider.GetRequiredService<IOptions<OneWindowClientOptions>>().Value.ClientId);
    }

    private sealed class ManualTime : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = DateTimeOffset.UtcNow;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public async Task A_token_is_fetched_again_when_it_is_about_to_expire_and_once_when_it_is_refused()
    {
        var tokens = 0;
        var refuse = false;
        var time = new ManualTime();
        using var client = host.Client("demo-bank", server => new CountingHandler(
            new RefusingHandler(server, () => refuse), r => r.RequestUri!.AbsolutePath.EndsWith("/connect/token", StringComparison.Ordinal), () => tokens++), time: time);
        var (unitCode, _) = await host.FreeHouseAsync();

        await client.Banks.GetRestrictionStatusAsync(unitCode, Ct);
        time.Now = time.Now.AddHours(2);
        await client.Banks.GetRestrictionStatusAsync(unitCode, Ct);
        Assert.Equal(2, tokens);

        // The platform refuses the cached token once (a key rotated, a restart): one new token, the request sent again.
        refuse = true;
        Assert.Equal(unitCode, (await client.Banks.GetRestrictionStatusAsync(unitCode, Ct)).UnitCode);
        Assert.Equal(3, tokens);
    }

    /// <summary>Answers 401 to the first API request after <paramref name="refuse"/> turns true, as a host that no longer accepts a token.</summary>
    private sealed class RefusingHandler(HttpMessageHandler inner, Func<bool> refuse) : DelegatingHandler(inner)
    {
        private bool _refused;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (refuse() && !_refused && request.RequestUri!.AbsolutePath.StartsWith("/api/", StringComparison.Ordinal))
            {
                _refused = true;
                return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.Unauthorized) { RequestMessage = request });
            }
            return base.SendAsync(request, cancellationToken);
        }
    }
}
