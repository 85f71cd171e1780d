using System.Net;
using System.Net.Sockets;

namespace OneWindow.Api.Features.Webhooks;

/// <summary>Why an endpoint URL was refused: the <c>reason</c> of <c>INVALID_WEBHOOK_URL</c>.</summary>
public static class WebhookUrlReasons
{
    public const string Malformed = "MALFORMED";
    public const string HttpsRequired = "HTTPS_REQUIRED";
    public const string Credentials = "CREDENTIALS_IN_URL";
    public const string PrivateAddress = "PRIVATE_ADDRESS";
    public const string Unresolvable = "UNRESOLVABLE";
}

/// <summary>
/// The registration check of an endpoint URL: absolute, https (http only where allowed), no user info or fragment, and a
/// host whose every address is public (<see cref="WebhookAddresses"/>). The same address check runs again at connect
/// time, since what a name resolves to may change after registration (DNS rebinding).
/// </summary>
public static class WebhookUrls
{
    public const int MaxLength = 2048;

    public static async Task<(Uri? Url, string? Reason)> CheckAsync(string? text, WebhooksOptions options, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxLength
            || !Uri.TryCreate(text.Trim(), UriKind.Absolute, out var url) || !string.IsNullOrEmpty(url.Fragment)
            || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp) || string.IsNullOrEmpty(url.IdnHost))
        {
            return (null, WebhookUrlReasons.Malformed);
        }
        if (url.Scheme != Uri.UriSchemeHttps && !options.AllowInsecureHttp)
        {
            return (null, WebhookUrlReasons.HttpsRequired);
        }
        if (!string.IsNullOrEmpty(url.UserInfo))
        {
            return (null, WebhookUrlReasons.Credentials);
        }
        if (options.AllowPrivateAddresses)
        {
            return (url, null);
        }
        IPAddress[] addresses;
        if (IPAddress.TryParse(url.IdnHost.Trim('[', ']'), out var literal))
        {
            addresses = [literal];
        }
        else
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(5));
                addresses = await Dns.GetHostAddressesAsync(url.IdnHost, timeout.Token);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                return (null, WebhookUrlReasons.Unresolvable);
            }
        }
        if (addresses.Length == 0)
        {
            return (null, WebhookUrlReasons.Unresolvable);
        }
        return addresses.All(WebhookAddresses.IsPublic) ? (url, null) : (null, WebhookUrlReasons.PrivateAddress);
    }
}
