using System.Globalization;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Hall.Contract;
using Hall.FirmwareHost.Box;
using Hall.Store;
using Microsoft.Extensions.Options;

namespace Hall.FirmwareHost.Web;

/// <summary>
/// The link printed as a ticket's QR code: the ticket's own page on the box, on the hall's Wi-Fi.
/// It carries a key derived from a box secret, so numbers cannot be walked through by guessing.
/// The same ticket always gets the same link, so a repeated request prints the same QR.
/// </summary>
public sealed class TicketLinks : ITicketLinks
{
    private readonly Lazy<byte[]> _key;
    private readonly string _baseUrl;
    private readonly HallClock _clock;

    public TicketLinks(HallDatabase database, IOptions<BoxOptions> box, HallClock clock)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(box);
        // Read at first use: this object is built before the store's migrations have run.
        _key = new Lazy<byte[]>(() =>
        {
            using var connection = database.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT value FROM box_meta WHERE key = 'ticket_key'";
            return Convert.FromHexString((string)command.ExecuteScalar()!);
        });

        _clock = clock;

        // Phones are on the public Wi-Fi, never on an isolated device LAN: their links are HTTPS.
        _baseUrl = (box.Value.PublicBaseUrl ?? $"https://{LanAddress(box.Value.BindAddress)}:{box.Value.HttpsPort}").TrimEnd('/');
    }

    /// <summary>How phones on the hall Wi-Fi reach the box (Box:PublicBaseUrl, or its LAN address).</summary>
    public string BaseUrl => _baseUrl;

    public string For(TicketReply ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return $"{_baseUrl}/t/{ticket.TicketNo}?k={Key(_clock.Day(ticket.IssuedAt), ticket.TicketNo)}";
    }

    /// <summary>True when <paramref name="key"/> is today's key for the ticket.</summary>
    public bool IsValid(string ticketNo, string? key) =>
        key is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(key), Encoding.ASCII.GetBytes(Key(_clock.Day(_clock.Now()), ticketNo)));

    private string Key(DateOnly day, string ticketNo)
    {
        var mac = HMACSHA256.HashData(_key.Value, Encoding.UTF8.GetBytes(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "/" + ticketNo));
        return Convert.ToHexStringLower(mac.AsSpan(0, 8));
    }

    /// <summary>The address phones on the hall network reach the box at.</summary>
    private static string LanAddress(string bindAddress)
    {
        if (bindAddress != "0.0.0.0")
        {
            return bindAddress;
        }

        var address = NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork);
        return address?.ToString() ?? "127.0.0.1";
    }
}
