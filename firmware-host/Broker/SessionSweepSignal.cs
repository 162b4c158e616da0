using System.Threading.Channels;

namespace Hall.FirmwareHost.Broker;

/// <summary>
/// Wakes the <see cref="SessionGuard"/> at once instead of at its next poll: after a revoke or replace in this process
/// (the admin page), and after each new connection (so a login that raced a revoke is checked again).
/// Many pokes before the guard runs count as one.
/// </summary>
public sealed class SessionSweepSignal
{
    private readonly Channel<bool> _pokes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Poke() => _pokes.Writer.TryWrite(true);

    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        await _pokes.Reader.ReadAsync(cancellationToken);
    }
}
