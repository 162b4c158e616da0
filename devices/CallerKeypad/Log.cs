using Microsoft.Extensions.Logging;

namespace Hall.Devices.CallerKeypad;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Key {Button}: sending {Cmd} ({RequestId})")]
    public static partial void Sending(ILogger logger, KeypadButton button, string cmd, string requestId);

    [LoggerMessage(2, LogLevel.Debug, "Key {Button} ignored: offline or a command is still waiting for the box")]
    public static partial void Ignored(ILogger logger, KeypadButton button);

    [LoggerMessage(3, LogLevel.Warning, "The box refused {RequestId}: {Code} {Message}")]
    public static partial void Refused(ILogger logger, string requestId, string code, string message);

    [LoggerMessage(4, LogLevel.Information, "Keypad ready: keys on pins {Pins}")]
    public static partial void Ready(ILogger logger, string pins);
}
