namespace Hall.Store;

/// <summary>The store refused a write; the request changed nothing and may be sent again.</summary>
public sealed class StoreUnavailableException : Exception
{
    public StoreUnavailableException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
