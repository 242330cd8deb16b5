using System.Net;
using System.Net.Sockets;

namespace Autri.Domain.OAuth;

/// <summary>
/// Whether an address is on the public internet: what the portal may fetch a client metadata document from.
/// Everything else (loopback, private, link-local, carrier-grade NAT, documentation, benchmarking, multicast,
/// reserved, unique-local, and v6 forms that embed such a v4 address) could reach the portal's own network.
/// </summary>
public static class PublicAddress
{
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) return IsPublic(address.MapToIPv4());
        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => IsPublicV4(address.GetAddressBytes()),
            AddressFamily.InterNetworkV6 => IsPublicV6(address),
            _ => false,
        };
    }

    private static bool IsPublicV4(byte[] b) => !(
        b[0] == 0 || b[0] == 10 || b[0] == 127 || b[0] >= 224                      // this network, private, loopback, multicast and reserved
        || (b[0] == 100 && b[1] >= 64 && b[1] < 128)                               // carrier-grade NAT
        || (b[0] == 169 && b[1] == 254)                                            // link-local (cloud metadata services)
        || (b[0] == 172 && b[1] >= 16 && b[1] < 32)
        || (b[0] == 192 && b[1] == 168)
        || (b[0] == 192 && b[1] == 0 && (b[2] == 0 || b[2] == 2))                  // IETF protocol assignments, TEST-NET-1
        || (b[0] == 198 && (b[1] == 18 || b[1] == 19))                             // benchmarking
        || (b[0] == 198 && b[1] == 51 && b[2] == 100) || (b[0] == 203 && b[1] == 0 && b[2] == 113));

    private static bool IsPublicV6(IPAddress address)
    {
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.IPv6None) || address.Equals(IPAddress.IPv6Any)) return false;
        if (address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal) return false;
        var b = address.GetAddressBytes();
        if (b[0] == 0x20 && b[1] == 0x02) return false;                            // 6to4 embeds a v4 address
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0) return false;  // Teredo
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8) return false; // documentation
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b) return IsPublicV4(b[12..]); // NAT64
        return (b[0] & 0xe0) == 0x20;                                              // global unicast is 2000::/3
    }
}
