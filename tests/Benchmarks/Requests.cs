using Hall.Contract;
using Hall.Devices.HallSimulator;

namespace Hall.Benchmarks;

/// <summary>The requests the benchmark sends, as contract v1 payloads.</summary>
internal static class Requests
{
    public static RequestFactory Ping => (device, _) =>
    {
        var id = device.NewRequestId();
        return (Topics.Requests.Ping, id, HallJson.Serialize(new PingReply(id, DateTimeOffset.Now)));
    };

    public static RequestFactory Ticket(IReadOnlyList<string> categories) => (device, i) =>
    {
        var id = device.NewRequestId();
        var category = categories[(int)(i % categories.Count)];
        return (Topics.Requests.Ticket, id, HallJson.Serialize(new TicketRequest { RequestId = id, Ts = DateTimeOffset.Now, Category = category }));
    };

    public static (string Name, string RequestId, byte[] Payload) Counter(SimulatedDevice device, string cmd)
    {
        var id = device.NewRequestId();
        return (Topics.Requests.Counter, id, HallJson.Serialize(new CounterRequest { RequestId = id, Ts = DateTimeOffset.Now, Cmd = cmd }));
    }
}
