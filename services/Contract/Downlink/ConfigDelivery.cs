namespace Hall.Contract.Downlink;

/// <summary>How a result is handed over.</summary>
public static class ConfigDelivery
{
    public const string Window = "window";
    public const string Post = "post";
}
