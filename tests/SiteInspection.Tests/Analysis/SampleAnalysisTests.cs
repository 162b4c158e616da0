using Hall.SiteInspection.Analysis;

namespace Hall.SiteInspection.Tests.Analysis;

/// <summary>The repeat, splice and blur logic on made-up hash tracks and samples (10 hashes and 2 samples a second).</summary>
public class SampleAnalysisTests
{
    private static readonly AnalysisOptions Options = new();
    private static readonly TimeSpan Frame = TimeSpan.FromSeconds(0.1);

    [Fact]
    public void A_moving_stretch_shown_again_later_is_a_repeat_of_the_first()
    {
        var walk = Walk(seed: 1, frames: 100, bitsPerFrame: 1);
        var other = Walk(seed: 2, frames: 50, bitsPerFrame: 1);
        var track = Track([.. walk, .. other, .. walk[..50], .. Walk(seed: 3, frames: 20, bitsPerFrame: 1)]);

        var repeat = Assert.Single(SampleAnalysis.Repeats(track, [], Options));

        AssertRange(15, 20, repeat.Later);
        AssertRange(0, 5, repeat.Earlier);
    }

    [Fact]
    public void A_still_view_seen_twice_is_not_a_repeat()
    {
        var still = Enumerable.Repeat(0x0F0F_3C3C_F0F0_C3C3UL, 50).ToArray();
        var track = Track([.. still, .. Walk(seed: 2, frames: 50, bitsPerFrame: 1), .. still]);

        Assert.Empty(SampleAnalysis.Repeats(track, [], Options));
    }

    [Fact]
    public void A_repeat_shorter_than_the_minimum_is_not_reported()
    {
        var walk = Walk(seed: 1, frames: 60, bitsPerFrame: 1);
        var track = Track([.. walk, .. Walk(seed: 2, frames: 50, bitsPerFrame: 1), .. walk[..20], .. Walk(seed: 3, frames: 30, bitsPerFrame: 1)]);

        Assert.Empty(SampleAnalysis.Repeats(track, [], Options));
    }

    [Fact]
    public void Frames_already_reported_as_frozen_take_no_part_in_repeats()
    {
        var walk = Walk(seed: 1, frames: 50, bitsPerFrame: 1);
        var track = Track([.. walk, .. Walk(seed: 2, frames: 50, bitsPerFrame: 1), .. walk]);

        Assert.Empty(SampleAnalysis.Repeats(track, [TimeRange.FromSeconds(10, 15)], Options));
    }

    [Fact]
    public void A_jump_inside_a_steady_shot_is_a_splice()
    {
        var track = Track([.. Walk(seed: 1, frames: 40, bitsPerFrame: 1), .. Walk(seed: 9, frames: 40, bitsPerFrame: 1)]);

        var cut = Assert.Single(SampleAnalysis.Splices(track, [], Options));

        AssertRange(3.9, 4.0, cut);
    }

    [Fact]
    public void A_large_step_during_fast_camera_motion_is_not_a_splice()
    {
        var fast = Walk(seed: 1, frames: 40, bitsPerFrame: 14);
        var track = Track([.. fast, .. Walk(seed: 9, frames: 40, bitsPerFrame: 14)]);

        Assert.Empty(SampleAnalysis.Splices(track, [], Options));
    }

    [Fact]
    public void A_cut_to_a_flat_picture_is_not_a_splice()
    {
        var hashes = Walk(seed: 1, frames: 80, bitsPerFrame: 1);
        var track = hashes.Select((h, i) => new FrameHash(Frame * i, i >= 40 ? 0 : h, Flat: i >= 40)).ToList();

        Assert.Empty(SampleAnalysis.Splices(track, [], Options));
    }

    [Fact]
    public void Blurred_samples_for_at_least_two_seconds_make_one_stretch()
    {
        var samples = Enumerable.Range(0, 40)
            .Select(i => Sample(i, sharpness: i is >= 10 and < 16 ? 5 : i is 30 or 31 ? 5 : 400))
            .ToList();

        var blurred = Assert.Single(SampleAnalysis.Blurred(samples, TimeSpan.FromSeconds(0.5), [], Options));

        AssertRange(5, 8, blurred);
    }

    [Fact]
    public void Dark_samples_are_not_also_blurred()
    {
        var samples = Enumerable.Range(0, 20).Select(i => Sample(i, sharpness: 0, deviation: 0)).ToList();

        Assert.Empty(SampleAnalysis.Blurred(samples, TimeSpan.FromSeconds(0.5), [], Options));
    }

    private static FrameSample Sample(int index, double sharpness, double deviation = 40) =>
        new(index, TimeSpan.FromSeconds(index * 0.5), new FrameQuality(sharpness, 0, 120, deviation, 0, 0));

    private static List<FrameHash> Track(ulong[] hashes) =>
        hashes.Select((h, i) => new FrameHash(Frame * i, h, false)).ToList();

    /// <summary>A camera moving: a random start, then a few random bits flipped per frame.</summary>
    private static ulong[] Walk(int seed, int frames, int bitsPerFrame)
    {
        var random = new Random(seed);
        var hash = (ulong)random.NextInt64() ^ ((ulong)random.Next() << 40);
        var walk = new ulong[frames];
        for (var i = 0; i < frames; i++)
        {
            walk[i] = hash;
            for (var b = 0; b < bitsPerFrame; b++)
                hash ^= 1UL << random.Next(64);
        }

        return walk;
    }

    private static void AssertRange(double from, double to, TimeRange range)
    {
        Assert.Equal(from, range.From.TotalSeconds, 3);
        Assert.Equal(to, range.To.TotalSeconds, 3);
    }
}
