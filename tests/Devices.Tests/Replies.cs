using System.Buffers;
using Hall.Contract;
using Hall.Devices.Client;

namespace Hall.Devices.Tests;

/// <summary>Replies as the box would send them, parsed the way the device client parses them.</summary>
internal static class Replies
{
    public static DeviceReply Parse(string name, string json) =>
        DeviceReply.TryParse(name, new ReadOnlySequence<byte>(System.Text.Encoding.UTF8.GetBytes(json)))
        ?? throw new InvalidOperationException("not a reply: " + json);

    public static DeviceReply Of<T>(string name, T body) =>
        DeviceReply.TryParse(name, new ReadOnlySequence<byte>(HallJson.Serialize(body)))
        ?? throw new InvalidOperationException("not a reply");

    public static DeviceReply Error(string name, string requestId, string code, string message) =>
        Of(name, new ErrorReply(requestId, DateTimeOffset.UnixEpoch, new ErrorBody(code, message)));
}
