using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Hall.Tests.Shared;

/// <summary>Which way a byte travels through a <see cref="FaultProxy"/>: up is client to target (the request), down is target to client (the answer).</summary>
[Flags]
public enum ProxyDirection
{
    Up = 1,
    Down = 2,
    Both = Up | Down,
}

/// <summary>
/// What a token bucket of a <see cref="FaultProxy"/> measured since <see cref="FaultProxy.BytesPerSecond"/> was last set.
/// <see cref="MaxExcessBytes"/> is the largest value of <c>admitted - (burst + rate × elapsed)</c> seen at any admission:
/// zero or less means the bucket never let more through than the rate allows.
/// </summary>
public sealed record ThrottleMeasurement(
    long BytesPerSecond,
    long BurstBytes,
    long BytesAdmitted,
    TimeSpan Elapsed,
    TimeSpan Waited,
    int Waits,
    long MaxExcessBytes);

/// <summary>
/// A TCP proxy for tests that sits between a client and a server on loopback and injects link faults:
/// latency per chunk, bandwidth (a token bucket per direction, shared by all connections), abrupt resets
/// of every live connection, refusing new ones, and resets after a given number of bytes (mid-request or mid-answer),
/// once or at random offsets. Bytes are forwarded untouched (TLS passes through). Resets are real RSTs
/// (linger on with a zero timeout, then close), so both peers see "connection reset", not a clean end.
/// Every task it starts is tracked and awaited by <see cref="DisposeAsync"/>; every wait is bounded by a cut or the dispose.
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    private static readonly TimeSpan DisposeTimeout = TimeSpan.FromSeconds(10);

    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<long, Connection> _connections = new();
    private readonly object _gate = new();
    private readonly List<CutTrigger> _triggers = [];
    private readonly TokenBucket _upBucket = new();
    private readonly TokenBucket _downBucket = new();
    private Socket? _listener;
    private Task? _acceptLoop;
    private IPEndPoint _target;
    private long? _bytesPerSecond;
    private long _delayTicks;
    private volatile bool _refusing;
    private long _bytesUp;
    private long _bytesDown;
    private long _connectionCount;
    private long _cuts;
    private long _refused;
    private long _upstreamConnectFailures;
    private int _disposed;

    public FaultProxy(IPEndPoint target)
    {
        ArgumentNullException.ThrowIfNull(target);
        _target = target;
    }

    /// <summary>Where new connections go. Settable while running (restart the server on a new port behind the same proxy); live connections keep their target.</summary>
    public IPEndPoint Target
    {
        get => Volatile.Read(ref _target);
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            Volatile.Write(ref _target, value);
        }
    }

    /// <summary>The loopback endpoint clients connect to; valid after <see cref="StartAsync"/>.</summary>
    public IPEndPoint Endpoint => (IPEndPoint?)_listener?.LocalEndPoint ?? throw new InvalidOperationException("The proxy is not started.");

    public int Port => Endpoint.Port;

    /// <summary>Largest read forwarded as one chunk (default 16 KiB). Applies to connections accepted afterwards.</summary>
    public int ChunkSize { get; init; } = 16 * 1024;

    /// <summary>How long a new connection may take to reach the target before the client is reset (default 5 s).</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Added before each chunk is forwarded, in both directions. The pump is serial, so this is latency per read
    /// and also caps throughput at one chunk per delay. Zero (default) adds nothing.
    /// </summary>
    public TimeSpan DelayPerChunk
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _delayTicks));
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            Interlocked.Exchange(ref _delayTicks, value.Ticks);
        }
    }

    /// <summary>
    /// Bandwidth of each direction in bytes per second, shared by all connections (a link, not a per-socket cap); null is unlimited.
    /// Setting it restarts both buckets (full burst) and their <see cref="UpThrottle"/>/<see cref="DownThrottle"/> measurements.
    /// </summary>
    public long? BytesPerSecond
    {
        get
        {
            lock (_gate)
            {
                return _bytesPerSecond;
            }
        }
        set
        {
            if (value is { } rate)
                ArgumentOutOfRangeException.ThrowIfLessThan(rate, 1L);
            lock (_gate)
            {
                _bytesPerSecond = value;
                var burst = BurstFor(value);
                _upBucket.Reset(value, burst);
                _downBucket.Reset(value, burst);
            }
        }
    }

    /// <summary>"Link down": new connections are accepted and reset at once, never reaching the target. Live connections are untouched (use <see cref="CutAll"/>).</summary>
    public bool Refusing
    {
        get => _refusing;
        set => _refusing = value;
    }

    /// <summary>Bytes written to the target (all connections).</summary>
    public long BytesUp => Interlocked.Read(ref _bytesUp);

    /// <summary>Bytes written to clients (all connections).</summary>
    public long BytesDown => Interlocked.Read(ref _bytesDown);

    /// <summary>Connections accepted, including refused ones.</summary>
    public long Connections => Interlocked.Read(ref _connectionCount);

    /// <summary>Connections not yet finished.</summary>
    public int LiveConnections => _connections.Values.Count(c => !c.IsCompleted);

    /// <summary>Connections the proxy reset on purpose: <see cref="CutAll"/>, byte-offset cuts (not refusals, not dispose).</summary>
    public long Cuts => Interlocked.Read(ref _cuts);

    /// <summary>Connections reset because <see cref="Refusing"/> was on.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Connections reset because the target could not be reached.</summary>
    public long UpstreamConnectFailures => Interlocked.Read(ref _upstreamConnectFailures);

    /// <summary>What the up (client to target) bucket measured; null while unlimited.</summary>
    public ThrottleMeasurement? UpThrottle => _upBucket.Measure();

    /// <summary>What the down (target to client) bucket measured; null while unlimited.</summary>
    public ThrottleMeasurement? DownThrottle => _downBucket.Measure();

    public Task StartAsync()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (_listener is not null)
            throw new InvalidOperationException("The proxy is already started.");

        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            listener.Listen(512);
        }
        catch
        {
            listener.Dispose();
            throw;
        }

        _listener = listener;
        _acceptLoop = AcceptLoopAsync(listener, _stopping.Token);
        return Task.CompletedTask;
    }

    /// <summary>Resets every live connection now (both sides see a reset). Returns how many were cut.</summary>
    public int CutAll()
    {
        var cut = 0;
        foreach (var connection in _connections.Values)
        {
            if (connection.Abort())
            {
                cut++;
                Interlocked.Increment(ref _cuts);
            }
        }

        return cut;
    }

    /// <summary>
    /// One shot: once <paramref name="bytes"/> more bytes have gone up (counted from now, over all connections), the connection
    /// carrying the last of them is forwarded exactly up to that byte and reset: a cut in the middle of a request.
    /// The task completes when the cut happened (cancelled on dispose or <see cref="Disarm"/>).
    /// </summary>
    public Task CutUpstreamAfter(long bytes) => Arm(ProxyDirection.Up, bytes);

    /// <summary>As <see cref="CutUpstreamAfter"/>, counting bytes going down: a cut in the middle of an answer.</summary>
    public Task CutDownstreamAfter(long bytes) => Arm(ProxyDirection.Down, bytes);

    /// <summary>
    /// Until <see cref="Disarm"/>: cuts the connection carrying the Nth byte, N drawn uniformly from
    /// [<paramref name="minBytes"/>, <paramref name="maxBytes"/>] with <paramref name="rng"/> and counted over
    /// <paramref name="directions"/> (both by default, so cuts land in requests and answers in proportion to their size),
    /// drawing a new N after each cut. <paramref name="rng"/> is only used under the proxy's lock; a seeded one makes the
    /// offsets (not the timing) reproducible.
    /// </summary>
    public void RandomCuts(Random rng, long minBytes, long maxBytes, ProxyDirection directions = ProxyDirection.Both)
    {
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentOutOfRangeException.ThrowIfLessThan(minBytes, 1L);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, minBytes);
        CheckDirections(directions);
        lock (_gate)
        {
            _triggers.Add(new CutTrigger(directions, rng.NextInt64(minBytes, maxBytes + 1), rng, minBytes, maxBytes));
        }
    }

    /// <summary>Removes every pending byte-offset cut (one-shot and random); their tasks are cancelled.</summary>
    public void Disarm()
    {
        CutTrigger[] removed;
        lock (_gate)
        {
            removed = [.. _triggers];
            _triggers.Clear();
        }

        foreach (var trigger in removed)
            trigger.Fired.TrySetCanceled();
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;

        await _stopping.CancelAsync();
        _listener?.Dispose();
        Disarm();

        var pending = new List<Task>();
        if (_acceptLoop is not null)
            pending.Add(_acceptLoop);

        // The accept loop may still add one connection before it sees the cancellation: wait for it first, then reset the rest.
        if (_acceptLoop is not null)
            await _acceptLoop.WaitAsync(DisposeTimeout);
        foreach (var connection in _connections.Values)
        {
            connection.Abort();
            pending.Add(connection.Completion);
        }

        try
        {
            await Task.WhenAll(pending).WaitAsync(DisposeTimeout);
        }
        finally
        {
            _upBucket.Dispose();
            _downBucket.Dispose();
            _stopping.Dispose();
        }
    }

    private static void CheckDirections(ProxyDirection directions)
    {
        if ((directions & ProxyDirection.Both) == 0 || (directions & ~ProxyDirection.Both) != 0)
            throw new ArgumentOutOfRangeException(nameof(directions), directions, "Up, Down or Both.");
    }

    // 20 ms of traffic (at least 1 KiB): small enough to be lost in a measurement over seconds, large enough to absorb timer jitter.
    private static long BurstFor(long? rate) => rate is { } r ? Math.Max(1024, r / 50) : 0;

    private Task Arm(ProxyDirection direction, long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bytes, 1L);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var trigger = new CutTrigger(direction, bytes, rng: null, 0, 0);
        lock (_gate)
        {
            _triggers.Add(trigger);
        }

        return trigger.Fired.Task;
    }

    /// <summary>How many of <paramref name="read"/> bytes may be forwarded, and whether the connection is cut after them.</summary>
    private (int Forward, bool Cut) Admit(ProxyDirection direction, int read)
    {
        List<CutTrigger>? fired = null;
        int forward;
        lock (_gate)
        {
            long forwardLong = read;
            foreach (var trigger in _triggers)
            {
                if ((trigger.Directions & direction) != 0)
                    forwardLong = Math.Min(forwardLong, trigger.Remaining);
            }

            forward = (int)forwardLong;
            for (var i = _triggers.Count - 1; i >= 0; i--)
            {
                var trigger = _triggers[i];
                if ((trigger.Directions & direction) == 0)
                    continue;
                trigger.Remaining -= forward;
                if (trigger.Remaining > 0)
                    continue;
                (fired ??= []).Add(trigger);
                if (trigger.Rng is { } rng)
                    trigger.Remaining = rng.NextInt64(trigger.MinBytes, trigger.MaxBytes + 1);
                else
                    _triggers.RemoveAt(i);
            }
        }

        if (fired is null)
            return (forward, false);
        foreach (var trigger in fired)
        {
            if (trigger.Rng is null)
                trigger.Fired.TrySetResult();
        }

        return (forward, true);
    }

    private async Task AcceptLoopAsync(Socket listener, CancellationToken stopping)
    {
        long nextId = 0;
        while (!stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                continue; // a client that gave up before we accepted it
            }

            Interlocked.Increment(ref _connectionCount);
            if (_refusing || stopping.IsCancellationRequested)
            {
                if (!stopping.IsCancellationRequested)
                    Interlocked.Increment(ref _refused);
                Reset(client);
                continue;
            }

            foreach (var (id, done) in _connections)
            {
                if (done.IsCompleted)
                    _connections.TryRemove(id, out _);
            }

            var connection = new Connection(this, client);
            _connections[nextId++] = connection;
            connection.Start();
        }
    }

    /// <summary>Linger on with a zero timeout, then close: the kernel sends RST and drops unsent data.</summary>
    private static void Reset(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
        }
        catch (Exception)
        {
            // already closed: nothing to reset
        }

        socket.Dispose();
    }

    private sealed class CutTrigger(ProxyDirection directions, long remaining, Random? rng, long minBytes, long maxBytes)
    {
        public ProxyDirection Directions { get; } = directions;

        public long Remaining { get; set; } = remaining;

        public Random? Rng { get; } = rng;

        public long MinBytes { get; } = minBytes;

        public long MaxBytes { get; } = maxBytes;

        public TaskCompletionSource Fired { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class Connection(FaultProxy proxy, Socket client)
    {
        private readonly CancellationTokenSource _aborted = new();
        private readonly object _gate = new();
        private Socket? _upstream;
        private bool _abortRequested;
        private Task? _completion;

        public Task Completion => _completion ?? Task.CompletedTask;

        public bool IsCompleted => _completion?.IsCompleted ?? false;

        public void Start() => _completion = RunAsync();

        /// <summary>Resets both sides. False if it was already reset or finished.</summary>
        public bool Abort()
        {
            Socket? upstream;
            lock (_gate)
            {
                if (_abortRequested)
                    return false; // already reset, or finished
                _abortRequested = true;
                upstream = _upstream;
            }

            try
            {
                _aborted.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // finished meanwhile
            }

            Reset(client);
            if (upstream is not null)
                Reset(upstream);
            return true;
        }

        private async Task RunAsync()
        {
            await Task.Yield(); // never run a connection on the accept loop
            var token = _aborted.Token;
            Socket? upstream = null;
            try
            {
                client.NoDelay = true;
                upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                lock (_gate)
                {
                    if (_abortRequested)
                        return;
                    _upstream = upstream;
                }

                try
                {
                    using var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(token, proxy._stopping.Token);
                    connectTimeout.CancelAfter(proxy.ConnectTimeout);
                    await upstream.ConnectAsync(proxy.Target, connectTimeout.Token);
                }
                catch (Exception) when (!token.IsCancellationRequested && !proxy._stopping.IsCancellationRequested)
                {
                    Interlocked.Increment(ref proxy._upstreamConnectFailures);
                    Abort();
                    return;
                }

                var up = PumpAsync(client, upstream, ProxyDirection.Up, token);
                var down = PumpAsync(upstream, client, ProxyDirection.Down, token);
                await Task.WhenAll(up, down);
            }
            catch (Exception)
            {
                // sockets closed under us are the point
            }
            finally
            {
                lock (_gate)
                {
                    _abortRequested = true; // finished: a later Abort is a no-op
                }

                client.Dispose();
                upstream?.Dispose();
                _aborted.Dispose();
            }
        }

        private async Task PumpAsync(Socket source, Socket destination, ProxyDirection direction, CancellationToken token)
        {
            var buffer = new byte[Math.Max(1, proxy.ChunkSize)];
            var bucket = direction == ProxyDirection.Up ? proxy._upBucket : proxy._downBucket;
            try
            {
                while (true)
                {
                    var read = await source.ReceiveAsync(buffer, SocketFlags.None, token);
                    if (read == 0)
                    {
                        destination.Shutdown(SocketShutdown.Send); // pass the half-close on
                        return;
                    }

                    var (forward, cut) = proxy.Admit(direction, read);
                    var delay = proxy.DelayPerChunk;
                    if (delay > TimeSpan.Zero)
                        await Task.Delay(delay, token);

                    var offset = 0;
                    while (offset < forward)
                    {
                        var piece = await bucket.TakeAsync(forward - offset, token);
                        await SendAllAsync(destination, buffer.AsMemory(offset, piece), token);
                        offset += piece;
                        if (direction == ProxyDirection.Up)
                            Interlocked.Add(ref proxy._bytesUp, piece);
                        else
                            Interlocked.Add(ref proxy._bytesDown, piece);
                    }

                    if (cut)
                    {
                        if (Abort())
                            Interlocked.Increment(ref proxy._cuts);
                        return;
                    }
                }
            }
            catch (Exception)
            {
                // A reset from either peer (or our own cut) ends the connection: reset the other side too, as a broken link would.
                Abort();
            }
        }

        private static async Task SendAllAsync(Socket destination, ReadOnlyMemory<byte> data, CancellationToken token)
        {
            while (!data.IsEmpty)
            {
                var sent = await destination.SendAsync(data, SocketFlags.None, token);
                data = data[sent..];
            }
        }
    }

    /// <summary>
    /// Bytes per second with a small burst, as a virtual schedule (GCRA): <c>_due</c> is when the link will have sent everything
    /// admitted so far; a piece may go once it is due no later than burst/rate from now. Time the link sits idle is not saved up
    /// beyond the burst, but time lost to the bucket's own late timer wake-ups is (<c>_lag</c>): otherwise a loaded machine
    /// would throttle well below the rate. Pieces are a quarter of the burst; one sender waits at a time (a link is serial).
    /// Admitted bytes never exceed burst + rate × time since the rate was set; <see cref="Record"/> checks it at every admission.
    /// </summary>
    private sealed class TokenBucket : IDisposable
    {
        private readonly SemaphoreSlim _turn = new(1, 1);
        private readonly object _gate = new();
        private long? _rate;
        private long _burst;
        private double _due;
        private double _lag;
        private long _started;
        private long _firstAdmission = -1;
        private long _lastAdmission;
        private long _admitted;
        private long _waitedTicks;
        private int _waits;
        private long _maxExcess = long.MinValue;
        private int _generation;

        public void Reset(long? rate, long burst)
        {
            lock (_gate)
            {
                _rate = rate;
                _burst = burst;
                _started = Stopwatch.GetTimestamp();
                _due = Seconds(_started);
                _lag = 0;
                _firstAdmission = -1;
                _lastAdmission = 0;
                _admitted = 0;
                _waitedTicks = 0;
                _waits = 0;
                _maxExcess = long.MinValue;
                _generation++;
            }
        }

        public ThrottleMeasurement? Measure()
        {
            lock (_gate)
            {
                if (_rate is not { } rate)
                    return null;
                var elapsed = _firstAdmission < 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(_firstAdmission, _lastAdmission);
                return new ThrottleMeasurement(rate, _burst, _admitted, elapsed, Stopwatch.GetElapsedTime(0, _waitedTicks), _waits,
                    _maxExcess == long.MinValue ? 0 : _maxExcess);
            }
        }

        /// <summary>Waits until some of <paramref name="wanted"/> bytes may pass; returns how many (all of them when unlimited).</summary>
        public async Task<int> TakeAsync(int wanted, CancellationToken token)
        {
            lock (_gate)
            {
                if (_rate is null)
                    return wanted;
            }

            await _turn.WaitAsync(token);
            try
            {
                var entering = true;
                while (true)
                {
                    TimeSpan wait;
                    double wakeAt;
                    int generation;
                    lock (_gate)
                    {
                        if (_rate is not { } rate)
                            return wanted;
                        var piece = (int)Math.Min(wanted, Math.Max(1, _burst / 4));
                        var nowTicks = Stopwatch.GetTimestamp();
                        var now = Seconds(nowTicks);
                        if (entering && _due < now - _lag)
                        {
                            _due = now - _lag; // the link was idle; owed oversleep is credited once
                            _lag = 0;
                        }

                        entering = false;
                        var due = _due + ((double)piece / rate);
                        var sendAt = due - ((double)_burst / rate);
                        if (sendAt <= now)
                        {
                            _due = due;
                            Record(piece, nowTicks, rate);
                            return piece;
                        }

                        wakeAt = sendAt;
                        wait = TimeSpan.FromSeconds(sendAt - now);
                        _waits++;
                        generation = _generation;
                    }

                    var before = Stopwatch.GetTimestamp();
                    await Task.Delay(wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wait, token);
                    var after = Stopwatch.GetTimestamp();
                    lock (_gate)
                    {
                        if (generation == _generation)
                        {
                            _waitedTicks += after - before;
                            _lag = Math.Max(0, Seconds(after) - wakeAt);
                        }
                    }
                }
            }
            finally
            {
                _turn.Release();
            }
        }

        public void Dispose() => _turn.Dispose();

        private static double Seconds(long timestamp) => (double)timestamp / Stopwatch.Frequency;

        private void Record(int piece, long now, long rate)
        {
            if (_firstAdmission < 0)
                _firstAdmission = now;
            _lastAdmission = now;
            _admitted += piece;
            // Against the bucket's own start: the burst up front, then rate × elapsed.
            var allowed = _burst + (long)Math.Ceiling(Stopwatch.GetElapsedTime(_started, now).TotalSeconds * rate);
            _maxExcess = Math.Max(_maxExcess, _admitted - allowed);
        }
    }
}
