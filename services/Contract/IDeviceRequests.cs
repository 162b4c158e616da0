namespace Hall.Contract;

/// <summary>
/// The device requests a service answers (<c>req/{name}</c>). Each service registers its own with its AddXxx; the box's
/// request router asks every one of them at start, so the routing table is never written by hand in the composition.
/// </summary>
public interface IDeviceRequests
{
    void MapTo(IRequestMap map);
}
