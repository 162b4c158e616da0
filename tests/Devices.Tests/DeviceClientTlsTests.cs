using Hall.Contract;
using Hall.Contract.Tls;
using Hall.Devices.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Hall.Devices.Tests;

/// <summary>
/// A device pins its box's certificate: it talks to its own box over TLS, and a broker presenting another certificate
/// (another box, or a stranger's on the hall LAN) is refused before the device's password is sent.
/// </summary>
public sealed class DeviceClientTlsTests : IDisposable
{
    private const string HallId = "h1";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "hall-tls-" + Guid.NewGuid().ToString("N")[..12]);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task The_device_talks_to_the_box_whose_certificate_it_pinned()
    {
        using var certificate = Certificate("box");
        await using var broker = await TestBroker.StartAsync(certificate);
        await using var client = NewClient(broker.Port, BoxCertificate.Fingerprint(certificate));

        await client.ConnectAsync(Timeout());
        var pending = client.RequestAsync("ticket", "r-1", HallJson.Serialize(new TicketRequest { RequestId = "r-1", Ts = DateTimeOffset.UnixEpoch, Category = "A" }), Timeout());
        var seen = await broker.NextRequestAsync();
        await broker.ReplyAsync(Topics.Response(HallId, TestBroker.Username, "ticket"), HallJson.Serialize(new TicketReply
        {
            RequestId = seen.RequestId,
            Ts = DateTimeOffset.UnixEpoch,
            TicketNo = "A001",
            Category = "A",
            WaitingAhead = 0,
            EstimatedWaitMinutes = 0,
            IssuedAt = DateTimeOffset.UnixEpoch,
        }));

        Assert.True(client.IsOnline);
        Assert.Equal("A001", (await pending).ReadAs<TicketReply>()!.TicketNo);
    }

    [Fact]
    public async Task A_box_with_another_certificate_is_refused_and_never_sees_the_password()
    {
        using var pinned = Certificate("box");
        using var other = Certificate("other");
        await using var stranger = await TestBroker.StartAsync(other);
        await using var client = NewClient(stranger.Port, BoxCertificate.Fingerprint(pinned));

        await Assert.ThrowsAnyAsync<Exception>(() => client.ConnectAsync(Timeout()));

        Assert.False(client.IsOnline);
        Assert.Equal(0, stranger.ConnectAttempts);
    }

    private System.Security.Cryptography.X509Certificates.X509Certificate2 Certificate(string name) =>
        BoxCertificate.LoadOrCreate(Path.Combine(_directory, name), [], TimeProvider.System);

    private static CancellationToken Timeout() => new CancellationTokenSource(TestBroker.WaitLimit).Token;

    private static HallDeviceClient NewClient(int port, string pin) => new(
        Options.Create(new DeviceClientOptions
        {
            Host = "127.0.0.1",
            Port = port,
            HallId = HallId,
            DeviceId = TestBroker.Username,
            Username = TestBroker.Username,
            Password = TestBroker.Password,
            BoxCertificateSha256 = pin,
            Firmware = "test-1.0",
            RequestTimeout = TimeSpan.FromSeconds(5),
            ConnectTimeout = TimeSpan.FromSeconds(5),
        }),
        TimeProvider.System,
        NullLogger<HallDeviceClient>.Instance);
}
