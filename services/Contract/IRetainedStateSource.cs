namespace Hall.Contract;

/// <summary>
/// A service that owns retained topics. The broker keeps retained messages in memory only, so at
/// every start the box asks each owner to publish its state again from the store.
/// </summary>
public interface IRetainedStateSource
{
    Task RestoreRetainedAsync(CancellationToken cancellationToken);
}
