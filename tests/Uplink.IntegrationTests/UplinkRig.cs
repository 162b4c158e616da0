using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Hall.Provisioning;
using Hall.Tests.Shared;

namespace Hall.Uplink.IntegrationTests;

/// <summary>
/// A box and a county hub, each a real process, with the fault proxy between them: the box is enrolled at the hub
/// with hallctl (the box's key from <c>hallctl box key</c>, the hub's address and certificate from
/// <c>hallctl hub enroll</c>) and sends through the proxy.
/// </summary>
public sealed class UplinkRig : IAsyncDisposable
{
    private UplinkRig(HubProcess hub, Hall.FirmwareHost.IntegrationTests.BoxProcess box, FaultProxy proxy)
    {
        Hub = hub;
        Box = box;
        Proxy = proxy;
    }

    public HubProcess Hub { get; }

    public Hall.FirmwareHost.IntegrationTests.BoxProcess Box { get; }

    public FaultProxy Proxy { get; }

    /// <summary>The settings hallctl printed for the box, as command-line arguments.</summary>
    public IReadOnlyList<string> SyncArgs { get; private set; } = [];

    public static async Task<UplinkRig> StartHubAsync(string boxId, string? postgres = null)
    {
        var hub = new HubProcess(postgres);
        var box = new Hall.FirmwareHost.IntegrationTests.BoxProcess(boxId);
        await hub.StartAsync();
        var proxy = new FaultProxy(new IPEndPoint(IPAddress.Loopback, hub.Port));
        await proxy.StartAsync();
        var rig = new UplinkRig(hub, box, proxy);
        rig.SyncArgs = rig.Enroll(box);
        return rig;
    }

    /// <summary>Enrolls a box at the hub as a technician does and returns the box's settings that hallctl printed.</summary>
    public IReadOnlyList<string> Enroll(Hall.FirmwareHost.IntegrationTests.BoxProcess box)
    {
        ArgumentNullException.ThrowIfNull(box);
        var key = JsonDocument.Parse(Hallctl("box", "key", "--data-dir", box.DataDirectory)).RootElement.GetProperty("publicKey").GetString()!;
        var printed = JsonDocument.Parse(Hallctl(["hub", "enroll", "--box", box.HallId, "--public-key", key, "--hub-url", $"https://127.0.0.1:{Proxy.Port}", .. Hub.StoreArgs]));
        return [.. printed.RootElement.GetProperty("settings").EnumerateObject().Select(p => $"--{p.Name}={p.Value.GetString()}")];
    }

    public string Hallctl(params string[] args)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var code = new Cli(output, error, TimeProvider.System).Run(args);
        Assert.True(code == 0, $"hallctl {string.Join(' ', args)} exited with {code}: {error}");
        return output.ToString();
    }

    /// <summary>Starts the box with its uplink to the hub through the proxy, retrying fast (the link is the test's).</summary>
    public Task StartBoxAsync(params string[] extra) => Box.StartAsync(
    [
        .. SyncArgs,
        "--Sync:MinBackoff=00:00:00.050", "--Sync:MaxBackoff=00:00:01", "--Sync:Interval=00:00:00.200",
        "--Sync:RequestTimeout=00:00:20", "--Store:OutboxAckedRetention=365.00:00:00",
        .. extra,
    ]);

    /// <summary>Starts the hub again on the same data (a new port) and points the proxy at it.</summary>
    public async Task RestartHubAsync(bool kill)
    {
        if (kill)
        {
            Hub.Kill();
        }
        else
        {
            await Hub.StopAsync();
        }

        await Hub.StartAsync();
        Proxy.Target = new IPEndPoint(IPAddress.Loopback, Hub.Port);
    }

    /// <summary>Every outbox row of the box: (epoch, seq) → type.</summary>
    public Dictionary<(string Epoch, long Seq), string> BoxEvents()
    {
        using var connection = Box.Database.Open();
        var epochs = new List<(long First, string Epoch)>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT first_seq, epoch FROM epochs ORDER BY first_seq";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                epochs.Add((reader.GetInt64(0), reader.GetString(1)));
            }
        }

        var rows = new Dictionary<(string, long), string>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT seq, type FROM outbox";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var seq = reader.GetInt64(0);
                rows[(epochs.Last(e => e.First <= seq).Epoch, seq)] = reader.GetString(1);
            }
        }

        return rows;
    }

    /// <summary>Every event the hub holds for the box: (epoch, seq) → type.</summary>
    public async Task<Dictionary<(string Epoch, long Seq), string>> HubEventsAsync(string? boxId = null)
    {
        using var database = Hub.OpenDatabase();
        await using var connection = await database.OpenAsync();
        await using DbCommand command = connection.CreateCommand();
        command.CommandText = $"SELECT epoch, seq, type FROM events WHERE box_id = '{boxId ?? Box.HallId}'";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new Dictionary<(string, long), string>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetInt64(1)), reader.GetString(2));
        }

        return rows;
    }

    /// <summary>Waits until the hub holds every event the box has; bounded.</summary>
    public async Task WaitUntilHubHasEverythingAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var expected = 0;
        var missing = 0;
        while (DateTime.UtcNow < deadline)
        {
            var box = BoxEvents();
            expected = box.Count;
            var held = await HubEventsAsync();
            missing = box.Keys.Count(k => !held.ContainsKey(k));
            if (missing == 0 && expected > 0)
            {
                return;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The hub lacks {missing} of the box's {expected} events after {timeout}.\nBox:\n{Tail(Box.Log)}\nHub:\n{Tail(Hub.Log)}");
    }

    /// <summary>The box's /metrics value of a sample (its full name with labels), 0 when absent.</summary>
    public Task<double> BoxMetricAsync(string sample) => MetricAsync(Box, sample);

    /// <summary>A box's /metrics value of a sample (its full name with labels), 0 when absent.</summary>
    public static async Task<double> MetricAsync(Hall.FirmwareHost.IntegrationTests.BoxProcess box, string sample)
    {
        ArgumentNullException.ThrowIfNull(box);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var text = await http.GetStringAsync(new Uri(box.BaseUri, "metrics"));
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith(sample + " ", StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line[(sample.Length + 1)..], CultureInfo.InvariantCulture);
    }

    /// <summary>Tickets taken at a kiosk over MQTT: events the box itself records, with its own clock.</summary>
    public static async Task IssueTicketsAsync(Hall.FirmwareHost.IntegrationTests.BoxProcess box, Hall.DeviceRegistry.DeviceCredentials kiosk, int count)
    {
        Hall.FirmwareHost.IntegrationTests.MqttDevice device;
        try
        {
            device = await Hall.FirmwareHost.IntegrationTests.MqttDevice.ConnectAsync(box, kiosk);
        }
        catch (MQTTnet.Exceptions.MqttCommunicationException ex)
        {
            // What the box said about that connection is the first thing to read when it happens.
            throw new InvalidOperationException($"The kiosk could not connect: {ex.Message}\nBox:\n{Tail(box.Log)}", ex);
        }

        await using var connected = device;
        for (var i = 0; i < count; i++)
        {
            var reply = await device.RequestAsync("ticket", new { category = "A" }, TimeSpan.FromSeconds(10));
            Assert.True(reply.TryGetProperty("ticketNo", out _), reply.ToString());
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Box.DisposeAsync();
        await Proxy.DisposeAsync();
        await Hub.DisposeAsync();
    }

    private static string Tail(string log) => string.Join('\n', log.Split('\n').TakeLast(40));
}
