using System.Net.Sockets;
using System.Text;

namespace Hall.FirmwareHost.IntegrationTests;

/// <summary>
/// MQTT 3.1.1 written by hand over a socket, for what real client libraries refuse to send (a publish on a topic
/// with a wildcard in it) but a hostile device can. Only CONNECT, PUBLISH QoS 1, PINGREQ; every read is bounded.
/// </summary>
public sealed class RawMqtt : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;

    private RawMqtt(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
    }

    /// <summary>Connects and returns the CONNACK's return code (0 accepted).</summary>
    public static async Task<(RawMqtt Client, int ReturnCode)> ConnectAsync(int port, string clientId, string username, string password)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", port);
        var client = new RawMqtt(tcp);
        var body = new List<byte>();
        body.AddRange(Str("MQTT"));
        body.Add(4);
        body.Add(0b1100_0010);
        body.AddRange([0, 60]);
        body.AddRange(Str(clientId));
        body.AddRange(Str(username));
        body.AddRange(Str(password));
        await client.SendAsync(0x10, [.. body]);
        var (type, payload) = await client.ReadAsync();
        return type == 0x20 ? (client, payload[1]) : throw new InvalidOperationException($"expected CONNACK, got packet type {type:x2}");
    }

    /// <summary>Publishes with QoS 1 and returns the packet type of the answer: 0x40 PUBACK, or null when the broker closed the connection.</summary>
    public async Task<int?> PublishAsync(string topic, byte[] payload, ushort packetId)
    {
        var body = new List<byte>(Str(topic)) { (byte)(packetId >> 8), (byte)packetId };
        body.AddRange(payload);
        await SendAsync(0x32, [.. body]);
        try
        {
            var (type, _) = await ReadAsync();
            return type;
        }
        catch (Exception ex) when (ex is IOException or EndOfStreamException or SocketException)
        {
            return null;
        }
    }

    /// <summary>True when the broker answers a PINGREQ: the connection is still up.</summary>
    public async Task<bool> PingAsync()
    {
        try
        {
            await SendAsync(0xC0, []);
            var (type, _) = await ReadAsync();
            return type == 0xD0;
        }
        catch (Exception ex) when (ex is IOException or EndOfStreamException or SocketException)
        {
            return false;
        }
    }

    public ValueTask DisposeAsync()
    {
        _tcp.Dispose();
        return ValueTask.CompletedTask;
    }

    private static byte[] Str(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return [(byte)(bytes.Length >> 8), (byte)bytes.Length, .. bytes];
    }

    private async Task SendAsync(byte header, byte[] body)
    {
        var packet = new List<byte> { header };
        var length = body.Length;
        do
        {
            var digit = (byte)(length % 128);
            length /= 128;
            packet.Add(length > 0 ? (byte)(digit | 0x80) : digit);
        }
        while (length > 0);
        packet.AddRange(body);
        await _stream.WriteAsync(packet.ToArray());
    }

    private async Task<(int Type, byte[] Body)> ReadAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var header = await ReadByteAsync(cts.Token);
        int length = 0, shift = 0;
        byte digit;
        do
        {
            digit = await ReadByteAsync(cts.Token);
            length |= (digit & 0x7F) << shift;
            shift += 7;
        }
        while ((digit & 0x80) != 0);
        var body = new byte[length];
        await _stream.ReadExactlyAsync(body, cts.Token);
        return (header & 0xF0, body);
    }

    private async Task<byte> ReadByteAsync(CancellationToken cancellationToken)
    {
        var one = new byte[1];
        await _stream.ReadExactlyAsync(one, cancellationToken);
        return one[0];
    }
}
