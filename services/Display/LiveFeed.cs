using Microsoft.Extensions.Options;

namespace Hall.Display;

/// <summary>
/// Fans every message the box publishes out to the connected pages, like a tiny MQTT broker for
/// browsers: each page has its own bounded buffer, and a page that connects gets the last
/// retained message of every topic first, so it shows the current state at once.
/// </summary>
public sealed class LiveFeed
{
    private readonly int _clientBuffer;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LiveMessage> _retained = new(StringComparer.Ordinal);
    private readonly List<LiveSubscription> _subscribers = [];

    public LiveFeed(IOptions<DisplayOptions> options)
        : this(options.Value.LiveClientBuffer)
    {
    }

    public LiveFeed(int clientBuffer)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(clientBuffer, 1);
        _clientBuffer = clientBuffer;
    }

    public int Subscribers
    {
        get
        {
            lock (_gate)
            {
                return _subscribers.Count;
            }
        }
    }

    /// <summary>
    /// Called by the box's publisher for every message. Never blocks: each page's buffer drops its
    /// oldest message when full. A retained empty payload clears the topic, as in MQTT.
    /// </summary>
    public void Push(string topic, string json, bool retain)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        json ??= string.Empty;
        var message = new LiveMessage(topic, json, retain);
        lock (_gate)
        {
            if (retain)
            {
                if (json.Length == 0)
                {
                    _retained.Remove(topic);
                }
                else
                {
                    _retained[topic] = message;
                }
            }

            // Under the lock so every page sees messages in publish order and none between its
            // retained snapshot and its first live message is lost or doubled. TryWrite never waits.
            foreach (var subscriber in _subscribers)
            {
                subscriber.Offer(message);
            }
        }
    }

    /// <summary>Connects a page. Its reader starts with the retained messages of the topics it asked for.</summary>
    public LiveSubscription Subscribe(IReadOnlyList<string>? topicFilters = null)
    {
        var filters = topicFilters ?? [];
        lock (_gate)
        {
            var subscription = new LiveSubscription(_clientBuffer + _retained.Count, filters, Unsubscribe);
            foreach (var retained in _retained.Values)
            {
                subscription.Offer(retained);
            }

            _subscribers.Add(subscription);
            return subscription;
        }
    }

    /// <summary>The retained message of a topic, if any.</summary>
    public string? Retained(string topic)
    {
        lock (_gate)
        {
            return _retained.TryGetValue(topic, out var message) ? message.Json : null;
        }
    }

    private void Unsubscribe(LiveSubscription subscription)
    {
        lock (_gate)
        {
            _subscribers.Remove(subscription);
        }
    }
}
