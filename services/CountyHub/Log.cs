using Microsoft.Extensions.Logging;

namespace Hall.CountyHub;

internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Box {BoxId} epoch {Epoch}: stored {Stored}, duplicates {Duplicates}, mark {Mark}")]
    public static partial void Stored(ILogger logger, string boxId, string epoch, int stored, int duplicates, long mark);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Batch of box {BoxId} refused: {Code} ({Status})")]
    public static partial void Refused(ILogger logger, string boxId, string code, int status);

    [LoggerMessage(Level = LogLevel.Error, Message = "The database did not take the batch of box {BoxId}; nothing of it was kept")]
    public static partial void DatabaseFailed(ILogger logger, string boxId, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Box {BoxId} cut its request mid-way; nothing kept, it sends again")]
    public static partial void CutMidRequest(ILogger logger, string boxId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied hub migration #{Version} ({Name})")]
    public static partial void Migrated(ILogger logger, int version, string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "County hub ready: {Engine} at {Where}, HTTPS on {Address}:{Port}, certificate SHA-256 {Fingerprint}")]
    public static partial void Ready(ILogger logger, string engine, string where, string address, int port, string fingerprint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Downlink poll of box {BoxId} refused: {Code} ({Status})")]
    public static partial void PollRefused(ILogger logger, string boxId, string code, int status);

    [LoggerMessage(Level = LogLevel.Error, Message = "The database did not answer the downlink poll of box {BoxId}")]
    public static partial void PollFailed(ILogger logger, string boxId, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Configuration version {Version} published by {By}: {Note}")]
    public static partial void ConfigPublished(ILogger logger, long version, string by, string? note);

    [LoggerMessage(Level = LogLevel.Information, Message = "Hub signing key {KeyId} (Sync:HubSigningKey of the boxes: {PublicKey})")]
    public static partial void SigningKey(ILogger logger, string keyId, string publicKey);

    [LoggerMessage(Level = LogLevel.Error, Message = "Route {Route} has no access rule (RequireHubRole or AllowStrangers); refused")]
    public static partial void RouteWithoutRule(ILogger logger, string route);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No county admin can sign in: set Hub:BootstrapAdminPassword once to create the account 'admin'")]
    public static partial void NoAdmin(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created or restored the county admin 'admin' from Hub:BootstrapAdminPassword")]
    public static partial void BootstrapAdmin(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in as {UserId} from {Address} refused: {Code}")]
    public static partial void SignInRefused(ILogger logger, string userId, string address, string code);
}
