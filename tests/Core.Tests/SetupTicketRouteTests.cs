using System.Net;
using Hall.FirmwareHost.Web;

namespace Hall.Core.Tests;

/// <summary>The setup route answers with a device secret: never in clear to another machine on the hall's Wi-Fi.</summary>
public sealed class SetupTicketRouteTests
{
    [Theory]
    [InlineData(false, "192.168.1.23", false)]
    [InlineData(false, "fe80::1", false)]
    [InlineData(false, null, false)]
    [InlineData(true, "192.168.1.23", true)]
    [InlineData(false, "127.0.0.1", true)]
    [InlineData(false, "::1", true)]
    public void A_secret_goes_only_over_https_or_to_the_box_itself(bool https, string? remote, bool answered)
    {
        Assert.Equal(answered, SetupTicketEndpoints.MayAnswer(https, remote is null ? null : IPAddress.Parse(remote)));
    }
}
