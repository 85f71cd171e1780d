using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OneWindow.Api.Features.Webhooks;

/// <summary>
/// The <c>OneWindow-Signature</c> header: <c>t=&lt;unix seconds&gt;,v1=&lt;hex&gt;[,v1=&lt;hex&gt;]</c>, each v1 the
/// HMAC-SHA256, under one of the endpoint's secrets, of <c>{t}.{body}</c> (UTF-8). During a rotation the new and the
/// previous secret both sign; a receiver accepts the request when any v1 matches a secret it holds and t is within
/// 5 minutes of its clock (docs/events.md has a verifier).
/// </summary>
public static class WebhookSignature
{
    public const string Header = "OneWindow-Signature";

    public static string Create(long timestamp, string body, IEnumerable<string> secrets)
    {
        var t = timestamp.ToString(CultureInfo.InvariantCulture);
        var signed = Encoding.UTF8.GetBytes(t + "." + body);
        var header = new StringBuilder("t=").Append(t);
        foreach (var secret in secrets)
        {
            header.Append(",v1=").Append(Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed)));
        }
        return header.ToString();
    }

    /// <summary>
    /// The receiver's check: the header parses, t is within <paramref name="tolerance"/> of <paramref name="now"/>, and a
    /// v1 is the HMAC of <c>{t}.{body}</c> under <paramref name="secret"/> (compared in constant time).
    /// </summary>
    public static bool Verify(string? header, string body, string secret, DateTimeOffset now, TimeSpan tolerance)
    {
        if (string.IsNullOrEmpty(header))
        {
            return false;
        }
        long? timestamp = null;
        var signatures = new List<byte[]>();
        foreach (var part in header.Split(','))
        {
            var pair = part.Split('=', 2);
            if (pair.Length != 2)
            {
                return false;
            }
            if (pair[0] == "t" && long.TryParse(pair[1], NumberStyles.None, CultureInfo.InvariantCulture, out var t))
            {
                timestamp = t;
            }
            else if (pair[0] == "v1" && pair[1].Length == 64)
            {
                try
                {
                    signatures.Add(Convert.FromHexString(pair[1]));
                }
                catch (FormatException)
                {
                    return false;
                }
            }
        }
        if (timestamp is not { } seconds || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            || (now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > tolerance)
        {
            return false;
        }
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret),
            Encoding.UTF8.GetBytes(seconds.ToString(CultureInfo.InvariantCulture) + "." + body));
        return signatures.Any(s => CryptographicOperations.FixedTimeEquals(s, expected));
    }
}
