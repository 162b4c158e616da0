using System.Data.Common;
using System.Globalization;
using Hall.Contract;
using Hall.Contract.Downlink;
using Hall.Contract.Uplink;
using Hall.CountyHub.Ingest;
using Hall.CountyHub.Storage;
using Microsoft.Extensions.Logging;

namespace Hall.CountyHub.Downlink;

/// <summary>
/// Answers a box's poll (<c>GET /sync/v1/downlink</c>, docs/sync.md): the same authentication as the uplink over the
/// path and query, a fresh nonce on the downlink's own channel, then in one transaction the delivered messages marked
/// and the next ones read; the newest configuration version signed for this box when it runs an older one.
/// </summary>
public sealed class DownlinkPoll
{
    private readonly HubDatabase _database;
    private readonly TimeProvider _time;
    private readonly HubClock _clock;
    private readonly ConfigVersions _versions;
    private readonly HubSigningKey _key;
    private readonly BoxAuthenticator _authenticator = new();
    private readonly ILogger<DownlinkPoll> _logger;

    public DownlinkPoll(HubDatabase database, TimeProvider time, HubClock clock, ConfigVersions versions, HubSigningKey key, ILogger<DownlinkPoll> logger)
    {
        _database = database;
        _time = time;
        _clock = clock;
        _versions = versions;
        _key = key;
        _logger = logger;
    }

    /// <summary>The answer (200) or a refusal of docs/sync.md's table.</summary>
    public async Task<(int Status, object Body)> PollAsync(string? boxId, string? nonceText, string? signature, string? configText, string? afterText, CancellationToken cancellationToken)
    {
        var receivedAt = _time.GetUtcNow();
        if (!BoxIds.IsValid(boxId))
        {
            return Refused(Refusals.UnknownBox());
        }

        if (!long.TryParse(configText, NumberStyles.None, CultureInfo.InvariantCulture, out var running)
            || !long.TryParse(afterText, NumberStyles.None, CultureInfo.InvariantCulture, out var after))
        {
            return Refused(Refusals.BadBatch("查询参数 config 和 after 须为非负整数"));
        }

        try
        {
            var box = await new BoxDirectory(_database, _time).FindAsync(boxId!, cancellationToken);
            var pathAndQuery = DownlinkProtocol.PathAndQuery(running, after);
            if (_authenticator.CheckSigned(box, nonceText, signature, (id, n) => DownlinkProtocol.SigningBytes(pathAndQuery, id, n), out var nonce) is { } refused)
            {
                Log.PollRefused(_logger, boxId!, refused.Result, refused.Status);
                return Refused(refused);
            }

            var d = _database.Dialect;
            await using var connection = await _database.OpenAsync(cancellationToken);
            await using var tx = await HubDatabase.BeginWriteAsync(connection, cancellationToken);
            await using var s = new Statements(connection, tx, d);
            var (taken, last) = await ChannelNonces.TryAdvanceAsync(s, box!.BoxId, SyncChannels.Downlink, nonce, cancellationToken);
            if (!taken)
            {
                return Refused(Refusals.Replayed(last, receivedAt));
            }

            var (messages, more) = await DownlinkMessages.DeliverAsync(s, box.BoxId, after, receivedAt, cancellationToken);
            await s.ExecuteAsync("UPDATE boxes SET last_contact_at = @now WHERE box_id = @box", cancellationToken, ("@now", d.TimeValue(receivedAt)), ("@box", box.BoxId));
            await tx.CommitAsync(cancellationToken);

            ConfigOffer? offer = null;
            if (await _versions.LatestAsync(cancellationToken) is { } latest && latest.Version > running)
            {
                var bundle = latest.Config.BundleFor(box.BoxId, latest.Version, latest.PublishedAt, latest.Note);
                offer = _key.Offer(box.BoxId, latest.Version, HallJson.SerializeToString(bundle));
            }

            var cursor = messages.Count > 0 ? messages[^1].Cursor : after;
            return (200, new DownlinkAnswer(_time.GetUtcNow(), _clock.Next(), offer, messages, cursor) { More = more });
        }
        catch (DbException ex)
        {
            Log.PollFailed(_logger, boxId!, ex);
            return Refused(Refusals.Unavailable());
        }
    }

    private static (int, object) Refused(IngestOutcome outcome) => (outcome.Status, outcome.Refusal!);
}
