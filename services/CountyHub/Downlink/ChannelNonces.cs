using System.Globalization;
using Hall.Contract.Downlink;
using Hall.CountyHub.Storage;

namespace Hall.CountyHub.Downlink;

/// <summary>
/// Replay protection per (box, channel): a signed request is taken only when its nonce is above the last one taken on
/// its channel. The uplink's events keep theirs in <c>boxes.last_nonce</c>; the other channels (<see cref="SyncChannels"/>)
/// in <c>box_channel_nonces</c>. Run inside the request's transaction, so a refused request moves nothing.
/// </summary>
public static class ChannelNonces
{
    /// <summary>True when <paramref name="nonce"/> was above the channel's last and is now its last; else false and the last one.</summary>
    public static async Task<(bool Taken, long Last)> TryAdvanceAsync(Statements s, string boxId, string channel, long nonce, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(s);
        int rows;
        if (channel == SyncChannels.Events)
        {
            rows = await s.ExecuteAsync("UPDATE boxes SET last_nonce = @nonce WHERE box_id = @box AND last_nonce < @nonce", cancellationToken, ("@nonce", nonce), ("@box", boxId));
        }
        else
        {
            rows = await s.ExecuteAsync(
                """
                INSERT INTO box_channel_nonces(box_id, channel, last_nonce) VALUES (@box, @channel, @nonce)
                ON CONFLICT(box_id, channel) DO UPDATE SET last_nonce = excluded.last_nonce WHERE box_channel_nonces.last_nonce < excluded.last_nonce
                """,
                cancellationToken,
                ("@box", boxId), ("@channel", channel), ("@nonce", nonce));
        }

        if (rows == 1)
        {
            return (true, nonce);
        }

        long last = 0;
        void Read(System.Data.Common.DbDataReader r) => last = Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture);
        if (channel == SyncChannels.Events)
        {
            await s.QueryAsync("SELECT last_nonce FROM boxes WHERE box_id = @box", Read, cancellationToken, ("@box", boxId));
        }
        else
        {
            await s.QueryAsync("SELECT last_nonce FROM box_channel_nonces WHERE box_id = @box AND channel = @channel", Read, cancellationToken, ("@box", boxId), ("@channel", channel));
        }

        return (false, last);
    }
}
