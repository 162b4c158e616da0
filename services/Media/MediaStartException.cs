namespace Hall.Media;

/// <summary>The executable could not be started at all (missing, not executable): the box's fault, not the input's.</summary>
public sealed class MediaStartException : InvalidOperationException
{
    public MediaStartException()
    {
    }

    public MediaStartException(string message)
        : base(message)
    {
    }

    public MediaStartException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
