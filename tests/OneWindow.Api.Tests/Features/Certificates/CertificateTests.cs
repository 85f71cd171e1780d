using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OneWindow.Api.Data.Entities;
using OneWindow.Api.Features.Certificates;
using OneWindow.Api.Tests.Features.Applications;
using OneWindow.Api.Tests.Infrastructure;
using OneWindow.Domain.Applications;
using UglyToad.PdfPig;

namespace OneWindow.Api.Tests.Features.Certificates;

/// <summary>
/// Electronic certificates through the API: the demo region's certificates verify at once (by number and code, by
/// token, offline with the published keys only), every way of tampering with a token (ES256 or SM2) is a negative
/// answer, an opened certificate carries every field the register holds for it, a certificate is produced at 缮证 and
/// issued at 发证, its status follows the register, and keys rotate.
/// </summary>
public sealed class CertificateTests(CertificateTests.CertificatesFixture fixture) : IClassFixture<CertificateTests.CertificatesFixture>
{
    /// <summary>The applications fixture, with room for the class's anonymous verifications (one address for all).</summary>
    public sealed class CertificatesFixture(RegistryFixture registry) : ApplicationsFixture(registry)
    {
        protected override IReadOnlyDictionary<string, string?>? Settings => new Dictionary<string, string?> { ["Certificates:AnonymousPerMinute"] = "1000" };
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A demo certificate of title of a person's unit, not yet used by another test of the class.</summary>
    /// <summary>A demo certificate of title held by a person; with <paramref name="unsigned"/>, one no read has signed yet
    /// (demo certificates are signed on first use, and other tests of the class read some of them first).</summary>
    private async Task<Certificate> DemoTitleAsync(int skip, bool unsigned = false) => await fixture.ReadAsync(db => db.Certificates.AsNoTracking()
        .Where(c => c.Kind == Domain.Identifiers.CertificateKind.Title && c.Status == CertificateStatus.Valid && c.ApplicationId == null
            && (!unsigned || c.Payload == null)
            && db.Rights.Any(r => r.CertificateNumber == c.Number && r.Kind == RightKind.LandUseAndHouseOwnership
                && r.Holders.Any(h => h.Party!.Kind == PartyKind.Person)))
        .OrderBy(c => c.Id).Skip(skip).FirstAsync());

    private static async Task<JsonElement> VerifyAsync(HttpClient client, object body) =>
        await Json.ReadAsync(await client.PostAsJsonAsync("/api/v1/certificates/verifications", body, Ct));

    private static string Path(string number) => "/api/v1/certificates/" + Uri.EscapeDataString(number);

    [Fact]
    public async Task A_demo_certificate_verifies_by_number_and_code_and_by_its_token_with_masked_holders_only()
    {
        var certificate = await DemoTitleAsync(0);

        var byCode = await VerifyAsync(fixture.Anonymous, new { number = certificate.Number, verificationCode = certificate.VerificationCode.ToLowerInvariant() });
        var wrong = await VerifyAsync(fixture.Anonymous, new { number = certificate.Number, verificationCode = "ZZZZ2222" });
        var opened = await Json.ReadAsync(await fixture.Staff.GetAsync(Path(certificate.Number), Ct));
        var byToken = await VerifyAsync(fixture.Anonymous, new { token = opened.GetProperty("token").GetString() });
        var bySm2 = await VerifyAsync(fixture.Anonymous, new { token = opened.GetProperty("sm2Token").GetString() });

        Assert.True(byCode.GetProperty("authentic").GetBoolean());
        Assert.Equal("VALID", byCode.GetProperty("status").GetString());
        Assert.Equal(certificate.Number, byCode.GetProperty("number").GetString());
        var holder = byCode.GetProperty("holders")[0];
        Assert.Contains("*", holder.GetProperty("name").GetString());
        Assert.Matches("^[0-9]{4}\\*{10}[0-9X]{4}$", holder.GetProperty("idNumber").GetString());
        Assert.False(wrong.GetProperty("authentic").GetBoolean());
        Assert.Equal("VERIFICATION_CODE_MISMATCH", wrong.GetProperty("failure").GetString());
        Assert.False(string.IsNullOrEmpty(wrong.GetProperty("failureMessage").GetString()));
        Assert.True(byToken.GetProperty("authentic").GetBoolean());
        Assert.Equal("ES256", byToken.GetProperty("algorithm").GetString());
        Assert.Equal(holder.GetProperty("name").GetString(), byToken.GetProperty("holders")[0].GetProperty("name").GetString());
        Assert.True(bySm2.GetProperty("authentic").GetBoolean());
        Assert.Equal("SM2-SM3", bySm2.GetProperty("algorithm").GetString());
        // The staff view shows the holder unmasked; nothing the anonymous caller got does.
        Assert.DoesNotContain("*", opened.GetProperty("holders")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task GraphQL_verifies_by_number_and_by_token()
    {
        var certificate = await DemoTitleAsync(1);
        var opened = await Json.ReadAsync(await fixture.Staff.GetAsync(Path(certificate.Number), Ct));
        var response = await fixture.Anonymous.PostAsJsonAsync("/graphql", new
        {
            query = "query($n: String!, $c: String!, $t: String!) { a: verifyCertificate(number: $n, verificationCode: $c) { authentic status holders { name } } b: verifyCertificateToken(token: $t) { authentic status failure } }",
            variables = new { n = certificate.Number, c = certificate.VerificationCode, t = opened.GetProperty("token").GetString()![..^10] + "AAAAAAAAAA" },
        }, Ct);
        var data = (await Json.ReadAsync(response)).GetProperty("data");

        Assert.True(data.GetProperty("a").GetProperty("authentic").GetBoolean());
        Assert.Equal("VALID", data.GetProperty("a").GetProperty("status").GetString());
        Assert.False(data.GetProperty("b").GetProperty("authentic").GetBoolean());
        Assert.Equal("TOKEN_SIGNATURE_INVALID", data.GetProperty("b").GetProperty("failure").GetString());
    }

    [Fact]
    public async Task Every_way_of_tampering_with_a_token_is_a_negative_answer_and_bad_input_a_stable_error()
    {
        var certificate = await DemoTitleAsync(2);
        var opened = await Json.ReadAsync(await fixture.Staff.GetAsync(Path(certificate.Number), Ct));
        var token = opened.GetProperty("token").GetString()!;
        var sm2 = opened.GetProperty("sm2Token").GetString()!;
        var parts = token.Split('.');
        var payload = Encoding.UTF8.GetString(CertificateTokens.FromBase64Url(parts[1]));
        var header = Encoding.UTF8.GetString(CertificateTokens.FromBase64Url(parts[0]));
        string B64(string text) => CertificateTokens.Base64Url(Encoding.UTF8.GetBytes(text));
        var otherNumber = (await DemoTitleAsync(3)).Number;
        var sm2Parts = sm2.Split('.');
        var sm2Payload = Encoding.UTF8.GetString(CertificateTokens.FromBase64Url(sm2Parts[1]));

        var cases = new Dictionary<string, string>
        {
            ["altered payload"] = $"{parts[0]}.{B64(payload.Replace(certificate.Number, otherNumber, StringComparison.Ordinal))}.{parts[2]}",
            ["altered SM2 payload"] = $"{sm2Parts[0]}.{B64(sm2Payload.Replace(certificate.Number, otherNumber, StringComparison.Ordinal))}.{sm2Parts[2]}",
            ["altered edition"] = $"{parts[0]}.{B64(payload.Replace("\"edition\":1", "\"edition\":9", StringComparison.Ordinal))}.{parts[2]}",
            ["signature of the other algorithm"] = $"{parts[0]}.{parts[1]}.{sm2.Split('.')[2]}",
            ["unknown key id"] = $"{B64(header.Replace(parts[0].Length > 0 ? JsonDocument.Parse(header).RootElement.GetProperty("kid").GetString()! : "", "cert-es256-000000000000", StringComparison.Ordinal))}.{parts[1]}.{parts[2]}",
            ["algorithm none"] = $"{B64("{\"alg\":\"none\",\"kid\":\"x\"}")}.{parts[1]}.",
            ["algorithm HS256"] = $"{B64("{\"alg\":\"HS256\",\"kid\":\"x\"}")}.{parts[1]}.{parts[2]}",
            ["truncated"] = token[..(token.Length / 2)],
            ["last character cut"] = token[..^1],
            ["two parts"] = parts[0] + "." + parts[1],
            ["not base64url"] = token.Replace('-', '+') + "!",
            ["header not JSON"] = $"{B64("not json")}.{parts[1]}.{parts[2]}",
            ["too long"] = new string('a', 9000) + "." + parts[1] + "." + parts[2],
            ["empty signature"] = parts[0] + "." + parts[1] + ".",
        };
        foreach (var (name, tampered) in cases)
        {
            var response = await fixture.Anonymous.PostAsJsonAsync("/api/v1/certificates/verifications", new { token = tampered }, Ct);
            var body = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{name}: {(int)response.StatusCode} {body}");
            var answer = JsonDocument.Parse(body).RootElement;
            Assert.False(answer.GetProperty("authentic").GetBoolean(), name);
            Assert.StartsWith("TOKEN_", answer.GetProperty("failure").GetString(), StringComparison.Ordinal);
            Assert.Equal(JsonValueKind.Null, answer.GetProperty("number").ValueKind);
        }
        Assert.Equal("TOKEN_KEY_UNKNOWN", (await VerifyAsync(fixture.Anonymous, new { token = cases["unknown key id"] })).GetProperty("failure").GetString());
        Assert.Equal("TOKEN_SIGNATURE_INVALID", (await VerifyAsync(fixture.Anonymous, new { token = cases["altered payload"] })).GetProperty("failure").GetString());
        Assert.Equal("TOKEN_SIGNATURE_INVALID", (await VerifyAsync(fixture.Anonymous, new { token = cases["altered SM2 payload"] })).GetProperty("failure").GetString());
        Assert.Equal("TOKEN_ALGORITHM_UNSUPPORTED", (await VerifyAsync(fixture.Anonymous, new { token = cases["algorithm HS256"] })).GetProperty("failure").GetString());

        await Problem.AssertAsync(await fixture.Anonymous.PostAsJsonAsync("/api/v1/certificates/verifications", new { }, Ct), 400, "INVALID_VERIFICATION_REQUEST");
        await Problem.AssertAsync(await fixture.Anonymous.PostAsJsonAsync("/api/v1/certificates/verifications", new { token, number = certificate.Number }, Ct), 400, "INVALID_VERIFICATION_REQUEST");
        await Problem.AssertAsync(await fixture.Anonymous.PostAsJsonAsync("/api/v1/certificates/verifications", new { number = "粤(2025)肇庆市不动产权第12号", verificationCode = "ABCD2345" }, Ct), 400, "INVALID_CERTIFICATE_NUMBER");
        await Problem.AssertAsync(await fixture.Anonymous.PostAsJsonAsync("/api/v1/certificates/verifications", new { number = certificate.Number, verificationCode = "<script>" }, Ct), 400, "INVALID_VERIFICATION_CODE");
        await Problem.AssertAsync(await fixture.Anonymous.PostAsJsonAsync("/api/v1/certificates/verifications", new { number = certificate.Number }, Ct), 400, "FIELD_REQUIRED");
        var unknown = await VerifyAsync(fixture.Anonymous, new { number = "粤(2025)肇庆市不动产权第9999999号", verificationCode = "ABCD2345" });
        Assert.Equal("CERTIFICATE_NOT_FOUND", unknown.GetProperty("failure").GetString());
    }

    [Fact]
    public async Task A_token_is_checked_offline_with_the_published_keys_only()
    {
        var certificate = await DemoTitleAsync(4);
        var opened = await Json.ReadAsync(await fixture.Staff.GetAsync(Path(certificate.Number), Ct));
        var keysJson = await fixture.Anonymous.GetStringAsync("/api/v1/certificates/keys", Ct);
        var token = opened.GetProperty("token").GetString()!;
        var sm2Token = opened.GetProperty("sm2Token").GetString()!;

        // From here on nothing calls the platform: the JWKS and the token are all there is.
        var keys = JsonDocument.Parse(keysJson).RootElement;
        var parts = token.Split('.');
        var kid = JsonDocument.Parse(CertificateTokens.FromBase64Url(parts[0])).RootElement.GetProperty("kid").GetString();
        var jwk = keys.GetProperty("keys").EnumerateArray().Single(k => k.GetProperty("kid").GetString() == kid);
        using var ecdsa = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = CertificateTokens.FromBase64Url(jwk.GetProperty("x").GetString()!), Y = CertificateTokens.FromBase64Url(jwk.GetProperty("y").GetString()!) },
        });
        var signed = ecdsa.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), CertificateTokens.FromBase64Url(parts[2]), HashAlgorithmName.SHA256);
        var set = JsonSerializer.Deserialize<CertificateKeySet>(keysJson, JsonSerializerOptions.Web)!;
        var sm2 = CertificateTokens.Check(sm2Token, set.Lookup());
        var forged = CertificateTokens.Check(parts[0] + "." + parts[1] + "." + CertificateTokens.Base64Url(new byte[64]), set.Lookup());

        Assert.True(signed);
        Assert.Equal("ES256", jwk.GetProperty("alg").GetString());
        Assert.Equal("P-256", jwk.GetProperty("crv").GetString());
        Assert.True(sm2.Authentic);
        Assert.Contains(certificate.Number, sm2.Payload);
        Assert.Equal(TokenFailure.SignatureInvalid, forged.Failure);
        Assert.StartsWith("04", keys.GetProperty("sm2Keys")[0].GetProperty("publicKeyHex").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Produced_at_prepare_certificate_issued_at_complete_downloaded_by_the_bank_and_cancelled_with_the_mortgage()
    {
        var (businessNumber, unitCode) = await fixture.BankMortgageAsync();
        foreach (var step in new[] { "accept", "start-review", "record" })
        {
            await fixture.Staff.SteppedAsync(businessNumber, step);
        }
        var number = await fixture.ReadAsync(db => db.Rights.Where(r => r.BusinessNumber == businessNumber).Select(r => r.CertificateNumber!).SingleAsync());
        var beforeProduction = await fixture.ReadAsync(db => db.Certificates.AnyAsync(c => c.Number == number));

        await fixture.Staff.SteppedAsync(businessNumber, "prepare-certificate");
        var produced = await fixture.ReadAsync(db => db.Certificates.AsNoTracking().SingleAsync(c => c.Number == number));
        var notYetIssued = await VerifyAsync(fixture.Anonymous, new { number, verificationCode = produced.VerificationCode });
        var bankBeforeIssue = await fixture.Bank.GetAsync(Path(number), Ct);
        await fixture.Staff.SteppedAsync(businessNumber, "complete");
        var mine = await Json.ReadAsync(await fixture.Bank.GetAsync("/api/v1/certificates", Ct));
        var pdf = await fixture.Bank.GetByteArrayAsync(Path(number) + "/pdf", Ct);
        var svg = await fixture.Bank.GetStringAsync(Path(number) + "/qr.svg", Ct);
        var valid = await VerifyAsync(fixture.Anonymous, new { number, verificationCode = produced.VerificationCode });
        var other = await fixture.Developer.GetAsync(Path(number), Ct);

        await fixture.Bank.SubmittedAsync("mortgage-cancellations", new
        {
            certificateNumber = number,
            unitCodes = new[] { unitCode },
            mortgagee = ApplicationCalls.Organisation(ApplicationsFixture.BankName, await fixture.CreditCodeAsync(ApplicationsFixture.BankName)),
            circumstances = new[] { "MORTGAGEE_ALONE" },
            materials = await fixture.RequiredMaterialsAsync(fixture.Bank, BusinessType.MortgageCancellation, "MORTGAGEE_ALONE"),
        });
        var cancelled = await VerifyAsync(fixture.Anonymous, new { token = produced.Token });

        Assert.False(beforeProduction);
        Assert.NotNull(produced.Payload);
        Assert.Null(produced.IssuedAt);
        Assert.Equal("CERTIFICATE_NOT_FOUND", notYetIssued.GetProperty("failure").GetString());
        await Problem.AssertAsync(bankBeforeIssue, 404, "CERTIFICATE_NOT_FOUND");
        Assert.Contains(mine.EnumerateArray(), c => c.GetProperty("number").GetString() == number && c.GetProperty("delivery").GetString() == "ELECTRONIC");
        using (var document = PdfDocument.Open(pdf))
        {
            var text = string.Concat(document.GetPages().Select(p => p.Text));
            Assert.Contains(number, text.Replace(" ", "", StringComparison.Ordinal));
            Assert.Contains("不动产登记证明", text);
        }
        Assert.StartsWith("<svg", svg.TrimStart(), StringComparison.Ordinal);
        Assert.Equal("VALID", valid.GetProperty("status").GetString());
        Assert.Equal("抵押权", valid.GetProperty("matter").GetString());
        await Problem.AssertAsync(other, 404, "CERTIFICATE_NOT_FOUND");
        Assert.True(cancelled.GetProperty("authentic").GetBoolean());
        Assert.Equal("CANCELLED", cancelled.GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_opened_certificate_of_title_or_of_registration_carries_every_field_the_register_holds_for_it()
    {
        // Of title: a demo certificate whose right has a nature and a land term (the last such, so no other test's).
        var title = await fixture.ReadAsync(db => db.Rights.AsNoTracking().Include(r => r.Unit).Include(r => r.Holders).ThenInclude(h => h.Party)
            .Where(r => r.Status == RightStatus.Active && r.Kind == RightKind.LandUseAndHouseOwnership && r.Nature != null && r.TermEnd != null
                && db.Certificates.Any(c => c.Number == r.CertificateNumber && c.Status == CertificateStatus.Valid && c.ApplicationId == null))
            .OrderByDescending(r => r.Id).FirstAsync());
        // Of registration: a bank's mortgage entered and its certificate issued.
        var (businessNumber, _) = await fixture.BankMortgageAsync();
        foreach (var step in new[] { "accept", "start-review", "record", "prepare-certificate", "complete" })
        {
            await fixture.Staff.SteppedAsync(businessNumber, step);
        }
        var mortgage = await fixture.ReadAsync(db => db.Rights.AsNoTracking().Include(r => r.Unit).Include(r => r.Holders).ThenInclude(h => h.Party)
            .SingleAsync(r => r.BusinessNumber == businessNumber));

        var titleView = await Json.ReadAsync(await fixture.Staff.GetAsync(Path(title.CertificateNumber!), Ct));
        var mortgageView = await Json.ReadAsync(await fixture.Bank.GetAsync(Path(mortgage.CertificateNumber!), Ct));

        static string? Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        static List<(string?, string?)> Parties(JsonElement view, string name) =>
            [.. view.GetProperty(name).EnumerateArray().Select(p => (p.GetProperty("name").GetString(), p.GetProperty("idNumber").GetString()))];
        static List<(string?, string?)> OfRecord(Right right, HolderRole role) =>
            [.. right.Holders.Where(h => h.Role == role).OrderBy(h => h.Position).Select(h => ((string?)h.Party!.Name, (string?)h.Party.IdNumber))];
        foreach (var (view, right) in new[] { (titleView, title), (mortgageView, mortgage) })
        {
            Assert.Equal(right.CertificateNumber, view.GetProperty("number").GetString());
            Assert.Equal(CertificateContent.MatterOf(right), view.GetProperty("matter").GetString());
            Assert.Equal("肇庆市", view.GetProperty("registry").GetString());
            Assert.Equal(OfRecord(right, HolderRole.Holder), Parties(view, "holders"));
            Assert.Equal(OfRecord(right, HolderRole.Obligor), Parties(view, "obligors"));
            var unit = Assert.Single(view.GetProperty("units").EnumerateArray());
            Assert.Equal((right.Unit!.UnitCode, right.Unit.Location, right.Unit.Area, right.Unit.Use),
                (unit.GetProperty("unitCode").GetString(), unit.GetProperty("location").GetString(), unit.GetProperty("area").GetDecimal(), unit.GetProperty("use").GetString()));
            Assert.Equal((Day(right.TermStart), Day(right.TermEnd)), (view.GetProperty("termStart").GetString(), view.GetProperty("termEnd").GetString()));
            Assert.Equal(right.Notes, view.GetProperty("notes").GetString());
        }
        Assert.Equal("TITLE", titleView.GetProperty("kind").GetString());
        Assert.Equal(title.Nature, titleView.GetProperty("rightNature").GetString());
        Assert.Equal(title.CoOwnership switch { CoOwnership.Sole => "SOLE", CoOwnership.Joint => "JOINT", _ => "IN_SHARES" }, titleView.GetProperty("coOwnership").GetString());
        Assert.Equal(JsonValueKind.Null, titleView.GetProperty("securedAmountFen").ValueKind);
        Assert.Equal("REGISTRATION", mortgageView.GetProperty("kind").GetString());
        Assert.Equal(mortgage.SecuredAmountFen, mortgageView.GetProperty("securedAmountFen").GetInt64());
        Assert.NotEmpty(Parties(mortgageView, "obligors"));
        // The QR code's signed payload carries them too (people masked).
        var titlePayload = JsonDocument.Parse(CertificateTokens.FromBase64Url(titleView.GetProperty("token").GetString()!.Split('.')[1])).RootElement;
        var mortgagePayload = JsonDocument.Parse(CertificateTokens.FromBase64Url(mortgageView.GetProperty("token").GetString()!.Split('.')[1])).RootElement;
        Assert.Equal((title.Nature, title.Unit!.Use), (titlePayload.GetProperty("rightNature").GetString(), titlePayload.GetProperty("use").GetString()));
        Assert.Equal(mortgage.SecuredAmountFen, mortgagePayload.GetProperty("securedAmountFen").GetInt64());
    }

    [Fact]
    public async Task The_holder_lists_and_downloads_their_own_certificates_and_nobody_else_does()
    {
        var mine = await Json.ReadAsync(await fixture.Citizen.GetAsync("/api/v1/certificates", Ct));
        var number = mine.EnumerateArray().First(c => c.GetProperty("kind").GetString() == "TITLE").GetProperty("number").GetString()!;
        var view = await Json.ReadAsync(await fixture.Citizen.GetAsync(Path(number), Ct));
        var html = await fixture.Citizen.GetStringAsync(Path(number) + "/html", Ct);
        var png = await fixture.Citizen.GetAsync(Path(number) + "/qr.png", Ct);
        var agency = await fixture.Agency.GetAsync(Path(number), Ct);
        var anonymous = await fixture.Anonymous.GetAsync(Path(number), Ct);
        var format = await fixture.Citizen.GetAsync(Path(number) + "/docx", Ct);
        var malformed = await fixture.Citizen.GetAsync("/api/v1/certificates/not-a-number", Ct);

        Assert.True(mine.GetArrayLength() >= 2);
        Assert.Equal("李明华", view.GetProperty("holders")[0].GetProperty("name").GetString());
        Assert.Contains(number, html);
        Assert.Contains("李明华", html);
        Assert.Equal("image/png", png.Content.Headers.ContentType?.MediaType);
        await Problem.AssertAsync(agency, 404, "CERTIFICATE_NOT_FOUND");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        await Problem.AssertAsync(format, 400, "INVALID_CERTIFICATE_FORMAT");
        await Problem.AssertAsync(malformed, 400, "INVALID_CERTIFICATE_NUMBER");
    }

    [Fact]
    public async Task After_key_rotation_old_tokens_still_verify_and_new_ones_use_the_new_key()
    {
        var old = await DemoTitleAsync(5);
        var oldToken = (await Json.ReadAsync(await fixture.Staff.GetAsync(Path(old.Number), Ct))).GetProperty("token").GetString()!;

        var rotated = await Json.ReadAsync(await fixture.Operator.PostAsync("/api/v1/certificates/keys/rotation", null, Ct));
        // Signed after the rotation, so with the new key.
        var fresh = await DemoTitleAsync(0, unsigned: true);
        var freshToken = (await Json.ReadAsync(await fixture.Staff.GetAsync(Path(fresh.Number), Ct))).GetProperty("token").GetString()!;
        var oldAnswer = await VerifyAsync(fixture.Anonymous, new { token = oldToken });
        var freshAnswer = await VerifyAsync(fixture.Anonymous, new { token = freshToken });
        var notOperator = await fixture.Staff.PostAsync("/api/v1/certificates/keys/rotation", null, Ct);

        var es = rotated.GetProperty("keys").EnumerateArray().ToList();
        Assert.Contains(es, k => k.GetProperty("status").GetString() == "RETIRED" && k.GetProperty("kid").GetString() == oldAnswer.GetProperty("keyId").GetString());
        Assert.Contains(es, k => k.GetProperty("status").GetString() == "ACTIVE" && k.GetProperty("kid").GetString() == freshAnswer.GetProperty("keyId").GetString());
        Assert.True(oldAnswer.GetProperty("authentic").GetBoolean());
        Assert.True(freshAnswer.GetProperty("authentic").GetBoolean());
        Assert.NotEqual(oldAnswer.GetProperty("keyId").GetString(), freshAnswer.GetProperty("keyId").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, notOperator.StatusCode);
    }

    [Fact]
    public async Task A_registrar_records_the_courier_and_the_submitter_and_the_applicants_follow_it_in_progress()
    {
        var (businessNumber, _) = await fixture.BankMortgageAsync();
        var bankCode = await fixture.CreditCodeAsync(ApplicationsFixture.BankName);
        Task<HttpResponseMessage> DispatchAsync(HttpClient client, string number, object body) =>
            client.PutAsJsonAsync($"/api/v1/applications/{number}/certificate-dispatch", body, Ct);
        var parcel = new { courier = "中国邮政EMS", trackingNumber = "1179 2345 6789 0" };

        var tooEarly = await DispatchAsync(fixture.Staff, businessNumber, parcel);
        foreach (var step in new[] { "accept", "start-review", "record", "prepare-certificate" })
        {
            await fixture.Staff.SteppedAsync(businessNumber, step);
        }
        var noCourier = await DispatchAsync(fixture.Staff, businessNumber, new { trackingNumber = "SF1234567890" });
        var longCourier = await DispatchAsync(fixture.Staff, businessNumber, new { courier = new string('快', 41), trackingNumber = "SF1234567890" });
        var badTracking = await DispatchAsync(fixture.Staff, businessNumber, new { courier = "顺丰速运", trackingNumber = "SF<123>" });
        var shortTracking = await DispatchAsync(fixture.Staff, businessNumber, new { courier = "顺丰速运", trackingNumber = "SF12" });
        var noTracking = await DispatchAsync(fixture.Staff, businessNumber, new { courier = "顺丰速运" });
        var notStaff = await DispatchAsync(fixture.Bank, businessNumber, parcel);
        var unknown = await DispatchAsync(fixture.Staff, Domain.Identifiers.BusinessNumber.Create("441202", new DateOnly(2025, 1, 1), 999_999).ToString(), parcel);
        var malformed = await DispatchAsync(fixture.Staff, "441202202501010099999", parcel);
        var recorded = await Json.ReadAsync(await DispatchAsync(fixture.Staff, businessNumber, parcel));
        await fixture.Staff.SteppedAsync(businessNumber, "complete");
        var application = await Json.ReadAsync(await fixture.Bank.GetAsync($"/api/v1/applications/{businessNumber}", Ct));
        var progressRequest = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/applications/{businessNumber}/progress");
        progressRequest.Headers.Add("Applicant-Id-Number", bankCode);
        var progress = await Json.ReadAsync(await fixture.Anonymous.SendAsync(progressRequest, Ct));
        var graph = await Json.ReadAsync(await fixture.Anonymous.PostGraphQLAsync(
            "query($n: String!, $id: String!) { applicationProgress(businessNumber: $n, applicantIdNumber: $id) { delivery { method courier trackingNumber dispatchedAt } } }",
            new { n = businessNumber, id = bankCode }));
        var corrected = await Json.ReadAsync(await fixture.Staff.PostGraphQLAsync(
            "mutation($n: String) { recordCertificateDispatch(input: { businessNumber: $n, courier: \"顺丰速运\", trackingNumber: \"sf-1234567890\" }) { delivery { method trackingNumber } errors { code field } } }",
            new { n = businessNumber }));
        var refusedByGraph = await Json.ReadAsync(await fixture.Staff.PostGraphQLAsync(
            "mutation($n: String) { recordCertificateDispatch(input: { businessNumber: $n, courier: \"顺丰速运\", trackingNumber: \"!\" }) { delivery { method } errors { code field } } }",
            new { n = businessNumber }));
        var mine = await Json.ReadAsync(await fixture.Bank.GetAsync("/api/v1/certificates", Ct));

        Assert.Equal("NOT_YET_PREPARED", (await Problem.AssertAsync(tooEarly, 409, "NO_CERTIFICATE_TO_DISPATCH")).GetProperty("reason").GetString());
        Assert.Equal("courier", (await Problem.AssertAsync(noCourier, 400, "FIELD_REQUIRED")).GetProperty("field").GetString());
        Assert.Equal("AT_MOST_40_CHARACTERS", (await Problem.AssertAsync(longCourier, 400, "INVALID_TEXT")).GetProperty("reason").GetString());
        await Problem.AssertAsync(badTracking, 400, "INVALID_TRACKING_NUMBER");
        await Problem.AssertAsync(shortTracking, 400, "INVALID_TRACKING_NUMBER");
        Assert.Equal("trackingNumber", (await Problem.AssertAsync(noTracking, 400, "FIELD_REQUIRED")).GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, notStaff.StatusCode);
        await Problem.AssertAsync(unknown, 404, "APPLICATION_NOT_FOUND");
        await Problem.AssertAsync(malformed, 400, "INVALID_BUSINESS_NUMBER");
        Assert.Equal("1179234567890", recorded.GetProperty("trackingNumber").GetString());
        foreach (var delivery in new[] { application.GetProperty("delivery"), progress.GetProperty("delivery"), graph.GetProperty("data").GetProperty("applicationProgress").GetProperty("delivery") })
        {
            // 发证 after the dispatch keeps it: the parcel, not ELECTRONIC only.
            Assert.Equal("POST", delivery.GetProperty("method").GetString());
            Assert.Equal("中国邮政EMS", delivery.GetProperty("courier").GetString());
            Assert.Equal("1179234567890", delivery.GetProperty("trackingNumber").GetString());
            Assert.NotEqual(JsonValueKind.Null, delivery.GetProperty("dispatchedAt").ValueKind);
        }
        var payload = corrected.GetProperty("data").GetProperty("recordCertificateDispatch");
        Assert.Equal("SF-1234567890", payload.GetProperty("delivery").GetProperty("trackingNumber").GetString());
        Assert.Equal(0, payload.GetProperty("errors").GetArrayLength());
        var refused = refusedByGraph.GetProperty("data").GetProperty("recordCertificateDispatch");
        Assert.Equal(JsonValueKind.Null, refused.GetProperty("delivery").ValueKind);
        Assert.Equal("INVALID_TRACKING_NUMBER", refused.GetProperty("errors")[0].GetProperty("code").GetString());
        Assert.Contains(mine.EnumerateArray(), c => c.GetProperty("businessNumber").GetString() == businessNumber
            && c.GetProperty("delivery").GetString() == "POST" && c.GetProperty("trackingNumber").GetString() == "SF-1234567890");
    }

    [Fact]
    public async Task An_application_that_produced_no_certificate_has_nothing_to_dispatch()
    {
        var unit = await fixture.MortgagedHouseAsync();
        var number = await fixture.ReadAsync(db => db.Rights.Where(r => r.Unit!.UnitCode == unit.UnitCode && r.Kind == RightKind.Mortgage && r.Status == RightStatus.Active)
            .Select(r => r.CertificateNumber!).SingleAsync());
        var cancelled = await fixture.Bank.SubmittedAsync("mortgage-cancellations", new
        {
            certificateNumber = number,
            unitCodes = new[] { unit.UnitCode },
            mortgagee = ApplicationCalls.Organisation(ApplicationsFixture.BankName, await fixture.CreditCodeAsync(ApplicationsFixture.BankName)),
            circumstances = new[] { "MORTGAGEE_ALONE" },
            materials = await fixture.RequiredMaterialsAsync(fixture.Bank, BusinessType.MortgageCancellation, "MORTGAGEE_ALONE"),
        });

        var response = await fixture.Staff.PutAsJsonAsync($"/api/v1/applications/{cancelled.GetProperty("businessNumber").GetString()}/certificate-dispatch",
            new { courier = "顺丰速运", trackingNumber = "SF1234567890" }, Ct);

        Assert.Equal("COMPLETED", cancelled.GetProperty("status").GetString());
        Assert.Equal("NONE_PRODUCED", (await Problem.AssertAsync(response, 409, "NO_CERTIFICATE_TO_DISPATCH")).GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_reissue_gives_a_new_edition_and_the_old_tokens_and_code_verify_as_replaced()
    {
        var certificate = await DemoTitleAsync(7);
        var old = await Json.ReadAsync(await fixture.Staff.GetAsync(Path(certificate.Number), Ct));
        var oldToken = old.GetProperty("token").GetString()!;
        var oldSm2Token = old.GetProperty("sm2Token").GetString()!;
        var oldCode = old.GetProperty("verificationCode").GetString()!;
        var beforeReissue = await VerifyAsync(fixture.Anonymous, new { token = oldToken });

        var noReason = await fixture.Staff.PostAsJsonAsync(Path(certificate.Number) + "/reissues", new { }, Ct);
        var badReason = await fixture.Staff.PostAsJsonAsync(Path(certificate.Number) + "/reissues", new { reason = "1" }, Ct);
        var notStaff = await fixture.Citizen.PostAsJsonAsync(Path(certificate.Number) + "/reissues", new { reason = "LOST" }, Ct);
        var unknown = await fixture.Staff.PostAsJsonAsync(Path("粤(2025)肇庆市不动产权第9999999号") + "/reissues", new { reason = "LOST" }, Ct);
        var reissued = await Json.ReadAsync(await fixture.Staff.PostAsJsonAsync(Path(certificate.Number) + "/reissues", new { reason = "lost" }, Ct));
        var newToken = reissued.GetProperty("token").GetString()!;
        var newCode = reissued.GetProperty("verificationCode").GetString()!;
        var oldByToken = await VerifyAsync(fixture.Anonymous, new { token = oldToken });
        var oldBySm2 = await VerifyAsync(fixture.Anonymous, new { token = oldSm2Token });
        var oldByCode = await VerifyAsync(fixture.Anonymous, new { number = certificate.Number, verificationCode = oldCode });
        var newByToken = await VerifyAsync(fixture.Anonymous, new { token = newToken });
        var newByCode = await VerifyAsync(fixture.Anonymous, new { number = certificate.Number, verificationCode = newCode });
        var graph = await Json.ReadAsync(await fixture.Staff.PostGraphQLAsync(
            "mutation($n: String) { reissueCertificate(input: { number: $n, reason: \"DAMAGED\" }) { certificate { number edition status } verificationCode errors { code } } }",
            new { n = certificate.Number }));
        var afterSecond = await VerifyAsync(fixture.Anonymous, new { token = newToken });
        var view = await Json.ReadAsync(await fixture.Staff.GetAsync(Path(certificate.Number), Ct));
        var pdf = await fixture.Staff.GetByteArrayAsync(Path(certificate.Number) + "/pdf", Ct);

        Assert.Equal("VALID", beforeReissue.GetProperty("status").GetString());
        await Problem.AssertAsync(noReason, 400, "FIELD_REQUIRED");
        await Problem.AssertAsync(badReason, 400, "INVALID_REISSUE_REASON");
        Assert.Equal(HttpStatusCode.Forbidden, notStaff.StatusCode);
        await Problem.AssertAsync(unknown, 404, "CERTIFICATE_NOT_FOUND");
        Assert.Equal(2, reissued.GetProperty("edition").GetInt32());
        Assert.Equal("LOST", reissued.GetProperty("reissueReason").GetString());
        Assert.NotEqual(oldCode, newCode);
        foreach (var (answer, edition) in new[] { (oldByToken, 1), (oldBySm2, 1), (oldByCode, 1) })
        {
            Assert.True(answer.GetProperty("authentic").GetBoolean());
            Assert.Equal("REPLACED", answer.GetProperty("status").GetString());
            Assert.Equal(edition, answer.GetProperty("edition").GetInt32());
            Assert.Equal(certificate.Number, answer.GetProperty("replacedBy").GetString());
        }
        Assert.Equal("VALID", newByToken.GetProperty("status").GetString());
        Assert.Equal(2, newByToken.GetProperty("edition").GetInt32());
        Assert.Equal(JsonValueKind.Null, newByToken.GetProperty("replacedBy").ValueKind);
        Assert.Equal("VALID", newByCode.GetProperty("status").GetString());
        var second = graph.GetProperty("data").GetProperty("reissueCertificate");
        Assert.Equal(3, second.GetProperty("certificate").GetProperty("edition").GetInt32());
        Assert.Equal("REPLACED", afterSecond.GetProperty("status").GetString());
        Assert.Equal(3, view.GetProperty("edition").GetInt32());
        Assert.Equal("DAMAGED", view.GetProperty("reissueReason").GetString());
        Assert.Equal(second.GetProperty("verificationCode").GetString(), view.GetProperty("verificationCode").GetString());
        using var document = PdfDocument.Open(pdf);
        Assert.Contains("第3版，换发，原证作废", string.Concat(document.GetPages().Select(p => p.Text)).Replace(" ", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_cancelled_certificate_is_not_reissued()
    {
        var (businessNumber, unitCode) = await fixture.BankMortgageAsync();
        foreach (var step in new[] { "accept", "start-review", "record", "prepare-certificate", "complete" })
        {
            await fixture.Staff.SteppedAsync(businessNumber, step);
        }
        var number = await fixture.ReadAsync(db => db.Rights.Where(r => r.BusinessNumber == businessNumber).Select(r => r.CertificateNumber!).SingleAsync());
        await fixture.Bank.SubmittedAsync("mortgage-cancellations", new
        {
            certificateNumber = number,
            unitCodes = new[] { unitCode },
            mortgagee = ApplicationCalls.Organisation(ApplicationsFixture.BankName, await fixture.CreditCodeAsync(ApplicationsFixture.BankName)),
            circumstances = new[] { "MORTGAGEE_ALONE" },
            materials = await fixture.RequiredMaterialsAsync(fixture.Bank, BusinessType.MortgageCancellation, "MORTGAGEE_ALONE"),
        });

        var refused = await fixture.Staff.PostAsJsonAsync(Path(number) + "/reissues", new { reason = "DAMAGED" }, Ct);

        Assert.Equal("CANCELLED", (await Problem.AssertAsync(refused, 409, "CERTIFICATE_NOT_REISSUABLE")).GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_transfer_replaces_the_sellers_certificate_of_title_with_the_buyers()
    {
        var unit = await fixture.FreeHouseAsync();
        var seller = (await fixture.HoldersAsync(unit.UnitCode))[0].Party;
        var sellersNumber = await fixture.ReadAsync(db => db.Rights.Where(r => r.Unit!.UnitCode == unit.UnitCode && r.Status == RightStatus.Active
            && r.Kind == RightKind.LandUseAndHouseOwnership).Select(r => r.CertificateNumber!).SingleAsync());
        var sellersToken = (await Json.ReadAsync(await fixture.Staff.GetAsync(Path(sellersNumber), Ct))).GetProperty("token").GetString()!;
        var before = await VerifyAsync(fixture.Anonymous, new { token = sellersToken });
        var buyer = new { kind = "PERSON", name = "周新", idNumber = Domain.Identifiers.ResidentIdNumber.Create("441202", new DateOnly(1992, 6, 1), 21).ToString() };

        var submitted = await fixture.Agency.SubmittedAsync("transfers", new
        {
            unitCode = unit.UnitCode,
            transferors = new[] { ApplicationCalls.Person(seller) },
            transferees = new[] { buyer },
            coOwnership = "SOLE",
            priceFen = 120_000_000L,
            materials = await fixture.RequiredMaterialsAsync(fixture.Agency, BusinessType.Transfer),
        });
        var businessNumber = submitted.GetProperty("businessNumber").GetString()!;
        await fixture.ConfirmedByEveryoneAsync(businessNumber);
        foreach (var step in new[] { "accept", "start-review", "record" })
        {
            await fixture.Staff.SteppedAsync(businessNumber, step);
        }
        var afterRecord = await VerifyAsync(fixture.Anonymous, new { token = sellersToken });
        foreach (var step in new[] { "prepare-certificate", "complete" })
        {
            await fixture.Staff.SteppedAsync(businessNumber, step);
        }
        var application = await Json.ReadAsync(await fixture.Staff.GetAsync($"/api/v1/applications/{businessNumber}", Ct));
        var buyersNumber = application.GetProperty("recorded").EnumerateArray()
            .Select(e => e.GetProperty("certificateNumber").GetString()).Single(n => n is not null && n != sellersNumber)!;
        var buyersToken = (await Json.ReadAsync(await fixture.Staff.GetAsync(Path(buyersNumber), Ct))).GetProperty("token").GetString()!;
        var sellers = await VerifyAsync(fixture.Anonymous, new { token = sellersToken });
        var buyers = await VerifyAsync(fixture.Anonymous, new { token = buyersToken });

        Assert.Equal("VALID", before.GetProperty("status").GetString());
        // The register changed at 登簿: the seller's certificate is replaced from then, on every instance.
        Assert.Equal("REPLACED", afterRecord.GetProperty("status").GetString());
        Assert.True(sellers.GetProperty("authentic").GetBoolean());
        Assert.Equal("REPLACED", sellers.GetProperty("status").GetString());
        Assert.Equal(buyersNumber, sellers.GetProperty("replacedBy").GetString());
        Assert.Equal("VALID", buyers.GetProperty("status").GetString());
        Assert.Equal("周*", buyers.GetProperty("holders")[0].GetProperty("name").GetString());
    }
}

/// <summary>The limits on verification, in a host of their own (a window of a day, so no test meets its end).</summary>
public sealed class CertificateLimitsTests(CertificateLimitsTests.LimitsFixture fixture) : IClassFixture<CertificateLimitsTests.LimitsFixture>
{
    public sealed class LimitsFixture(RegistryFixture registry) : AppFixture(registry)
    {
        protected override IReadOnlyDictionary<string, string?>? Settings => new Dictionary<string, string?>
        {
            ["Certificates:WrongCodesPerCaller"] = "3",
            ["Certificates:WrongCodesPerNumber"] = "5",
            ["Certificates:AnonymousPerMinute"] = "3",
            ["Limits:QueryBudgetWindow"] = "1.00:00:00",
        };
    }

    [Fact]
    public async Task Wrong_codes_for_one_number_throttle_their_caller_and_then_everyone_until_the_window_ends()
    {
        List<Certificate> certificates;
        await using (var db = fixture.App.CreateDbContext())
        {
            certificates = await db.Certificates.AsNoTracking().OrderBy(c => c.Id).Take(2).ToListAsync(TestContext.Current.CancellationToken);
        }
        var (certificate, other) = (certificates[0], certificates[1]);
        using var second = await fixture.App.CreateClientAsync("demo-verifier");
        var guesser = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            guesser.Add((await VerifyAsync(fixture.Client, certificate.Number, $"WRONG{i}22")).StatusCode);
        }
        var guessersRightCode = await VerifyAsync(fixture.Client, certificate.Number, certificate.VerificationCode);
        var guessersOtherNumber = await VerifyAsync(fixture.Client, other.Number, other.VerificationCode);
        // Another caller is not held up by the first one's guesses, until everyone's wrong codes reach the number's limit.
        var othersRightCode = await VerifyAsync(second, certificate.Number, certificate.VerificationCode);
        var othersGuesses = new List<HttpStatusCode>();
        for (var i = 0; i < 2; i++)
        {
            othersGuesses.Add((await VerifyAsync(second, certificate.Number, $"OTHER{i}22")).StatusCode);
        }
        var othersRightCodeAfter = await VerifyAsync(second, certificate.Number, certificate.VerificationCode);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], guesser);
        var throttled = await Problem.AssertAsync(guessersRightCode, 429, "CERTIFICATE_VERIFICATION_THROTTLED");
        Assert.InRange(throttled.GetProperty("retryAfter").GetInt32(), 1, 86_400);
        Assert.Equal(throttled.GetProperty("retryAfter").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), guessersRightCode.Headers.RetryAfter?.ToString());
        Assert.Equal(HttpStatusCode.OK, guessersOtherNumber.StatusCode);
        Assert.Equal(HttpStatusCode.OK, othersRightCode.StatusCode);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK], othersGuesses);
        await Problem.AssertAsync(othersRightCodeAfter, 429, "CERTIFICATE_VERIFICATION_THROTTLED");
    }

    private static Task<HttpResponseMessage> VerifyAsync(HttpClient client, string number, string code) =>
        client.PostAsJsonAsync("/api/v1/certificates/verifications", new { number, verificationCode = code }, TestContext.Current.CancellationToken);

    [Fact]
    public async Task Anonymous_callers_get_a_tight_limit_and_a_verifier_client_does_not_share_it()
    {
        using var anonymous = fixture.App.CreateClient();
        var body = new { token = "a.b.c" };
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add(await anonymous.PostAsJsonAsync("/api/v1/certificates/verifications", body, TestContext.Current.CancellationToken));
        }
        var verifier = await fixture.Client.PostAsJsonAsync("/api/v1/certificates/verifications", body, TestContext.Current.CancellationToken);
        var graph = await anonymous.PostGraphQLAsync("{ verifyCertificateToken(token: \"a.b.c\") { authentic } }");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], answers.Select(a => a.StatusCode));
        // Like the global limiter's refusals: the seconds to wait in the body and in Retry-After.
        var refused = await Problem.AssertAsync(answers[3], 429, "RATE_LIMITED");
        Assert.InRange(refused.GetProperty("retryAfter").GetInt32(), 1, 60);
        Assert.NotNull(answers[3].Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, verifier.StatusCode);
        var error = JsonDocument.Parse(await graph.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("errors")[0].GetProperty("extensions");
        Assert.Equal("RATE_LIMITED", error.GetProperty("code").GetString());
        Assert.InRange(error.GetProperty("retryAfter").GetInt32(), 1, 60);
    }
}
