using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OneWindow.Sdk.Webhooks;

/// <summary>Why a webhook delivery was refused.</summary>
public enum WebhookSignatureFailure
{
    /// <summary>No <c>OneWindow-Signature</c> header, or not <c>t=&lt;unix&gt;,v1=&lt;hex&gt;</c>.</summary>
    Malformed = 1,
    /// <summary>Signed more than the tolerance ago (or that far in the future): a replay.</summary>
    Expired,
    /// <summary>No <c>v1</c> signature matches the body with any of the secrets.</summary>
    SignatureMismatch,
}

/// <summary>The answer of <see cref="WebhookSignatureVerifier.Verify(string?, string)"/>.</summary>
public sealed record WebhookSignatureCheck(bool Valid, WebhookSignatureFailure? Failure, DateTimeOffset? SignedAt);

/// <summary>
/// Checks a webhook delivery's <c>OneWindow-Signature</c> header: <c>t=&lt;unix seconds&gt;,v1=&lt;hex&gt;[,v1=&lt;hex&gt;]</c>,
/// each <c>v1</c> the HMAC-SHA256 of <c>{t}.{body}</c> with the endpoint's secret (two while a secret is being rotated).
/// A delivery signed more than <see cref="Tolerance"/> (5 minutes) away from now is refused as a replay. Verify the raw
/// body bytes as received, before any JSON parsing.
/// </summary>
public sealed class WebhookSignatureVerifier
{
    /// <summary>The header's name.</summary>
    public const string HeaderName = "OneWindow-Signature";

    private readonly IReadOnlyList<byte[]> _secrets;
    private readonly TimeProvider _time;

    /// <summary>A verifier for an endpoint's secret(s): during a rotation, pass the new and the old one.</summary>
    public WebhookSignatureVerifier(IEnumerable<string> secrets, TimeProvider? time = null)
    {
        _secrets = [.. (secrets ?? throw new ArgumentNullException(nameof(secrets))).Select(s => Encoding.UTF8.GetBytes(s))];
        if (_secrets.Count == 0 || _secrets.Any(s => s.Length == 0))
        {
            throw new ArgumentException("At least one non-empty secret is needed.", nameof(secrets));
        }
        _time = time ?? TimeProvider.System;
    }

    /// <summary>A verifier for one secret.</summary>
    public WebhookSignatureVerifier(string secret, TimeProvider? time = null) : this([secret], time)
    {
    }

    /// <summary>How far from now a signature's time may be. Default 5 minutes.</summary>
    public TimeSpan Tolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Checks <paramref name="signatureHeader"/> against the raw <paramref name="body"/>.</summary>
    public WebhookSignatureCheck Verify(string? signatureHeader, ReadOnlySpan<byte> body)
    {
        long? timestamp = null;
        var signatures = new List<byte[]>();
        foreach (var part in (signatureHeader ?? "").Split(','))
        {
            var pair = part.Trim();
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                continue;
            }
            var (name, value) = (pair[..equals], pair[(equals + 1)..]);
            if (name == "t" && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var t))
            {
                timestamp = t;
            }
            else if (name == "v1" && value.Length == 64 && TryHex(value, out var signature))
            {
                signatures.Add(signature);
            }
        }
        if (timestamp is not { } seconds || signatures.Count == 0 || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return new(false, WebhookSignatureFailure.Malformed, null);
        }
        var signedAt = DateTimeOffset.FromUnixTimeSeconds(seconds);
        if ((_time.GetUtcNow() - signedAt).Duration() > Tolerance)
        {
            return new(false, WebhookSignatureFailure.Expired, signedAt);
        }
        var prefix = Encoding.ASCII.GetBytes(seconds.ToString(CultureInfo.InvariantCulture) + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        foreach (var secret in _secrets)
        {
            var expected = HMACSHA256.HashData(secret, signed);
            // Note: constant-time comparison, so the time taken says nothing about how much of a guess was right.
            if (signatures.Any(s => CryptographicOperations.FixedTimeEquals(s, expected)))
            {
                return new(true, null, signedAt);
            }
        }
        return new(false, WebhookSignatureFailure.SignatureMismatch, signedAt);
    }

    /// <summary>Checks a body given as text (UTF-8).</summary>
    public WebhookSignatureCheck Verify(string? signatureHeader, string body) => Verify(signatureHeader, Encoding.UTF8.GetBytes(body ?? ""));

    /// <summary>The header value a platform would send for <paramref name="body"/> at <paramref name="at"/> (for tests of your endpoint).</summary>
    public static string Sign(string secret, DateTimeOffset at, ReadOnlySpan<byte> body)
    {
        var seconds = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var prefix = Encoding.ASCII.GetBytes(seconds + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return $"t={seconds},v1={Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed)).ToLowerInvariant()}";
    }

    private static bool TryHex(string text, out byte[] bytes)
    {
        try
        {
            bytes = Convert.FromHexString(text);
            return true;
        }
        catch (FormatException)
        {
            bytes = [];
            return false;
        }
    }
}
