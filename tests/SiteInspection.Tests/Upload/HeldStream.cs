namespace Hall.SiteInspection.Tests.Upload;

/// <summary>A request body that delivers its first piece, then holds the rest until released (a slow phone).</summary>
internal sealed class HeldStream : Stream
{
    private readonly byte[] _data;
    private readonly TaskCompletionSource _firstRead = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _position;

    public HeldStream(byte[] data) => _data = data;

    public Task FirstReadDone => _firstRead.Task;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public void Release() => _release.TrySetResult();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_position > 0)
        {
            await _release.Task.WaitAsync(cancellationToken);
        }

        var n = Math.Min(buffer.Length, _data.Length - _position);
        _data.AsMemory(_position, n).CopyTo(buffer);
        _position += n;
        _firstRead.TrySetResult();
        return n;
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("async only");

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
