using System.Collections.Concurrent;

namespace Hall.FirmwareHost.Broker;

/// <summary>
/// Client ids whose connection sent DISCONNECT and is still being cleaned up by MQTTnet. MQTTnet removes a finished
/// connection (and, for a clean session, its session) by client id, after checking outside its lock that it was not
/// taken over; a device reconnecting at that instant (a kiosk that closes and opens again at once) can have its new
/// session removed under it and be dropped mid-SUBSCRIBE. A connect under the same id therefore waits for the old
/// one's cleanup, which ends with the disconnect event, for a short while at most.
/// </summary>
public sealed class ClosingClients(TimeProvider time)
{
    /// <summary>Longer than any cleanup on a busy box; a device never waits more than this for its CONNACK.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(3);

    private readonly ConcurrentDictionary<string, TaskCompletionSource> _closing = new(StringComparer.Ordinal);

    /// <summary>The client sent DISCONNECT: its cleanup is under way.</summary>
    public void Closing(string clientId) =>
        _closing.TryAdd(clientId, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    /// <summary>The broker finished with the client (its disconnect event).</summary>
    public void Closed(string clientId)
    {
        if (_closing.TryRemove(clientId, out var done))
        {
            done.TrySetResult();
        }
    }

    /// <summary>Completes once no earlier connection of <paramref name="clientId"/> is still being cleaned up.</summary>
    public async Task WaitAsync(string clientId, CancellationToken cancellationToken)
    {
        if (!_closing.TryGetValue(clientId, out var closing))
        {
            return;
        }

        try
        {
            await closing.Task.WaitAsync(MaxWait, time, cancellationToken);
        }
        catch (TimeoutException)
        {
            // A connection taken over never raises its disconnect event: forget it and let the broker decide.
            _closing.TryRemove(KeyValuePair.Create(clientId, closing));
        }
    }
}
