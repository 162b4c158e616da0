namespace Hall.Contract;

/// <summary>Where a service maps a request name to its handler; <typeparamref name="TRequest"/> is the request's JSON body.</summary>
public interface IRequestMap
{
    void Map<TRequest>(string name, Func<DeviceIdentity, TRequest, CancellationToken, Task<object>> handler)
        where TRequest : class;
}
