namespace Hall.Store.Uplink;

/// <summary>
/// The next rows to send: consecutive, of one epoch. <see cref="EpochLast"/> is the epoch's last row now (for the
/// acknowledgement: a hub mark past it acknowledges the whole epoch); <see cref="SkipTo"/> is set when rows the hub
/// lacks are no longer here.
/// </summary>
public sealed record PendingBatch(string Epoch, long EpochStart, long EpochLast, long? SkipTo, IReadOnlyList<OutboxRow> Rows)
{
    public long First => Rows[0].Seq;

    public long Last => Rows[^1].Seq;
}
