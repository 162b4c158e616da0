using Hall.Contract.Downlink;
using Microsoft.Extensions.Logging;

namespace Hall.Evaluation.CountySupervision;

/// <summary>督办 from the county (<c>supervision</c> messages): stored beside the case, idempotent by the 督办's id.</summary>
public sealed partial class SupervisionHandler(Supervisions supervisions, ILogger<SupervisionHandler> logger) : IDownlinkHandler
{
    public string Type => DownlinkMessageTypes.Supervision;

    public async Task HandleAsync(DownlinkMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (SupervisionRules.Read(message.Data) is not { } supervision)
        {
            // Not something the hall can act on: said once in the log, never tried forever.
            LogUnreadable(message.Id);
            return;
        }

        await supervisions.StoreAsync(message.Id, supervision, message.At, cancellationToken).ConfigureAwait(false);
        LogStored(supervision.Id, supervision.CaseId);
    }

    [LoggerMessage(1, LogLevel.Information, "督办 {SupervisionId} from the county about case {CaseId} stored")]
    private partial void LogStored(string supervisionId, string caseId);

    [LoggerMessage(2, LogLevel.Warning, "Supervision message {MessageId} lacks its id, case, text or deadline; ignored")]
    private partial void LogUnreadable(string messageId);
}
