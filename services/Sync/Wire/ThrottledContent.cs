using System.Net;
using Hall.Sync.Link;

namespace Hall.Sync.Wire;

/// <summary>
/// A request body written in small pieces, each waiting for the bandwidth cap's tokens; a video's pieces also wait while
/// the hall's events go first (<see cref="LinkShare.VideoTurnAsync"/>).
/// </summary>
internal sealed class ThrottledContent(ReadOnlyMemory<byte> body, LinkShare link, bool video, TimeProvider time) : HttpContent
{
    private const int Piece = 4096;

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        await SerializeToStreamAsync(stream, context, CancellationToken.None).ConfigureAwait(false);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        for (var offset = 0; offset < body.Length; offset += Piece)
        {
            if (video)
            {
                await link.VideoTurnAsync(cancellationToken).ConfigureAwait(false);
            }

            var length = Math.Min(Piece, body.Length - offset);
            var wait = link.Take(length);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
            }

            await stream.WriteAsync(body.Slice(offset, length), cancellationToken).ConfigureAwait(false);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = body.Length;
        return true;
    }
}
