using System.Diagnostics;
using System.Text;
using Hall.SiteInspection.Upload;

namespace Hall.SiteInspection.Tests.Upload;

/// <summary>Files as a phone would send them, and the helpers that send them.</summary>
internal static class TestFiles
{
    /// <summary>An MP4-looking file: a real ftyp box (as phones write it) followed by random bytes.</summary>
    public static byte[] Mp4(int length, int seed = 1)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        byte[] ftyp = [0, 0, 0, 0x18, .. "ftypmp42"u8, 0, 0, 0, 0, .. "isommp42"u8];
        ftyp.CopyTo(bytes, 0);
        return bytes;
    }

    /// <summary>A text file (a phone's notes export) of about the given length.</summary>
    public static byte[] Text(int length)
    {
        var line = Encoding.UTF8.GetBytes("踏勘说明:经营场所位于人民路18号,门头、操作间、仓库均已拍摄。\n");
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
        {
            bytes[i] = line[i % line.Length];
        }

        return bytes;
    }

    public static async Task<UploadResult> AppendAsync(UploadStore store, string id, long offset, ReadOnlyMemory<byte> chunk) =>
        await store.AppendAsync(id, offset, new MemoryStream(chunk.ToArray(), writable: false), chunk.Length, CancellationToken.None);

    /// <summary>Sends the file in chunks from <paramref name="from"/> to the end, as the page does; returns the last answer.</summary>
    public static async Task<UploadResult> SendAsync(UploadStore store, string id, byte[] file, long from, int chunkSize)
    {
        UploadResult? last = null;
        for (var offset = from; offset < file.Length; offset += chunkSize)
        {
            var length = (int)Math.Min(chunkSize, file.Length - offset);
            last = await AppendAsync(store, id, offset, file.AsMemory((int)offset, length));
            Assert.True(last.Ok, last.Error?.Message);
            Assert.Equal(offset + length, last.Status!.Offset);
        }

        return last!;
    }

    /// <summary>sha256sum, the tool a technician would check a file with.</summary>
    public static string Sha256Sum(string path)
    {
        using var process = Process.Start(new ProcessStartInfo("sha256sum", [path]) { RedirectStandardOutput = true })!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return output.Split(' ', 2)[0];
    }
}
