using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Hall.DeviceRegistry;
using MQTTnet;
using MQTTnet.Protocol;

namespace Hall.FirmwareHost.IntegrationTests;

/// <summary>A device as an MQTTnet 5 client, for bursts that many mosquitto_pub processes could not make.</summary>
public sealed class MqttDevice : IAsyncDisposable
{
    private readonly IMqttClient _client;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonElement>> _pending = new(StringComparer.Ordinal);
    private readonly string _hallId;
    private readonly DeviceCredentials _who;

    private MqttDevice(IMqttClient client, string hallId, DeviceCredentials who)
    {
        _client = client;
        _hallId = hallId;
        _who = who;
        _client.ApplicationMessageReceivedAsync += e =>
        {
            using var document = JsonDocument.Parse(Encoding.UTF8.GetString(e.ApplicationMessage.Payload));
            var root = document.RootElement.Clone();
            if (root.TryGetProperty("requestId", out var id) && id.GetString() is { } requestId && _pending.TryRemove(requestId, out var waiter))
            {
                waiter.TrySetResult(root);
            }

            return Task.CompletedTask;
        };
    }

    public static async Task<MqttDevice> ConnectAsync(BoxProcess box, DeviceCredentials who)
    {
        ArgumentNullException.ThrowIfNull(box);
        ArgumentNullException.ThrowIfNull(who);
        var client = new MqttClientFactory().CreateMqttClient();
        var device = new MqttDevice(client, box.HallId, who);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await client.ConnectAsync(
            new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", box.MqttPort).WithClientId(who.DeviceId).WithCredentials(who.Username, who.Password).WithCleanSession().Build(),
            cts.Token);
        await client.SubscribeAsync(
            new MqttClientSubscribeOptionsBuilder().WithTopicFilter($"hall/{box.HallId}/device/{who.DeviceId}/res/#", MqttQualityOfServiceLevel.AtLeastOnce).Build(),
            cts.Token);
        return device;
    }

    public async Task<JsonElement> RequestAsync(string name, object body, TimeSpan timeout)
    {
        var requestId = Guid.NewGuid().ToString("N");
        var waiter = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[requestId] = waiter;
        var json = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object?>(ToDictionary(body)) { ["requestId"] = requestId, ["ts"] = DateTimeOffset.Now });
        using var cts = new CancellationTokenSource(timeout);
        await _client.PublishAsync(
            new MqttApplicationMessageBuilder().WithTopic($"hall/{_hallId}/device/{_who.DeviceId}/req/{name}").WithPayload(json).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(),
            cts.Token);
        return await waiter.Task.WaitAsync(cts.Token);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_client.IsConnected)
            {
                await _client.DisconnectAsync();
            }
        }
        catch (MQTTnet.Exceptions.MqttCommunicationException)
        {
        }

        _client.Dispose();
    }

    private static Dictionary<string, object?> ToDictionary(object body) =>
        JsonSerializer.Deserialize<Dictionary<string, object?>>(JsonSerializer.Serialize(body))!;
}
