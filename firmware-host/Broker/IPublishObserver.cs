namespace Hall.FirmwareHost.Broker;

/// <summary>Sees every message the box publishes (the live pages' feed, metrics).</summary>
public interface IPublishObserver
{
    void OnPublished(string topic, byte[] json, bool retain);
}
