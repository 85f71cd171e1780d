using System.Net;
using System.Net.Sockets;

namespace OneWindow.Api.Features.Webhooks;

/// <summary>
/// Which addresses a delivery may connect to: public unicast only. Loopback, private (RFC 1918, unique local),
/// carrier-grade NAT, link-local (the cloud metadata service at 169.254.169.254), multicast, documentation, benchmarking
/// and reserved ranges are refused, and so are IPv6 forms that carry an IPv4 address (mapped, compatible, NAT64, 6to4,
/// Teredo) unless the address they carry is public. Checked when an endpoint is registered and again for every
/// address DNS gives at connect time (<see cref="WebhookSender"/>), so a name that later resolves inward is refused.
/// </summary>
public static class WebhookAddresses
{
    private static readonly (byte[] Prefix, int Bits)[] RefusedV4 =
    [
        ([0, 0, 0, 0], 8),         // "this network"
        ([10, 0, 0, 0], 8),        // private
        ([100, 64, 0, 0], 10),     // carrier-grade NAT
        ([127, 0, 0, 0], 8),       // loopback
        ([169, 254, 0, 0], 16),    // link-local (cloud metadata)
        ([172, 16, 0, 0], 12),     // private
        ([192, 0, 0, 0], 24),      // IETF protocol assignments
        ([192, 0, 2, 0], 24),      // documentation
        ([192, 88, 99, 0], 24),    // 6to4 relay anycast
        ([192, 168, 0, 0], 16),    // private
        ([198, 18, 0, 0], 15),     // benchmarking
        ([198, 51, 100, 0], 24),   // documentation
        ([203, 0, 113, 0], 24),    // documentation
        ([224, 0, 0, 0], 4),       // multicast
        ([240, 0, 0, 0], 4),       // reserved, broadcast
    ];

    private static readonly (byte[] Prefix, int Bits)[] RefusedV6 =
    [
        (new byte[16], 96),                      // unspecified, loopback, IPv4-compatible (::/96)
        ([0x01, 0x00, 0, 0, 0, 0, 0, 0], 64),    // discard
        ([0x20, 0x01, 0x0d, 0xb8], 32),          // documentation
        ([0x20, 0x01, 0x00, 0x00], 32),          // Teredo
        ([0x20, 0x01, 0x00, 0x10], 28),          // ORCHID
        ([0x20, 0x02], 16),                      // 6to4 (carries an IPv4 address)
        ([0xfc], 7),                             // unique local
        ([0xfe, 0x80], 10),                      // link-local
        ([0xfe, 0xc0], 10),                      // site-local (deprecated)
        ([0xff], 8),                             // multicast
    ];

    private static readonly byte[] Nat64 = [0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0];

    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return IsPublic(address.MapToIPv4());
        }
        var bytes = address.GetAddressBytes();
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return !RefusedV4.Any(r => Matches(bytes, r.Prefix, r.Bits));
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }
        if (bytes.AsSpan(0, 12).SequenceEqual(Nat64))
        {
            // NAT64: the IPv4 address it reaches is what counts.
            return IsPublic(new IPAddress(bytes.AsSpan(12, 4)));
        }
        return !RefusedV6.Any(r => Matches(bytes, r.Prefix, r.Bits));
    }

    private static bool Matches(byte[] address, byte[] prefix, int bits)
    {
        for (var i = 0; i < bits; i++)
        {
            var b = i / 8;
            var mask = 0x80 >> (i % 8);
            var expected = b < prefix.Length ? prefix[b] & mask : 0;
            if ((address[b] & mask) != expected)
            {
                return false;
            }
        }
        return true;
    }
}
