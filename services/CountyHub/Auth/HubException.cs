namespace Hall.CountyHub.Auth;

/// <summary>A request the hub refuses, with its code (docs/error-codes.md), a Chinese message a person can act on, and its HTTP status.</summary>
public sealed class HubException : Exception
{
    public HubException(string code, string message, int status)
        : base(message)
    {
        Code = code;
        Status = status;
    }

    public HubException()
        : this("hub-error", "请求未能完成。", StatusCodes.Status400BadRequest)
    {
    }

    public HubException(string message)
        : this("hub-error", message, StatusCodes.Status400BadRequest)
    {
    }

    public HubException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = "hub-error";
        Status = StatusCodes.Status400BadRequest;
    }

    public string Code { get; }

    public int Status { get; }
}
