namespace Hall.CountyHub.Storage;

/// <summary>An enrollment the hub refuses (bad id or key, already enrolled, unknown box); the message is for the technician.</summary>
public sealed class BoxEnrollmentException : Exception
{
    public BoxEnrollmentException()
    {
    }

    public BoxEnrollmentException(string message)
        : base(message)
    {
    }

    public BoxEnrollmentException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
