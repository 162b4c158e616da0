namespace Hall.Provisioning;

/// <summary>A refusal of a hallctl command: an error code (Hall.Contract) and a message for the technician, in Chinese. Nothing was changed.</summary>
public sealed class CliException : Exception
{
    public CliException(string code, string message)
        : base(message)
    {
        Code = code;
    }

    public string Code { get; }
}
