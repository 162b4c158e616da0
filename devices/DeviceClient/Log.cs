using Microsoft.Extensions.Logging;

namespace Hall.Devices.Client;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Connected to the box at {Host}:{Port} as {DeviceId}")]
    public static partial void Connected(ILogger logger, string host, int port, string deviceId);

    // The reason only, no stack: a device away from its box logs this every minute.
    [LoggerMessage(2, LogLevel.Warning, "Cannot reach the box at {Host}:{Port} ({Reason}); trying again in {Delay}")]
    public static partial void ConnectFailed(ILogger logger, string host, int port, string reason, TimeSpan delay);

    [LoggerMessage(3, LogLevel.Error, "The box refused this device ({ResultCode}): check Box:Username and Box:Password against the provisioning JSON, or re-enroll the device. Trying again in {Delay}")]
    public static partial void Refused(ILogger logger, string resultCode, TimeSpan delay);

    [LoggerMessage(4, LogLevel.Warning, "Lost the link to the box ({Reason})")]
    public static partial void Disconnected(ILogger logger, string reason);

    [LoggerMessage(5, LogLevel.Warning, "Ignored a reply on {Topic} that is not JSON with a requestId")]
    public static partial void BadReply(ILogger logger, string topic);

    [LoggerMessage(6, LogLevel.Debug, "Ignored reply {RequestId} on {Topic}: no request waits for it (answered already or timed out)")]
    public static partial void UnmatchedReply(ILogger logger, string requestId, string topic);

    [LoggerMessage(7, LogLevel.Warning, "Request {Name} {RequestId} got no answer within {Timeout}")]
    public static partial void NoReply(ILogger logger, string name, string requestId, TimeSpan timeout);

    [LoggerMessage(8, LogLevel.Debug, "Sending request {Name} {RequestId} failed; sending again once the link is back")]
    public static partial void SendFailed(ILogger logger, Exception exception, string name, string requestId);

    [LoggerMessage(9, LogLevel.Information, "Going offline: told the box, disconnecting")]
    public static partial void GoingOffline(ILogger logger);

    [LoggerMessage(10, LogLevel.Error, "The box refused the subscription to {Topic} ({ResultCode}): check the device's role and counter at enrollment")]
    public static partial void SubscriptionRefused(ILogger logger, string topic, string resultCode);

    [LoggerMessage(11, LogLevel.Debug, "Subscribing to {Topic} failed ({Reason}); subscribing again on the next connect")]
    public static partial void SubscribeFailed(ILogger logger, string topic, string reason);
}
