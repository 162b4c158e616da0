using System.Buffers.Binary;
using System.Diagnostics;

namespace Hall.Display.Tests;

public class SpeechCacheTests
{
    private const string Spoken = "请 A 0 1 2 号到 3 号窗口办理";

    [Fact]
    public async Task Espeak_renders_the_announcement_as_a_wav_of_several_seconds()
    {
        using var temp = new TempDirectory();
        var speech = DisplayHarness.Speech(DisplayHarness.Options(temp));

        var result = await speech.RenderAsync(Spoken);

        Assert.Equal(SpeechStatus.Ready, result.Status);
        var bytes = await File.ReadAllBytesAsync(result.FilePath!);
        Assert.Equal("RIFF"u8.ToArray(), bytes[..4]);
        Assert.Equal("WAVE"u8.ToArray(), bytes[8..12]);
        var byteRate = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(28, 4));
        var seconds = (bytes.Length - 44) / (double)byteRate;
        // Sixteen syllables: a clipped or empty render would be far shorter.
        Assert.InRange(seconds, 2.0, 15.0);
    }

    [Fact]
    public async Task The_same_text_is_rendered_once_and_then_served_from_the_cache()
    {
        using var temp = new TempDirectory();
        var runner = new CountingRunner();
        var speech = DisplayHarness.Speech(DisplayHarness.Options(temp), runner);

        var first = await speech.RenderAsync(Spoken);
        var second = await speech.GetAsync(first.Key);

        Assert.Equal(SpeechStatus.Ready, second.Status);
        Assert.Equal(first.FilePath, second.FilePath);
        Assert.Equal(1, runner.Runs);
    }

    [Fact]
    public async Task Pages_asking_together_for_a_new_clip_share_one_espeak_run()
    {
        using var temp = new TempDirectory();
        var runner = new CountingRunner();
        var speech = DisplayHarness.Speech(DisplayHarness.Options(temp), runner);
        var key = speech.Register(Spoken);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => speech.GetAsync(key))));

        Assert.All(results, r => Assert.Equal(SpeechStatus.Ready, r.Status));
        Assert.Equal(1, runner.Runs);
    }

    [Fact]
    public void The_key_depends_on_voice_and_speed_as_well_as_the_words()
    {
        using var temp = new TempDirectory();
        var normal = DisplayHarness.Speech(DisplayHarness.Options(temp));
        var slower = DisplayHarness.Options(temp);
        slower.SpeechRate = 120;

        Assert.NotEqual(normal.KeyFor(Spoken), DisplayHarness.Speech(slower).KeyFor(Spoken));
        Assert.Equal(normal.KeyFor(Spoken), DisplayHarness.Speech(DisplayHarness.Options(temp)).KeyFor(Spoken));
    }

    [Fact]
    public async Task A_key_the_box_never_registered_is_unknown_and_nothing_is_run()
    {
        using var temp = new TempDirectory();
        var runner = new CountingRunner();
        var speech = DisplayHarness.Speech(DisplayHarness.Options(temp), runner);

        var result = await speech.GetAsync(new string('a', 64));

        Assert.Equal(SpeechStatus.UnknownKey, result.Status);
        Assert.Equal(0, runner.Runs);
    }

    [Fact]
    public async Task A_missing_espeak_gives_a_clear_failure_instead_of_an_exception()
    {
        using var temp = new TempDirectory();
        var speech = DisplayHarness.Speech(DisplayHarness.Options(temp, espeakPath: temp.Combine("no-such-espeak-ng")));

        var result = await speech.RenderAsync(Spoken);

        Assert.Equal(SpeechStatus.Failed, result.Status);
        Assert.Contains("espeak-ng", result.Error, StringComparison.Ordinal);
        Assert.Contains("Display:EspeakPath", result.Error, StringComparison.Ordinal);
        Assert.False(speech.IsAvailable);
        Assert.Empty(Directory.EnumerateFiles(speech.CacheDirectory));
    }

    [Fact]
    public async Task An_unknown_voice_is_reported_with_espeaks_own_words()
    {
        using var temp = new TempDirectory();
        var options = DisplayHarness.Options(temp);
        options.Voice = "zzz";
        var speech = DisplayHarness.Speech(options);

        var result = await speech.RenderAsync(Spoken);

        Assert.Equal(SpeechStatus.Failed, result.Status);
        Assert.Contains("voice", result.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_oldest_clips_go_when_the_cache_is_full()
    {
        using var temp = new TempDirectory();
        var options = DisplayHarness.Options(temp);
        options.MaxCachedClips = 10;
        var speech = DisplayHarness.Speech(options);
        var first = await speech.RenderAsync("请 A 0 0 0 号到 1 号窗口办理");

        for (var i = 1; i <= 10; i++)
        {
            speech.Register($"请 A 0 0 {i} 号到 1 号窗口办理");
        }

        Assert.False(speech.TryGetText(first.Key, out _));
        Assert.False(File.Exists(first.FilePath));
    }

    [Fact]
    public void The_default_voice_speaks_chinese_characters_as_mandarin()
    {
        // Debian's espeak-ng 1.51 "cmn" voice switches to English for every character ("(en)" in
        // the phoneme output); the default voice must not.
        var voice = new DisplayOptions().Voice;
        var start = new ProcessStartInfo("espeak-ng") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "-v", voice, "-q", "-x", Spoken })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var phonemes = process.StandardOutput.ReadToEnd();
        process.WaitForExit();

        Assert.Equal(0, process.ExitCode);
        Assert.DoesNotContain("(en)", phonemes, StringComparison.Ordinal);
        Assert.Contains("X'Au51", phonemes, StringComparison.Ordinal); // 号 hào
    }
}
