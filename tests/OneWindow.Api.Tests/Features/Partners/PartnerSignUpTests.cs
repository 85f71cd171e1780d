using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Tests.Infrastructure;

namespace OneWindow.Api.Tests.Features.Partners;

public sealed class PartnerSignUpFixture(RegistryFixture registry) : AppFixture(registry);

/// <summary>Anonymous partner sign-up over REST and GraphQL: a pending partner, or a precise code and nothing written.</summary>
public sealed class PartnerSignUpTests(PartnerSignUpFixture fixture) : IClassFixture<PartnerSignUpFixture>
{
    private readonly HttpClient _anonymous = fixture.App.CreateClient();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string SignUpMutation =
        "mutation($input: SignUpPartnerInput!) { signUpPartner(input: $input) { partnerId status errors { code reason field message } } }";

    [Fact]
    public async Task Sign_up_creates_a_pending_partner_with_canonical_contact_details()
    {
        var code = PartnerSteps.NewCreditCode();

        var response = await _anonymous.PostAsJsonAsync("/api/v1/partners/sign-up", new
        {
            name = "  肇庆示范农村商业银行股份有限公司  ",
            creditCode = code.ToLowerInvariant(),
            kind = "bank",
            contactName = "陈联络",
            contactPhone = "+86 138-0013-8000",
            contactEmail = "Chen.LianLuo@Example.CN",
        }, Ct);

        Assert.Equal(201, (int)response.StatusCode);
        var body = await Json.ReadAsync(response);
        Assert.Equal("PENDING", body.GetProperty("status").GetString());
        var id = body.GetProperty("id").GetInt64();
        await using var db = fixture.App.CreateDbContext();
        var partner = await db.Partners.SingleAsync(p => p.Id == id, Ct);
        Assert.Equal("肇庆示范农村商业银行股份有限公司", partner.Name);
        Assert.Equal(code, partner.CreditCode);
        Assert.Equal(PartnerKind.Bank, partner.Kind);
        Assert.Equal(PartnerStatus.Pending, partner.Status);
        Assert.Equal("13800138000", partner.ContactPhone);
        Assert.Equal("Chen.LianLuo@example.cn", partner.ContactEmail);
        Assert.Equal(AppFixture.DemoClock.GetUtcNow().UtcDateTime, DateTime.SpecifyKind(partner.CreatedAt, DateTimeKind.Utc));
        Assert.Null(partner.ReviewedAt);
        Assert.False(await db.PartnerClients.AnyAsync(c => c.PartnerId == id, Ct));
    }

    [Theory]
    [InlineData("020 12345678", "020-12345678")]
    [InlineData("0758-2123456", "0758-2123456")]
    [InlineData("+86 758 2123456", "0758-2123456")]
    [InlineData("13912345678", "13912345678")]
    public async Task Sign_up_accepts_mobiles_and_landlines_with_area_codes(string phone, string stored)
    {
        var body = await Json.ReadAsync(await _anonymous.PostAsJsonAsync("/api/v1/partners/sign-up", new
        {
            name = "肇庆示范置业有限公司第二分公司",
            creditCode = PartnerSteps.NewCreditCode(),
            kind = "DEVELOPER",
            contactName = "李四",
            contactPhone = phone,
            contactEmail = "li@dev.example.cn",
        }, Ct));

        await using var db = fixture.App.CreateDbContext();
        var id = body.GetProperty("id").GetInt64();
        Assert.Equal(stored, await db.Partners.Where(p => p.Id == id).Select(p => p.ContactPhone).SingleAsync(Ct));
    }

    [Theory]
    [InlineData("", "EMPTY")]
    [InlineData("91441202MA000001", "LENGTH")]
    [InlineData("91441202MA0000010X", "CHECK_CHARACTER")]
    [InlineData("91441202MA000001I0", "CHARACTERS")]
    [InlineData("B1441202MA00000100", "REGISTRATION_AUTHORITY")]
    [InlineData("91991202MA00000100", "DIVISION")]
    public async Task Sign_up_with_a_malformed_credit_code_is_INVALID_CREDIT_CODE_with_its_reason(string code, string reason)
    {
        var before = await PartnerCountAsync();

        var response = await _anonymous.PostAsJsonAsync("/api/v1/partners/sign-up", PartnerSteps.SignUpBody(creditCode: code), Ct);

        var problem = await Problem.AssertAsync(response, 400, "INVALID_CREDIT_CODE");
        Assert.Equal(reason, problem.GetProperty("reason").GetString());
        Assert.Equal("creditCode", problem.GetProperty("field").GetString());
        Assert.Equal(before, await PartnerCountAsync());
    }

    [Theory]
    [InlineData("name", "", "INVALID_PARTNER_NAME", "EMPTY")]
    [InlineData("name", "银", "INVALID_PARTNER_NAME", "LENGTH")]
    [InlineData("name", "银行\u0007股份", "INVALID_PARTNER_NAME", "CHARACTERS")]
    [InlineData("kind", "farmer", "INVALID_PARTNER_KIND", "FORMAT")]
    [InlineData("kind", "1", "INVALID_PARTNER_KIND", "FORMAT")]
    [InlineData("kind", "", "INVALID_PARTNER_KIND", "EMPTY")]
    [InlineData("contactName", " ", "INVALID_CONTACT_NAME", "EMPTY")]
    [InlineData("contactPhone", "12345", "INVALID_CONTACT_PHONE", "FORMAT")]
    [InlineData("contactPhone", "1380013800O", "INVALID_CONTACT_PHONE", "CHARACTERS")]
    [InlineData("contactPhone", "+1 415 555 0100", "INVALID_CONTACT_PHONE", "FORMAT")]
    [InlineData("contactPhone", "0758-212345", "INVALID_CONTACT_PHONE", "FORMAT")]
    [InlineData("contactEmail", "", "INVALID_CONTACT_EMAIL", "EMPTY")]
    [InlineData("contactEmail", "contact@localhost", "INVALID_CONTACT_EMAIL", "FORMAT")]
    [InlineData("contactEmail", "陈 <chen@example.cn>", "INVALID_CONTACT_EMAIL", "FORMAT")]
    [InlineData("contactEmail", "a b@example.cn", "INVALID_CONTACT_EMAIL", "FORMAT")]
    public async Task Sign_up_with_an_invalid_field_names_it_and_writes_nothing(string field, string value, string code, string reason)
    {
        var body = JsonSerializer.SerializeToNode(PartnerSteps.SignUpBody())!.AsObject();
        body[field] = value;
        var before = await PartnerCountAsync();

        var response = await _anonymous.PostAsJsonAsync("/api/v1/partners/sign-up", body, Ct);

        var problem = await Problem.AssertAsync(response, 400, code);
        Assert.Equal(reason, problem.GetProperty("reason").GetString());
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.Equal(before, await PartnerCountAsync());
    }

    [Fact]
    public async Task Sign_up_without_a_body_or_with_bad_json_is_BAD_REQUEST()
    {
        await Problem.AssertAsync(await _anonymous.PostAsync("/api/v1/partners/sign-up", new StringContent("{\"name\":", System.Text.Encoding.UTF8, "application/json"), Ct), 400, "BAD_REQUEST");
        await Problem.AssertAsync(await _anonymous.PostAsJsonAsync("/api/v1/partners/sign-up", new { }, Ct), 400, "INVALID_PARTNER_NAME");
    }

    [Fact]
    public async Task Sign_up_of_a_registered_credit_code_is_PARTNER_ALREADY_REGISTERED_and_says_nothing_about_that_partner()
    {
        await using var db = fixture.App.CreateDbContext();
        var existing = await db.Partners.SingleAsync(p => p.Name == "肇庆示范商业银行股份有限公司端州支行", Ct);
        var before = await PartnerCountAsync();

        var response = await _anonymous.PostAsJsonAsync("/api/v1/partners/sign-up", PartnerSteps.SignUpBody(creditCode: existing.CreditCode.ToLowerInvariant()), Ct);

        var problem = await Problem.AssertAsync(response, 409, "PARTNER_ALREADY_REGISTERED");
        var text = problem.ToString();
        Assert.DoesNotContain(existing.Name, text);
        Assert.DoesNotContain("APPROVED", text);
        Assert.DoesNotContain($"\"{existing.Id}\"", text);
        Assert.Equal(before, await PartnerCountAsync());
    }

    [Fact]
    public async Task The_same_credit_code_signs_up_once()
    {
        var code = PartnerSteps.NewCreditCode();
        Assert.Equal(201, (int)(await _anonymous.PostAsJsonAsync("/api/v1/partners/sign-up", PartnerSteps.SignUpBody(creditCode: code), Ct)).StatusCode);

        var again = await _anonymous.PostAsJsonAsync("/api/v1/partners/sign-up", PartnerSteps.SignUpBody(creditCode: code, kind: "agency", name: "另一家代理公司"), Ct);

        await Problem.AssertAsync(again, 409, "PARTNER_ALREADY_REGISTERED");
    }

    [Fact]
    public async Task GraphQL_sign_up_creates_a_pending_partner()
    {
        var data = await PartnerSteps.GraphQLDataAsync(_anonymous, SignUpMutation, new
        {
            input = new { name = "示范核验二号科技有限公司", creditCode = PartnerSteps.NewCreditCode(), kind = "VERIFIER", contactName = "王五", contactPhone = "13600000000", contactEmail = "wang@verify.example.cn" },
        });

        var payload = data.GetProperty("signUpPartner");
        Assert.Equal("PENDING", payload.GetProperty("status").GetString());
        Assert.Empty(payload.GetProperty("errors").EnumerateArray());
        var id = long.Parse(payload.GetProperty("partnerId").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        await using var db = fixture.App.CreateDbContext();
        Assert.Equal(PartnerKind.Verifier, await db.Partners.Where(p => p.Id == id).Select(p => p.Kind).SingleAsync(Ct));
    }

    [Fact]
    public async Task GraphQL_sign_up_reports_the_same_codes_as_REST_in_the_payload()
    {
        var before = await PartnerCountAsync();
        var body = await PartnerSteps.GraphQLAsync(_anonymous, SignUpMutation, new
        {
            input = new { name = "示范银行", creditCode = "91441202MA0000010X", kind = "BANK", contactName = "王五", contactPhone = "13600000000", contactEmail = "w@example.cn" },
        }, language: "en");

        Assert.False(body.TryGetProperty("errors", out _));
        var payload = body.GetProperty("data").GetProperty("signUpPartner");
        Assert.Equal(JsonValueKind.Null, payload.GetProperty("partnerId").ValueKind);
        var error = Assert.Single(payload.GetProperty("errors").EnumerateArray());
        Assert.Equal("INVALID_CREDIT_CODE", error.GetProperty("code").GetString());
        Assert.Equal("CHECK_CHARACTER", error.GetProperty("reason").GetString());
        Assert.Equal("creditCode", error.GetProperty("field").GetString());
        Assert.Equal("The unified social credit code is invalid: the check character is wrong.", error.GetProperty("message").GetString());
        Assert.Equal(before, await PartnerCountAsync());
    }

    [Fact]
    public async Task GraphQL_sign_up_with_an_unknown_kind_fails_variable_coercion()
    {
        using var response = await _anonymous.PostGraphQLAsync(SignUpMutation, new
        {
            input = new { name = "示范银行", creditCode = PartnerSteps.NewCreditCode(), kind = "FARMER", contactName = "王五", contactPhone = "13600000000", contactEmail = "w@example.cn" },
        });

        Assert.Equal(400, (int)response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal("GRAPHQL_INVALID_VARIABLES", body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    private async Task<int> PartnerCountAsync()
    {
        await using var db = fixture.App.CreateDbContext();
        return await db.Partners.CountAsync(Ct);
    }
}
