using Hall.Contract;

namespace Hall.DeviceRegistry;

/// <summary>
/// Who may publish and subscribe to what (contract v1). A device publishes only under its own
/// <c>device/{id}/</c> and only the requests of its role; it subscribes only to what its role needs.
/// Plain and pure so that the broker hooks stay thin and this stays tested.
/// </summary>
public sealed class AccessPolicy
{
    private readonly string _hallId;

    public AccessPolicy(string hallId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(hallId);
        _hallId = hallId;
    }

    /// <summary>The request names each role may send.</summary>
    public static IReadOnlyList<string> RequestsOf(DeviceRole role) => role switch
    {
        DeviceRole.Kiosk => [Topics.Requests.Ticket, Topics.Requests.Reprint, Topics.Requests.Ping],
        DeviceRole.Caller => [Topics.Requests.Counter, Topics.Requests.Ping],
        DeviceRole.Evaluator => [Topics.Requests.Rating, Topics.Requests.Ping],
        _ => [Topics.Requests.Ping],
    };

    public bool CanPublish(DeviceIdentity device, string topic)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(topic);
        if (topic.Contains('+', StringComparison.Ordinal) || topic.Contains('#', StringComparison.Ordinal))
        {
            return false;
        }

        if (topic == Topics.DeviceStatus(_hallId, device.DeviceId))
        {
            return true;
        }

        return Topics.TryParseRequest(topic, out var hall, out var deviceId, out var name)
            && hall == _hallId
            && deviceId == device.DeviceId
            && RequestsOf(device.Role).Contains(name);
    }

    public bool CanSubscribe(DeviceIdentity device, string topicFilter)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(topicFilter);
        return AllowedFilters(device).Any(allowed => IsWithin(topicFilter, allowed));
    }

    /// <summary>The widest filters a device may subscribe to; any narrower filter is allowed too.</summary>
    public IReadOnlyList<string> AllowedFilters(DeviceIdentity device)
    {
        ArgumentNullException.ThrowIfNull(device);
        var h = _hallId;
        var own = $"hall/{h}/device/{device.DeviceId}/res/#";
        var counter = device.Counter;
        return device.Role switch
        {
            DeviceRole.Kiosk => [own, Topics.DisplayBoard(h)],
            DeviceRole.Caller when counter is not null => [own, Topics.CounterState(h, counter), Topics.CounterPresence(h, counter), Topics.DisplayBoard(h)],
            DeviceRole.Evaluator when counter is not null => [own, Topics.CounterEvaluate(h, counter), Topics.CounterState(h, counter)],
            DeviceRole.Display when counter is not null => [own, Topics.CounterState(h, counter), $"hall/{h}/display/#"],
            DeviceRole.Display => [own, $"hall/{h}/display/#", $"hall/{h}/counter/+/state"],
            _ => [own],
        };
    }

    /// <summary>True when every topic <paramref name="requested"/> matches is also matched by <paramref name="allowed"/>.</summary>
    public static bool IsWithin(string requested, string allowed)
    {
        ArgumentNullException.ThrowIfNull(requested);
        ArgumentNullException.ThrowIfNull(allowed);
        var r = requested.Split('/');
        var a = allowed.Split('/');
        for (var i = 0; i < r.Length; i++)
        {
            if (i >= a.Length)
            {
                return false;
            }

            if (a[i] == "#")
            {
                return true;
            }

            if (r[i] == "#")
            {
                return false;
            }

            if (a[i] == "+")
            {
                continue;
            }

            if (r[i] == "+" || r[i] != a[i])
            {
                return false;
            }
        }

        return r.Length == a.Length || (a.Length == r.Length + 1 && a[^1] == "#");
    }
}
