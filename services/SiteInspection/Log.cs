using Microsoft.Extensions.Logging;

namespace Hall.SiteInspection;

internal static partial class Log
{
    [LoggerMessage(320, LogLevel.Information, "Inspection job {JobId} checked (passed: {Passed}), {Timings}")]
    public static partial void Checked(ILogger logger, long jobId, bool passed, string timings);
}
