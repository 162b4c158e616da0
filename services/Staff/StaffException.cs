namespace Hall.Staff;

/// <summary>A staff change the directory refused; <see cref="Code"/> is one of Hall.Contract.ErrorCodes. Nothing was changed.</summary>
public sealed class StaffException : Exception
{
    public StaffException(string code, string message)
        : base(message)
    {
        Code = code;
    }

    public string Code { get; }
}
