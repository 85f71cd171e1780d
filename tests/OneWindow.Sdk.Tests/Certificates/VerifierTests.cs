using OneWindow.Sdk.Certificates;
using OneWindow.Sdk.Rest;
using OneWindow.Sdk.Tests.Infrastructure;

namespace OneWindow.Sdk.Tests.Certificates;

/// <summary>A verifier app: online by number and code or token, and offline (ES256 and SM2-SM3) with the published keys only.</summary>
[Collection(SdkHostCollection.Name)]
public sealed class VerifierTests(SdkHost host)
{
    private static CancellationToken Ct => SdkHost.Ct;

    private async Task<CertificateView> DemoMortgageCertificateAsync()
    {
        using var bank = host.Client("demo-bank");
        var held = (await bank.Banks.ListCertificatesAsync(Ct)).Last(c => c.Kind == CertificateKind.REGISTRATION && c.Status == CertificateStatus.VALID);
        return await bank.Banks.GetCertificateAsync(held.Number, Ct);
    }

    [Fact]
    public async Task A_certificate_is_verified_online_by_number_and_code_and_by_token_anonymously_and_as_the_verifier()
    {
        var certificate = await DemoMortgageCertificateAsync();
        using var anonymous = host.Client(null);
        using var verifier = host.Client("demo-verifier");

        var byCode = await anonymous.Verifier.VerifyAsync(certificate.Number, certificate.VerificationCode!, Ct);
        var byToken = await verifier.Verifier.VerifyTokenAsync(certificate.Token!, Ct);
        var wrongCode = await verifier.Verifier.VerifyAsync(certificate.Number, "ABCD2345", Ct);
        var typed = (await verifier.Verifier.GraphQL.VerifyCertificateTokenAsync(certificate.Sm2Token!, Ct)).VerifyCertificateToken;

        Assert.Equal((true, CertificateStatus.VALID), (byCode.Authentic, byCode.Status));
        Assert.Equal((true, "ES256"), (byToken.Authentic, byToken.Algorithm));
        Assert.Equal((false, "VERIFICATION_CODE_MISMATCH"), (wrongCode.Authentic, wrongCode.Failure));
        Assert.Equal((true, "SM2-SM3", GraphQL.CertificateStatus.Valid), (typed.Authentic, typed.Algorithm, typed.Status));
        Assert.Equal(certificate.Number, typed.Number);
    }

    [Fact]
    public async Task Tokens_are_checked_offline_ES256_and_SM2_and_every_tampering_is_a_negative_answer()
    {
        var certificate = await DemoMortgageCertificateAsync();
        var keyFetches = 0;
        using var anonymous = host.Client(null, server => new CountingHandler(server, r => r.RequestUri!.AbsolutePath.EndsWith("/certificates/keys", StringComparison.Ordinal), () => keyFetches++));
        var offline = anonymous.Verifier.Offline;

        var es256 = await offline.VerifyAsync(certificate.Token!, Ct);
        var sm2 = await offline.VerifyAsync(certificate.Sm2Token!, Ct);
        var parts = certificate.Token!.Split('.');
        var payload = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(parts[1].Replace('-', '+').Replace('_', '/').PadRight((parts[1].Length + 3) / 4 * 4, '=')));
        var altered = System.Text.Json.Nodes.JsonNode.Parse(payload)!;
        altered["unitCount"] = altered["unitCount"]!.GetValue<int>() + 1;
        var otherPayload = await offline.VerifyAsync(parts[0] + "." + Base64Url(altered.ToJsonString()) + "." + parts[2], Ct);
        var flipped = await offline.VerifyAsync(parts[0] + "." + parts[1] + "." + (parts[2][0] == 'A' ? 'B' : 'A') + parts[2][1..], Ct);
        var unknownKey = await offline.VerifyAsync(Base64Url("{\"alg\":\"ES256\",\"kid\":\"no-such-key\",\"typ\":\"ow-cert+jws\"}") + "." + parts[1] + "." + parts[2], Ct);
        var none = await offline.VerifyAsync(Base64Url("{\"alg\":\"none\",\"kid\":\"k\"}") + "." + parts[1] + ".AAAA", Ct);
        var garbage = await offline.VerifyAsync("not a token", Ct);

        Assert.Equal((true, "ES256", certificate.Number), (es256.Authentic, es256.Algorithm, es256.Number));
        Assert.Equal((true, "SM2-SM3", certificate.Number), (sm2.Authentic, sm2.Algorithm, sm2.Number));
        Assert.Equal("REGISTRATION", es256.Kind);
        Assert.Equal(OfflineTokenFailure.TokenSignatureInvalid, otherPayload.Failure);
        Assert.Equal(OfflineTokenFailure.TokenSignatureInvalid, flipped.Failure);
        Assert.Equal(OfflineTokenFailure.TokenKeyUnknown, unknownKey.Failure);
        Assert.Equal(OfflineTokenFailure.TokenAlgorithmUnsupported, none.Failure);
        Assert.Equal(OfflineTokenFailure.TokenMalformed, garbage.Failure);
        Assert.All(new[] { otherPayload, flipped, unknownKey, none, garbage }, v => Assert.Null(v.PayloadJson));
        // The keys were fetched once, and once more for the unknown key id (a rotation since); never per token.
        Assert.Equal(2, keyFetches);
    }

    private static string Base64Url(string text) =>
        Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
