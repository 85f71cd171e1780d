using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Tests.Infrastructure;

namespace OneWindow.Api.Tests.Features.Partners;

/// <summary>A pending partner and an approved partner with an active client, for callers who may not touch them.</summary>
public sealed class PartnerAdminAccessFixture(RegistryFixture registry) : AppFixture(registry)
{
    public long PendingPartnerId { get; private set; }
    public long ApprovedPartnerId { get; private set; }
    public string ClientOfApproved { get; private set; } = "";

    private readonly Dictionary<string, string> _tokens = [];

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        using var operatorClient = await PersonSignIn.ClientAsync(App, "demo-operator");
        PendingPartnerId = await PartnerSteps.SignUpAsync(App);
        ApprovedPartnerId = await PartnerSteps.ApprovedAsync(App, operatorClient);
        ClientOfApproved = (await PartnerSteps.CreateClientAsync(operatorClient, ApprovedPartnerId)).ClientId;
        _tokens["demo-bank"] = await App.TokenAsync("demo-bank");
        _tokens["demo-court"] = await App.TokenAsync("demo-court");
        _tokens["demo-staff"] = await PersonSignIn.TokenAsync(App, "demo-staff");
        _tokens["demo-citizen"] = await PersonSignIn.TokenAsync(App, "demo-citizen");
        // An operator who signed in without asking for platform:admin.
        _tokens["operator-without-admin-scope"] = await PersonSignIn.TokenAsync(App, "demo-operator", scope: "openid profile properties:read");
    }

    /// <summary>An HTTP client for a caller: "anonymous" sends no token.</summary>
    public HttpClient ClientFor(string caller)
    {
        var client = App.CreateClient();
        if (caller != "anonymous")
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _tokens[caller]);
        }
        return client;
    }
}

/// <summary>Every operator operation, REST and GraphQL, refuses callers without platform:admin and changes nothing.</summary>
public sealed class PartnerAdminAccessTests(PartnerAdminAccessFixture fixture) : IClassFixture<PartnerAdminAccessFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, int, string> Callers => new()
    {
        { "anonymous", 401, "UNAUTHENTICATED" },
        { "demo-bank", 403, "FORBIDDEN" },
        { "demo-court", 403, "FORBIDDEN" },
        { "demo-staff", 403, "FORBIDDEN" },
        { "demo-citizen", 403, "FORBIDDEN" },
        { "operator-without-admin-scope", 403, "FORBIDDEN" },
    };

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task REST_operator_operations_refuse_other_callers(string caller, int status, string code)
    {
        using var client = fixture.ClientFor(caller);
        var pending = fixture.PendingPartnerId;
        var approved = fixture.ApprovedPartnerId;
        var requests = new Func<Task<HttpResponseMessage>>[]
        {
            () => client.GetAsync("/api/v1/admin/partners", Ct),
            () => client.GetAsync("/api/v1/admin/partners?status=PENDING", Ct),
            () => client.GetAsync($"/api/v1/admin/partners/{pending}", Ct),
            () => client.PostAsJsonAsync($"/api/v1/admin/partners/{pending}/approve", new { note = "x" }, Ct),
            () => client.PostAsJsonAsync($"/api/v1/admin/partners/{approved}/suspend", new { note = "x" }, Ct),
            () => client.GetAsync($"/api/v1/admin/partners/{approved}/clients", Ct),
            () => client.PostAsync($"/api/v1/admin/partners/{approved}/clients", null, Ct),
            () => client.PostAsync($"/api/v1/admin/clients/{fixture.ClientOfApproved}/rotate-secret", null, Ct),
            () => client.PostAsync($"/api/v1/admin/clients/{fixture.ClientOfApproved}/revoke", null, Ct),
            // Refused before anything is looked up: no answer tells an outsider whether a partner exists.
            () => client.GetAsync("/api/v1/admin/partners/999999", Ct),
        };

        foreach (var request in requests)
        {
            using var response = await request();
            await Problem.AssertAsync(response, status, code);
        }

        await AssertNothingChangedAsync();
    }

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task GraphQL_operator_fields_refuse_other_callers(string caller, int status, string code)
    {
        _ = status;
        using var client = fixture.ClientFor(caller);
        var pending = fixture.PendingPartnerId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var approved = fixture.ApprovedPartnerId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var client1 = fixture.ClientOfApproved;
        var operations = new[]
        {
            "{ partners { edges { node { id name contactPhone } } } }",
            $"{{ partner(id: \"{pending}\") {{ id name }} }}",
            $"{{ partner(id: \"{approved}\") {{ clients {{ clientId }} }} }}",
            $"mutation {{ approvePartner(input: {{ partnerId: \"{pending}\" }}) {{ partner {{ status }} errors {{ code }} }} }}",
            $"mutation {{ suspendPartner(input: {{ partnerId: \"{approved}\", note: \"x\" }}) {{ partner {{ status }} errors {{ code }} }} }}",
            $"mutation {{ createPartnerClient(input: {{ partnerId: \"{approved}\" }}) {{ clientSecret errors {{ code }} }} }}",
            $"mutation {{ rotatePartnerClientSecret(input: {{ clientId: \"{client1}\" }}) {{ clientSecret errors {{ code }} }} }}",
            $"mutation {{ revokePartnerClient(input: {{ clientId: \"{client1}\" }}) {{ client {{ status }} errors {{ code }} }} }}",
        };

        foreach (var operation in operations)
        {
            var body = await PartnerSteps.GraphQLAsync(client, operation);
            Assert.True(body.TryGetProperty("errors", out var errors), $"{operation}: {body}");
            Assert.Equal(code, errors[0].GetProperty("extensions").GetProperty("code").GetString());
            // No data at all, or the field null: nothing of a partner or a secret.
            Assert.True(!body.TryGetProperty("data", out var data) || data.ValueKind == JsonValueKind.Null
                || data.EnumerateObject().All(f => f.Value.ValueKind == JsonValueKind.Null), body.ToString());
        }

        await AssertNothingChangedAsync();
    }

    [Fact]
    public async Task Sign_up_stays_open_to_anonymous_callers()
    {
        using var anonymous = fixture.ClientFor("anonymous");
        Assert.Equal(201, (int)(await anonymous.PostAsJsonAsync("/api/v1/partners/sign-up", PartnerSteps.SignUpBody(), Ct)).StatusCode);
    }

    private async Task AssertNothingChangedAsync()
    {
        await using var db = fixture.App.CreateDbContext();
        var pending = await db.Partners.SingleAsync(p => p.Id == fixture.PendingPartnerId, Ct);
        var approved = await db.Partners.SingleAsync(p => p.Id == fixture.ApprovedPartnerId, Ct);
        Assert.Equal(PartnerStatus.Pending, pending.Status);
        Assert.Null(pending.ReviewedBy);
        Assert.Equal(PartnerStatus.Approved, approved.Status);
        var clients = await db.PartnerClients.Include(c => c.RetiredSecrets).Where(c => c.PartnerId == fixture.ApprovedPartnerId).ToListAsync(Ct);
        var client = Assert.Single(clients);
        Assert.Equal(ClientStatus.Active, client.Status);
        Assert.Null(client.SecretRotatedAt);
        Assert.Empty(client.RetiredSecrets);
    }
}
