using System.Text;
using OneWindow.Sdk.Webhooks;

namespace OneWindow.Sdk.Tests.Webhooks;

/// <summary>The documented scheme: <c>t=&lt;unix&gt;,v1=&lt;hex&gt;[,v1=…]</c>, HMAC-SHA256 over <c>{t}.{body}</c>, five minutes.</summary>
public sealed class WebhookSignatureVerifierTests
{
    private const string Secret = "whsec_test_3f1c";
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"id\":\"evt_1\",\"type\":\"application.recorded\",\"businessNumber\":\"20261207000000000001\"}");

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static WebhookSignatureVerifier Verifier(params string[] secrets) => new(secrets, new FixedTime(Now));

    [Fact]
    public void A_delivery_signed_with_the_secret_is_valid_and_its_time_is_read()
    {
        var header = WebhookSignatureVerifier.Sign(Secret, Now.AddSeconds(-30), Body);

        var check = Verifier(Secret).Verify(header, Body);

        Assert.Equal((true, null, Now.AddSeconds(-30)), (check.Valid, check.Failure, check.SignedAt));
    }

    [Fact]
    public void The_signature_is_exactly_HMAC_SHA256_over_the_timestamp_a_dot_and_the_body()
    {
        var t = Now.ToUnixTimeSeconds();
        var expected = Convert.ToHexString(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes($"{t}.").Concat(Body).ToArray())).ToLowerInvariant();

        Assert.Equal($"t={t},v1={expected}", WebhookSignatureVerifier.Sign(Secret, Now, Body));
        Assert.True(Verifier(Secret).Verify($"t={t}, v1={expected.ToUpperInvariant()}", Body).Valid);
    }

    [Fact]
    public void A_changed_body_another_secret_or_another_time_is_a_mismatch()
    {
        var header = WebhookSignatureVerifier.Sign(Secret, Now, Body);
        var changed = Body.ToArray();
        changed[^2] ^= 1;
        var t = Now.ToUnixTimeSeconds();

        Assert.Equal(WebhookSignatureFailure.SignatureMismatch, Verifier(Secret).Verify(header, changed).Failure);
        Assert.Equal(WebhookSignatureFailure.SignatureMismatch, Verifier("another-secret").Verify(header, Body).Failure);
        Assert.Equal(WebhookSignatureFailure.SignatureMismatch, Verifier(Secret).Verify(header.Replace($"t={t}", $"t={t - 1}", StringComparison.Ordinal), Body).Failure);
    }

    [Fact]
    public void A_delivery_older_or_newer_than_five_minutes_is_refused_as_a_replay()
    {
        Assert.True(Verifier(Secret).Verify(WebhookSignatureVerifier.Sign(Secret, Now.AddMinutes(-5), Body), Body).Valid);
        Assert.Equal(WebhookSignatureFailure.Expired, Verifier(Secret).Verify(WebhookSignatureVerifier.Sign(Secret, Now.AddMinutes(-5).AddSeconds(-1), Body), Body).Failure);
        Assert.Equal(WebhookSignatureFailure.Expired, Verifier(Secret).Verify(WebhookSignatureVerifier.Sign(Secret, Now.AddMinutes(6), Body), Body).Failure);
    }

    [Fact]
    public void During_a_rotation_either_signature_or_either_secret_is_accepted()
    {
        var oldHeader = WebhookSignatureVerifier.Sign("old-secret", Now, Body);
        var newHeader = WebhookSignatureVerifier.Sign("new-secret", Now, Body);
        var both = newHeader + "," + oldHeader[oldHeader.IndexOf("v1=", StringComparison.Ordinal)..];

        Assert.True(Verifier("old-secret").Verify(both, Body).Valid);
        Assert.True(Verifier("new-secret").Verify(both, Body).Valid);
        Assert.True(Verifier("new-secret", "old-secret").Verify(oldHeader, Body).Valid);
        Assert.False(Verifier("third-secret").Verify(both, Body).Valid);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("v1=00")]
    [InlineData("t=1765108800")]
    [InlineData("t=abc,v1=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("t=1765108800,v1=zz00000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("t=99999999999999999999,v1=0000000000000000000000000000000000000000000000000000000000000000")]
    public void A_missing_or_malformed_header_is_refused_without_throwing(string? header) =>
        Assert.Equal(WebhookSignatureFailure.Malformed, Verifier(Secret).Verify(header, Body).Failure);
}
