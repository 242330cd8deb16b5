using System.Net;

namespace Autri.Domain.Tests.OAuth;

public class PublicAddressTests
{
    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("104.18.12.1")]
    [InlineData("2606:4700::6810:84e5")]
    [InlineData("::ffff:8.8.8.8")]
    public void Internet_addresses_are_public(string address) => Assert.True(PublicAddress.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("127.0.0.1")]        // loopback
    [InlineData("10.1.2.3")]         // private
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]  // link-local: cloud metadata services
    [InlineData("100.64.0.1")]       // carrier-grade NAT
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]        // multicast
    [InlineData("192.0.2.1")]        // documentation
    [InlineData("198.18.0.1")]       // benchmarking
    [InlineData("::1")]
    [InlineData("fe80::1")]
    [InlineData("fd00::1")]          // unique local
    [InlineData("::ffff:10.0.0.1")]  // v4-mapped private
    [InlineData("64:ff9b::a00:1")]   // NAT64 of 10.0.0.1
    [InlineData("2002:a00:1::1")]    // 6to4
    [InlineData("2001:db8::1")]      // documentation
    public void Addresses_that_could_reach_our_own_network_are_not(string address) => Assert.False(PublicAddress.IsPublic(IPAddress.Parse(address)));
}
