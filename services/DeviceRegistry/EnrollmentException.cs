namespace Hall.DeviceRegistry;

/// <summary>An enrollment the registry refused; <see cref="Code"/> is one of Hall.Contract.ErrorCodes.</summary>
public sealed class EnrollmentException : Exception
{
    public EnrollmentException(string code, string message)
        : base(message)
    {
        Code = code;
    }

    public string Code { get; }
}
