using System.Text.Unicode;

namespace Hall.SiteInspection.Upload;

/// <summary>
/// Tells a video container from its first bytes, so that a renamed text file or a photo is refused at its first chunk
/// rather than after 2 GB. Recognised: ISO-BMFF (MP4, MOV, 3GP: an ftyp box, or an old QuickTime file starting with
/// moov/mdat/wide/free/skip), Matroska/WebM (EBML), AVI (RIFF … AVI), MPEG-TS (0x47 every 188 bytes) and M2TS/AVCHD
/// (every 192). Only the container is checked here; whether the streams inside decode is ffprobe's job later.
/// </summary>
internal static class ContainerSniffer
{
    /// <summary>Enough for three transport-stream packets; every other signature needs at most 12 bytes.</summary>
    public const int HeadLength = 512;

    private static readonly string[] QuickTimeFirstBoxes = ["moov", "mdat", "wide", "free", "skip", "pnot"];

    // HEIF/AVIF stills and sequences are photos from the same phone gallery; M4A/M4B are audio.
    private static readonly string[] ImageBrands = ["heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1", "avif", "avis"];
    private static readonly string[] AudioBrands = ["M4A ", "M4B ", "M4P ", "F4A ", "F4B "];

    /// <param name="head">The first bytes of the file (up to <see cref="HeadLength"/>).</param>
    /// <param name="whole">No more bytes will come (the file is this short): decide now.</param>
    public static SniffResult Sniff(ReadOnlySpan<byte> head, bool whole)
    {
        var bytes = head.ToArray();
        var undecided = false;
        foreach (var detect in new Func<byte[], SniffResult?>[] { IsoBmff, Ebml, Avi, TransportStream })
        {
            var result = detect(bytes);
            if (result is null)
            {
                continue;
            }

            if (result.Verdict != SniffVerdict.NeedMore)
            {
                return result;
            }

            undecided = true;
        }

        return undecided && !whole ? SniffResult.NeedMore : SniffResult.NotVideo(Describe(head));
    }

    private static SniffResult? IsoBmff(byte[] head)
    {
        if (head.Length <= 4)
        {
            return SniffResult.NeedMore; // the box size can be anything
        }

        var type = Ascii(head, 4, 4);
        if (type.Length < 4)
        {
            return QuickTimeFirstBoxes.Append("ftyp").Any(t => t.StartsWith(type, StringComparison.Ordinal)) ? SniffResult.NeedMore : null;
        }

        if (type == "ftyp")
        {
            if (head.Length < 12)
            {
                return SniffResult.NeedMore;
            }

            var brand = Ascii(head, 8, 4);
            if (ImageBrands.Contains(brand, StringComparer.Ordinal))
            {
                return SniffResult.NotVideo("照片(HEIC/AVIF 格式)");
            }

            if (AudioBrands.Contains(brand, StringComparer.Ordinal))
            {
                return SniffResult.NotVideo("音频(M4A 格式)");
            }

            return SniffResult.Video(brand == "qt  " ? "mov" : brand.StartsWith("3g", StringComparison.Ordinal) ? "3gp" : "mp4");
        }

        var size = (uint)((head[0] << 24) | (head[1] << 16) | (head[2] << 8) | head[3]);
        return QuickTimeFirstBoxes.Contains(type, StringComparer.Ordinal) && size is 0 or 1 or >= 8 ? SniffResult.Video("mov") : null;
    }

    private static SniffResult? Ebml(byte[] head)
    {
        ReadOnlySpan<byte> magic = [0x1A, 0x45, 0xDF, 0xA3];
        var n = Math.Min(head.Length, magic.Length);
        if (!head.AsSpan(0, n).SequenceEqual(magic[..n]))
        {
            return null;
        }

        if (head.Length < 64)
        {
            return SniffResult.NeedMore; // the DocType is inside the EBML header
        }

        return SniffResult.Video(head.AsSpan(0, 64).IndexOf("webm"u8) >= 0 ? "webm" : "mkv");
    }

    private static SniffResult? Avi(byte[] head)
    {
        var riff = "RIFF"u8;
        var n = Math.Min(head.Length, 4);
        if (!head.AsSpan(0, n).SequenceEqual(riff[..n]))
        {
            return null;
        }

        if (head.Length < 12)
        {
            return SniffResult.NeedMore;
        }

        return Ascii(head, 8, 4) switch
        {
            "AVI " or "AVIX" => SniffResult.Video("avi"),
            "WAVE" => SniffResult.NotVideo("音频(WAV 格式)"),
            "WEBP" => SniffResult.NotVideo("图片(WebP 格式)"),
            _ => null,
        };
    }

    private static SniffResult? TransportStream(byte[] head) => Packets(head, 0, 188) ?? Packets(head, 4, 192);

    /// <summary>A sync byte 0x47 at every packet start present; three packets decide it.</summary>
    private static SniffResult? Packets(byte[] head, int first, int stride)
    {
        var seen = 0;
        for (var at = first; at < head.Length && seen < 3; at += stride, seen++)
        {
            if (head[at] != 0x47)
            {
                return null;
            }
        }

        return seen == 3 ? SniffResult.Video("ts") : SniffResult.NeedMore;
    }

    /// <summary>What a refused file looks like, for a message the person understands.</summary>
    private static string Describe(ReadOnlySpan<byte> head)
    {
        if (head.IsEmpty)
        {
            return "空文件";
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return "照片(JPEG 格式)";
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G']))
        {
            return "图片(PNG 格式)";
        }

        if (head.StartsWith("GIF8"u8))
        {
            return "图片(GIF 格式)";
        }

        if (head.StartsWith("%PDF"u8))
        {
            return "PDF 文档";
        }

        if (head.StartsWith("PK\u0003\u0004"u8))
        {
            return "压缩包或 Office 文档";
        }

        if (head.StartsWith("ID3"u8) || (head.Length >= 2 && head[0] == 0xFF && (head[1] & 0xE0) == 0xE0))
        {
            return "音频(MP3 格式)";
        }

        return LooksLikeText(head) ? "文本文件" : "无法识别的格式";
    }

    private static bool LooksLikeText(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return true; // UTF-16 with its byte-order mark
        }

        foreach (var b in head)
        {
            if (b < 0x20 && b is not (byte)'\t' and not (byte)'\n' and not (byte)'\r')
            {
                return false;
            }
        }

        // The head may end inside a multi-byte character.
        for (var cut = 0; cut <= Math.Min(3, head.Length); cut++)
        {
            if (Utf8.IsValid(head[..^cut]))
            {
                return true;
            }
        }

        return false;
    }

    private static string Ascii(byte[] bytes, int start, int length)
    {
        var end = Math.Min(bytes.Length, start + length);
        return start >= end ? string.Empty : string.Concat(bytes[start..end].Select(b => (char)b));
    }
}
