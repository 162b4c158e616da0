namespace Hall.Store;

/// <summary>The store refused a write, or its writer is not running; the request changed nothing and may be sent again.</summary>
public sealed class StoreUnavailableException : Exception
{
    public StoreUnavailableException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
