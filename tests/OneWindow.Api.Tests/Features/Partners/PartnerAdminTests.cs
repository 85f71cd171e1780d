using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Tests.Infrastructure;

namespace OneWindow.Api.Tests.Features.Partners;

/// <summary>The operator's host: a platform:admin token from demo-operator's sign-in.</summary>
public sealed class PartnerAdminFixture(RegistryFixture registry) : AppFixture(registry)
{
    public HttpClient Operator { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Operator = await PersonSignIn.ClientAsync(App, "demo-operator");
    }
}

/// <summary>Operators list, approve and suspend partners and manage their clients, over REST and GraphQL.</summary>
public sealed class PartnerAdminTests(PartnerAdminFixture fixture) : IClassFixture<PartnerAdminFixture>
{
    private readonly HttpClient _operator = fixture.Operator;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task List_filters_by_status_and_kind_and_pages_without_overlap()
    {
        var agencies = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            agencies.Add(await PartnerSteps.SignUpAsync(fixture.App, "agency"));
        }
        await PartnerSteps.SignUpAsync(fixture.App, "court");

        var first = await Json.ReadAsync(await _operator.GetAsync("/api/v1/admin/partners?status=pending&kind=AGENCY&limit=2", Ct));
        var second = await Json.ReadAsync(await _operator.GetAsync(
            $"/api/v1/admin/partners?status=PENDING&kind=agency&limit=2&after={first.GetProperty("nextCursor").GetString()}", Ct));

        var ids = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray())
            .Select(p => p.GetProperty("id").GetInt64()).ToList();
        // Oldest first, each once: exactly the pending agencies.
        Assert.Equal(agencies, ids);
        Assert.All(first.GetProperty("items").EnumerateArray(), p =>
        {
            Assert.Equal("AGENCY", p.GetProperty("kind").GetString());
            Assert.Equal("PENDING", p.GetProperty("status").GetString());
        });
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);

        var approved = await Json.ReadAsync(await _operator.GetAsync("/api/v1/admin/partners?status=approved", Ct));
        Assert.Contains(approved.GetProperty("items").EnumerateArray(), p => p.GetProperty("name").GetString() == "肇庆市端州区人民法院");
    }

    [Theory]
    [InlineData("status=ACTIVE", 400, "INVALID_PARTNER_STATUS")]
    [InlineData("kind=farmer", 400, "INVALID_PARTNER_KIND")]
    [InlineData("limit=0", 400, "INVALID_LIMIT")]
    [InlineData("limit=101", 400, "INVALID_LIMIT")]
    [InlineData("limit=ten", 400, "INVALID_LIMIT")]
    [InlineData("after=not-a-cursor", 400, "INVALID_CURSOR")]
    [InlineData("after=dTo0NDEyMDIwMDEwMDFHQjAwMDAxRjAwMDEwMTAx", 400, "INVALID_CURSOR")]
    public async Task List_with_bad_parameters_answers_a_precise_code(string query, int status, string code)
    {
        await Problem.AssertAsync(await _operator.GetAsync($"/api/v1/admin/partners?{query}", Ct), status, code);
    }

    [Fact]
    public async Task Approve_then_suspend_records_who_when_and_why()
    {
        var id = await PartnerSteps.SignUpAsync(fixture.App);

        var approved = await Json.ReadAsync(await _operator.PostAsync($"/api/v1/admin/partners/{id}/approve", null, Ct));
        Assert.Equal("APPROVED", approved.GetProperty("status").GetString());
        Assert.Equal("demo-operator", approved.GetProperty("reviewedBy").GetString());
        Assert.Equal(JsonValueKind.Null, approved.GetProperty("reviewNote").ValueKind);

        var suspended = await Json.ReadAsync(await _operator.PostAsJsonAsync($"/api/v1/admin/partners/{id}/suspend", new { note = "联系电话核实不通过" }, Ct));
        Assert.Equal("SUSPENDED", suspended.GetProperty("status").GetString());
        Assert.Equal("联系电话核实不通过", suspended.GetProperty("reviewNote").GetString());

        await using var db = fixture.App.CreateDbContext();
        var partner = await db.Partners.SingleAsync(p => p.Id == id, Ct);
        Assert.Equal(PartnerStatus.Suspended, partner.Status);
        Assert.Equal("demo-operator", partner.ReviewedBy);
        Assert.Equal("联系电话核实不通过", partner.ReviewNote);
        Assert.Equal(AppFixture.DemoClock.GetUtcNow().UtcDateTime, DateTime.SpecifyKind(partner.ReviewedAt!.Value, DateTimeKind.Utc));
    }

    [Fact]
    public async Task Review_conflicts_and_bad_notes_change_nothing()
    {
        var id = await PartnerSteps.SignUpAsync(fixture.App);

        var noReason = await Problem.AssertAsync(await _operator.PostAsJsonAsync($"/api/v1/admin/partners/{id}/suspend", new { note = "  " }, Ct), 400, "INVALID_REVIEW_NOTE");
        Assert.Equal("EMPTY", noReason.GetProperty("reason").GetString());
        var tooLong = await Problem.AssertAsync(await _operator.PostAsJsonAsync($"/api/v1/admin/partners/{id}/approve", new { note = new string('长', 1001) }, Ct), 400, "INVALID_REVIEW_NOTE");
        Assert.Equal("LENGTH", tooLong.GetProperty("reason").GetString());
        await Json.ReadAsync(await _operator.PostAsJsonAsync($"/api/v1/admin/partners/{id}/approve", new { note = "ok" }, Ct));
        await Problem.AssertAsync(await _operator.PostAsJsonAsync($"/api/v1/admin/partners/{id}/approve", new { note = "again" }, Ct), 409, "PARTNER_ALREADY_APPROVED");
        await Json.ReadAsync(await _operator.PostAsJsonAsync($"/api/v1/admin/partners/{id}/suspend", new { note = "暂停" }, Ct));
        await Problem.AssertAsync(await _operator.PostAsJsonAsync($"/api/v1/admin/partners/{id}/suspend", new { note = "再次暂停" }, Ct), 409, "PARTNER_ALREADY_SUSPENDED");

        await using var db = fixture.App.CreateDbContext();
        var partner = await db.Partners.SingleAsync(p => p.Id == id, Ct);
        Assert.Equal(PartnerStatus.Suspended, partner.Status);
        Assert.Equal("暂停", partner.ReviewNote);
    }

    [Theory]
    [InlineData("999999")]
    [InlineData("abc")]
    [InlineData("-1")]
    public async Task Unknown_partners_are_PARTNER_NOT_FOUND_everywhere(string id)
    {
        await Problem.AssertAsync(await _operator.GetAsync($"/api/v1/admin/partners/{id}", Ct), 404, "PARTNER_NOT_FOUND");
        await Problem.AssertAsync(await _operator.PostAsync($"/api/v1/admin/partners/{id}/approve", null, Ct), 404, "PARTNER_NOT_FOUND");
        await Problem.AssertAsync(await _operator.PostAsJsonAsync($"/api/v1/admin/partners/{id}/suspend", new { note = "x" }, Ct), 404, "PARTNER_NOT_FOUND");
        await Problem.AssertAsync(await _operator.GetAsync($"/api/v1/admin/partners/{id}/clients", Ct), 404, "PARTNER_NOT_FOUND");
        await Problem.AssertAsync(await _operator.PostAsync($"/api/v1/admin/partners/{id}/clients", null, Ct), 404, "PARTNER_NOT_FOUND");
    }

    [Fact]
    public async Task Only_an_approved_partner_gets_a_client()
    {
        var id = await PartnerSteps.SignUpAsync(fixture.App);
        await Problem.AssertAsync(await _operator.PostAsync($"/api/v1/admin/partners/{id}/clients", null, Ct), 409, "PARTNER_NOT_APPROVED");
        await Json.ReadAsync(await _operator.PostAsync($"/api/v1/admin/partners/{id}/approve", null, Ct));
        await Json.ReadAsync(await _operator.PostAsJsonAsync($"/api/v1/admin/partners/{id}/suspend", new { note = "暂停" }, Ct));

        await Problem.AssertAsync(await _operator.PostAsync($"/api/v1/admin/partners/{id}/clients", null, Ct), 409, "PARTNER_NOT_APPROVED");

        await using var db = fixture.App.CreateDbContext();
        Assert.False(await db.PartnerClients.AnyAsync(c => c.PartnerId == id, Ct));
    }

    [Fact]
    public async Task A_created_client_has_a_generated_id_the_scopes_of_its_kind_and_a_secret_shown_once()
    {
        var id = await PartnerSteps.ApprovedAsync(fixture.App, _operator, "verifier");

        var response = await _operator.PostAsync($"/api/v1/admin/partners/{id}/clients", null, Ct);

        Assert.Equal(201, (int)response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        var body = await Json.ReadAsync(response);
        var clientId = body.GetProperty("client").GetProperty("clientId").GetString()!;
        var secret = body.GetProperty("clientSecret").GetString()!;
        Assert.Matches($"^p{id}-[0-9a-f]{{10}}$", clientId);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", secret);
        Assert.Equal(["certificates:verify"], body.GetProperty("client").GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        var list = await _operator.GetStringAsync($"/api/v1/admin/partners/{id}/clients", Ct);
        Assert.Contains(clientId, list);
        Assert.DoesNotContain(secret, list);
        Assert.DoesNotContain("secret\":\"", list, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_partner_has_at_most_ten_active_clients()
    {
        var id = await PartnerSteps.ApprovedAsync(fixture.App, _operator);
        var clients = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            clients.Add((await PartnerSteps.CreateClientAsync(_operator, id)).ClientId);
        }

        await Problem.AssertAsync(await _operator.PostAsync($"/api/v1/admin/partners/{id}/clients", null, Ct), 409, "TOO_MANY_CLIENTS");
        await Json.ReadAsync(await _operator.PostAsync($"/api/v1/admin/clients/{clients[0]}/revoke", null, Ct));
        await PartnerSteps.CreateClientAsync(_operator, id);
    }

    [Fact]
    public async Task Rotating_or_revoking_an_unknown_or_revoked_client_is_refused()
    {
        var id = await PartnerSteps.ApprovedAsync(fixture.App, _operator);
        var (clientId, _) = await PartnerSteps.CreateClientAsync(_operator, id);
        await Problem.AssertAsync(await _operator.PostAsync("/api/v1/admin/clients/p1-0000000000/rotate-secret", null, Ct), 404, "CLIENT_NOT_FOUND");
        await Problem.AssertAsync(await _operator.PostAsync("/api/v1/admin/clients/demo-portal/rotate-secret", null, Ct), 404, "CLIENT_NOT_FOUND");
        await Problem.AssertAsync(await _operator.PostAsync("/api/v1/admin/clients/nobody/revoke", null, Ct), 404, "CLIENT_NOT_FOUND");
        await Json.ReadAsync(await _operator.PostAsync($"/api/v1/admin/clients/{clientId}/revoke", null, Ct));

        await Problem.AssertAsync(await _operator.PostAsync($"/api/v1/admin/clients/{clientId}/revoke", null, Ct), 409, "CLIENT_REVOKED");
        await Problem.AssertAsync(await _operator.PostAsync($"/api/v1/admin/clients/{clientId}/rotate-secret", null, Ct), 409, "CLIENT_REVOKED");
        await using var db = fixture.App.CreateDbContext();
        var client = await db.PartnerClients.Include(c => c.RetiredSecrets).SingleAsync(c => c.ClientId == clientId, Ct);
        Assert.Null(client.SecretRotatedAt);
        Assert.Empty(client.RetiredSecrets);
    }

    [Fact]
    public async Task GraphQL_operator_reviews_a_partner_and_manages_its_client()
    {
        var id = await PartnerSteps.SignUpAsync(fixture.App, "developer");
        var partnerId = id.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var pending = await PartnerSteps.GraphQLDataAsync(_operator,
            "query($id: ID!) { partner(id: $id) { id name creditCode kind status contactPhone scopes clients { clientId } } partners(status: PENDING, kind: DEVELOPER, first: 100) { edges { node { id } } } }",
            new { id = partnerId });
        Assert.Equal("DEVELOPER", pending.GetProperty("partner").GetProperty("kind").GetString());
        Assert.Equal("13800138000", pending.GetProperty("partner").GetProperty("contactPhone").GetString());
        Assert.Contains(pending.GetProperty("partners").GetProperty("edges").EnumerateArray(), e => e.GetProperty("node").GetProperty("id").GetString() == partnerId);

        var approved = await PartnerSteps.GraphQLDataAsync(_operator,
            "mutation($id: ID!) { approvePartner(input: { partnerId: $id, note: \"材料齐全\" }) { partner { status reviewedBy reviewNote } errors { code } } }", new { id = partnerId });
        Assert.Equal("APPROVED", approved.GetProperty("approvePartner").GetProperty("partner").GetProperty("status").GetString());
        Assert.Equal("demo-operator", approved.GetProperty("approvePartner").GetProperty("partner").GetProperty("reviewedBy").GetString());

        var again = await PartnerSteps.GraphQLDataAsync(_operator,
            "mutation($id: ID!) { approvePartner(input: { partnerId: $id }) { partner { status } errors { code message } } }", new { id = partnerId });
        Assert.Equal(JsonValueKind.Null, again.GetProperty("approvePartner").GetProperty("partner").ValueKind);
        Assert.Equal("PARTNER_ALREADY_APPROVED", again.GetProperty("approvePartner").GetProperty("errors")[0].GetProperty("code").GetString());

        var created = (await PartnerSteps.GraphQLDataAsync(_operator,
            "mutation($id: ID!) { createPartnerClient(input: { partnerId: $id }) { client { clientId status scopes } clientSecret errors { code } } }", new { id = partnerId }))
            .GetProperty("createPartnerClient");
        var clientId = created.GetProperty("client").GetProperty("clientId").GetString()!;
        var secret = created.GetProperty("clientSecret").GetString()!;
        Assert.Equal(200, (await PartnerSteps.RequestTokenAsync(fixture.App, clientId, secret)).Status);

        var rotated = (await PartnerSteps.GraphQLDataAsync(_operator,
            "mutation($c: String!) { rotatePartnerClientSecret(input: { clientId: $c }) { client { secretRotatedAt previousSecretExpiresAt } clientSecret errors { code } } }", new { c = clientId }))
            .GetProperty("rotatePartnerClientSecret");
        var newSecret = rotated.GetProperty("clientSecret").GetString()!;
        Assert.NotEqual(secret, newSecret);
        Assert.Equal(JsonValueKind.String, rotated.GetProperty("client").GetProperty("previousSecretExpiresAt").ValueKind);

        var listed = await PartnerSteps.GraphQLDataAsync(_operator,
            "query($id: ID!) { partner(id: $id) { clients { clientId status secretRotatedAt previousSecretExpiresAt scopes } } }", new { id = partnerId });
        Assert.DoesNotContain(secret, listed.ToString());
        Assert.DoesNotContain(newSecret, listed.ToString());

        var revoked = await PartnerSteps.GraphQLDataAsync(_operator,
            "mutation($c: String!) { revokePartnerClient(input: { clientId: $c }) { client { status revokedAt } errors { code } } }", new { c = clientId });
        Assert.Equal("REVOKED", revoked.GetProperty("revokePartnerClient").GetProperty("client").GetProperty("status").GetString());
        var suspended = await PartnerSteps.GraphQLDataAsync(_operator,
            "mutation($id: ID!) { suspendPartner(input: { partnerId: $id, note: \"停用\" }) { partner { status reviewNote } errors { code } } }", new { id = partnerId });
        Assert.Equal("SUSPENDED", suspended.GetProperty("suspendPartner").GetProperty("partner").GetProperty("status").GetString());
        Assert.Equal(401, (await PartnerSteps.RequestTokenAsync(fixture.App, clientId, newSecret)).Status);
    }

    [Fact]
    public async Task Every_answer_carrying_a_partner_contact_is_audited()
    {
        var id = await PartnerSteps.SignUpAsync(fixture.App);
        var subject = $"partner:{id}";
        var partnerId = id.ToString(System.Globalization.CultureInfo.InvariantCulture);

        await PartnerSteps.GraphQLDataAsync(_operator, "query($id: ID!) { partner(id: $id) { name status } }", new { id = partnerId });
        Assert.Equal(0, await AuditCountAsync(subject));

        await Json.ReadAsync(await _operator.GetAsync($"/api/v1/admin/partners/{id}", Ct));
        Assert.Equal(1, await AuditCountAsync(subject));
        await Json.ReadAsync(await _operator.GetAsync("/api/v1/admin/partners?status=PENDING&limit=100", Ct));
        Assert.Equal(2, await AuditCountAsync(subject));
        await PartnerSteps.GraphQLDataAsync(_operator, "query($id: ID!) { partner(id: $id) { contactPhone } }", new { id = partnerId });
        Assert.Equal(3, await AuditCountAsync(subject));

        await using var db = fixture.App.CreateDbContext();
        var records = await db.AuditRecords.Where(r => r.Subject == subject).OrderBy(r => r.Id).ToListAsync(Ct);
        Assert.All(records, r => Assert.Equal(("demo-operator", "operator"), (r.Caller, r.CallerKind)));
        Assert.Equal("contactPhone", records[^1].Fields);
    }

    private async Task<int> AuditCountAsync(string subject)
    {
        await using var db = fixture.App.CreateDbContext();
        return await db.AuditRecords.CountAsync(r => r.Subject == subject, Ct);
    }

    [Fact]
    public async Task GraphQL_unknown_partner_is_null_and_bad_arguments_are_errors()
    {
        var data = await PartnerSteps.GraphQLDataAsync(_operator, "{ partner(id: \"999999\") { id } a: partner(id: \"x\") { id } }");
        Assert.Equal(JsonValueKind.Null, data.GetProperty("partner").ValueKind);
        Assert.Equal(JsonValueKind.Null, data.GetProperty("a").ValueKind);

        var body = await PartnerSteps.GraphQLAsync(_operator, "{ partners(first: 0) { edges { cursor } } }");
        Assert.Equal("INVALID_LIMIT", body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());

        var payload = await PartnerSteps.GraphQLDataAsync(_operator,
            "mutation { createPartnerClient(input: { partnerId: \"999999\" }) { client { clientId } clientSecret errors { code field } } }");
        Assert.Equal("PARTNER_NOT_FOUND", payload.GetProperty("createPartnerClient").GetProperty("errors")[0].GetProperty("code").GetString());
        Assert.Equal(JsonValueKind.Null, payload.GetProperty("createPartnerClient").GetProperty("clientSecret").ValueKind);
    }
}
