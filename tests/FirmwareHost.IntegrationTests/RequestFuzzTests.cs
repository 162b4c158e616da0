using System.Text;
using System.Text.Json;
using CsCheck;
using Hall.Contract;
using MQTTnet.Formatter;

namespace Hall.FirmwareHost.IntegrationTests;

/// <summary>
/// Random bytes and random JSON sent to every MQTT request name as every role, through the broker and the request
/// router of a running box: every request gets a well-formed reply on its reply topic, the connection stays, the box
/// logs no error, and a request answered with an error changes nothing in the store.
/// </summary>
public sealed class RequestFuzzTests : IAsyncLifetime
{
    private static readonly string[] Names = [.. Topics.Requests.All, "no-such-request"];

    private static readonly string[] Keys =
        ["requestId", "requestId", "ts", "category", "cmd", "ticketNo", "level", "reasons", "priority", "appointmentCode", "toCategory", "toCounter", "staffId", "pin", "x"];

    private static readonly Gen<string> Primitive = Gen.OneOf(
        Gen.Const("null"),
        Gen.Bool.Select(b => b ? "true" : "false"),
        Gen.Int.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        Gen.Double.Select(d => double.IsFinite(d) ? d.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : "1e400"),
        Gen.String.Select(s => JsonSerializer.Serialize(s)),
        Gen.OneOf("A", "B", "Z", "", "next", "recall", "skip", "transfer", "pause", "resume", "finish", "A001", "green", "elderly", "1", "5", "2026-11-23T09:00:00+08:00", "\u0000", "名字")
            .Select(s => JsonSerializer.Serialize(s)));

    private static readonly Gen<string> Value = Gen.OneOf(
        Primitive,
        Primitive.Array[0, 4].Select(items => "[" + string.Join(",", items) + "]"),
        Gen.Select(Gen.OneOf(Keys), Primitive).Array[0, 4].Select(Object));

    private static readonly Gen<byte[]> Payload = Gen.OneOf(
        Gen.Byte.Array[0, 200],
        Gen.Select(Gen.OneOf(Keys), Value).Array[0, 8].Select(fields => Encoding.UTF8.GetBytes(Object(fields))),
        Value.Select(Encoding.UTF8.GetBytes),
        Gen.Select(Gen.OneOf(Keys), Value).Array[0, 6].Select(fields => Truncate(Encoding.UTF8.GetBytes(Object(fields)))),
        Gen.Byte.Array[1, 8].Select(bad => (byte[])[.. "{\"requestId\":\""u8, .. bad, .. "\",\"category\":\"A\",\"cmd\":\"next\"}"u8]));

    private readonly BoxProcess _box = new("fuzz");
    private readonly List<MqttProbe> _devices = [];

    public async Task InitializeAsync()
    {
        var enrolled = new[]
        {
            _box.Enroll("fz-kiosk", DeviceRole.Kiosk),
            _box.Enroll("fz-caller", DeviceRole.Caller, "1"),
            _box.Enroll("fz-evaluator", DeviceRole.Evaluator, "1"),
            _box.Enroll("fz-display", DeviceRole.Display),
        };
        await _box.StartAsync();
        foreach (var (who, i) in enrolled.Select((w, i) => (w, i)))
        {
            var probe = await MqttProbe.ConnectAsync(_box, who, i % 2 == 0 ? MqttProtocolVersion.V500 : MqttProtocolVersion.V311);
            await probe.SubscribeAsync(probe.Topic("res/#"));
            _devices.Add(probe);
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var device in _devices)
        {
            await device.DisposeAsync();
        }

        await _box.DisposeAsync();
    }

    [Fact]
    public async Task Every_role_and_request_name_answers_random_bytes_and_json_cleanly_and_an_error_changes_nothing()
    {
        var errors = 0;
        await Gen.Select(Gen.Int[0, _devices.Count - 1], Gen.Int[0, Names.Length - 1], Payload).SampleAsync(
            async (device, name, payload) =>
            {
                var probe = _devices[device];
                var before = StoreState();

                var reply = await probe.RequestAsync(Names[name], payload);

                Assert.Equal(JsonValueKind.Object, reply.ValueKind);
                Assert.True(reply.TryGetProperty("ts", out _), reply.GetRawText());
                if (reply.TryGetProperty("error", out var error))
                {
                    errors++;
                    Assert.Matches("^[a-z0-9-]+$", error.GetProperty("code").GetString());
                    Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()), reply.GetRawText());
                    Assert.Equal(before, StoreState());
                }

                Assert.True(probe.IsConnected, $"{probe.DeviceId} was disconnected by {Names[name]}");
            },
            iter: 400,
            threads: 1,
            print: t => $"{_devices[t.Item1].DeviceId} req/{Names[t.Item2]} {Convert.ToHexString(t.Item3)}");

        // The generators reach the refusals, not only the happy path.
        Assert.True(errors > 100, $"only {errors} error replies");
    }

    private static string Object(IEnumerable<(string Key, string Value)> fields) =>
        "{" + string.Join(",", fields.Select(f => JsonSerializer.Serialize(f.Key) + ":" + f.Value)) + "}";

    private static byte[] Truncate(byte[] json) => json.Length < 2 ? json : json[..(json.Length / 2)];

    /// <summary>What a request could change: the events it committed (every change appends one) and the requests it logged.</summary>
    private (long Events, long Tickets) StoreState()
    {
        using var connection = _box.Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT count(*) FROM outbox WHERE type <> 'AlertRaised'), (SELECT count(*) FROM queue_tickets)";
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
