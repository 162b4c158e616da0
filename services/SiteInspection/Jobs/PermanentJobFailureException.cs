namespace Hall.SiteInspection.Jobs;

/// <summary>
/// Thrown by a runner when running the job again cannot help (the video cannot be decoded at all): the job fails at
/// once with this message, which the page shows, so it must say in Chinese what the person should do.
/// </summary>
public sealed class PermanentJobFailureException : Exception
{
    public PermanentJobFailureException()
    {
    }

    public PermanentJobFailureException(string message)
        : base(message)
    {
    }

    public PermanentJobFailureException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
