using System.Diagnostics;
using System.Text;
using Hall.SiteInspection.Upload;

namespace Hall.SiteInspection.Tests.Upload;

/// <summary>The first bytes of real files written by ffmpeg, as a phone or a camera would write them.</summary>
public sealed class ContainerSnifferTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "hall-sniff-" + Guid.NewGuid().ToString("N")[..12]);

    public ContainerSnifferTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("clip.mp4", "-c:v libx264 -pix_fmt yuv420p", "mp4")]
    [InlineData("clip.mov", "-c:v libx264 -pix_fmt yuv420p", "mov")]
    [InlineData("clip.3gp", "-c:v h263 -s 176x144", "3gp")]
    [InlineData("clip.mkv", "-c:v mpeg4", "mkv")]
    [InlineData("clip.webm", "-c:v libvpx", "webm")]
    [InlineData("clip.avi", "-c:v mpeg4", "avi")]
    [InlineData("clip.ts", "-c:v mpeg4", "ts")]
    public void Videos_are_recognised_by_their_first_bytes(string name, string codec, string container)
    {
        var head = Head(Ffmpeg($"-f lavfi -i testsrc=size=176x144:rate=10:duration=1 {codec}", name));

        var result = ContainerSniffer.Sniff(head, whole: false);

        Assert.Equal(SniffVerdict.Video, result.Verdict);
        Assert.Equal(container, result.Container);
    }

    [Theory]
    [InlineData("photo.jpg", "照片(JPEG 格式)")]
    [InlineData("photo.png", "图片(PNG 格式)")]
    [InlineData("sound.wav", "音频(WAV 格式)")]
    public void Photos_and_sound_are_refused_and_named(string name, string description)
    {
        var input = name.EndsWith(".wav", StringComparison.Ordinal) ? "-f lavfi -i sine=duration=1" : "-f lavfi -i testsrc=size=176x144 -frames:v 1";
        var head = Head(Ffmpeg(input, name));

        var result = ContainerSniffer.Sniff(head, whole: false);

        Assert.Equal(SniffVerdict.NotVideo, result.Verdict);
        Assert.Equal(description, result.Description);
    }

    [Fact]
    public void Text_is_refused_as_text_even_when_cut_inside_a_character()
    {
        var text = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("经营场所踏勘说明 Good morning\r\n", 40)));

        var result = ContainerSniffer.Sniff(text.AsSpan(0, ContainerSniffer.HeadLength), whole: false);

        Assert.Equal(SniffVerdict.NotVideo, result.Verdict);
        Assert.Equal("文本文件", result.Description);
    }

    [Fact]
    public void Too_few_bytes_wait_for_more_unless_that_is_the_whole_file()
    {
        byte[] start = [0, 0, 0, 0x18, (byte)'f', (byte)'t'];

        Assert.Equal(SniffVerdict.NeedMore, ContainerSniffer.Sniff(start, whole: false).Verdict);
        Assert.Equal(SniffVerdict.NotVideo, ContainerSniffer.Sniff(start, whole: true).Verdict);
        Assert.Equal(SniffVerdict.NeedMore, ContainerSniffer.Sniff("G"u8, whole: false).Verdict);
        Assert.Equal(SniffVerdict.NotVideo, ContainerSniffer.Sniff("Hello"u8, whole: false).Verdict);
    }

    private byte[] Head(string path)
    {
        var bytes = File.ReadAllBytes(path);
        return bytes[..Math.Min(bytes.Length, ContainerSniffer.HeadLength)];
    }

    private string Ffmpeg(string arguments, string name)
    {
        var output = Path.Combine(_folder, name);
        var info = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true };
        foreach (var argument in $"-hide_banner -loglevel error -y {arguments}".Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            info.ArgumentList.Add(argument);
        }

        info.ArgumentList.Add(output);
        using var process = Process.Start(info)!;
        var errors = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(60_000), "ffmpeg did not finish in 60 s");
        Assert.True(process.ExitCode == 0, errors);
        return output;
    }
}
