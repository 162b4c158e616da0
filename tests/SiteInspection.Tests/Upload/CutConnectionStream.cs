namespace Hall.SiteInspection.Tests.Upload;

/// <summary>
/// A request body whose connection breaks: it delivers the first <c>cutAfter</c> bytes in network-sized pieces, then
/// throws IOException as Kestrel does when the phone's Wi-Fi drops.
/// </summary>
internal sealed class CutConnectionStream : Stream
{
    private readonly byte[] _data;
    private readonly int _cutAfter;
    private int _position;

    public CutConnectionStream(byte[] data, int cutAfter)
    {
        _data = data;
        _cutAfter = cutAfter;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (_position >= _cutAfter)
        {
            throw new IOException("The client reset the request stream.");
        }

        var n = Math.Min(Math.Min(count, 1400 * 7), _cutAfter - _position);
        Array.Copy(_data, _position, buffer, offset, n);
        _position += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
