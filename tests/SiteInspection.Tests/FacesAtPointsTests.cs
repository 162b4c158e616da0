using Hall.SiteInspection.Analysis;
using Hall.SiteInspection.Tests.Analysis;
using Hall.SiteInspection.Tests.Ocr;
using Microsoft.Extensions.Options;

namespace Hall.SiteInspection.Tests;

/// <summary>
/// "本人出镜": the face model (BlazeFace back, counter monitoring's) on a point's 720p frame, as the check runs it: squares
/// of the frame at the model's full input, so that an applicant standing a few metres from the phone is still found.
/// </summary>
public sealed class FacesAtPointsTests : IDisposable
{
    private readonly string _work = Path.Combine(Path.GetTempPath(), "hall-si-faces-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly InspectionModels _models = new(Options.Create(new SiteInspectionOptions { ModelDirectory = OcrModelDirectory.Path }));

    [Fact]
    public async Task A_person_a_few_metres_away_in_a_720p_frame_is_found()
    {
        // The astronaut 240 px tall on the right of a 1280×720 shop front: her face is about 60 px, a person 3–4 m off (letterboxing the whole frame into the model, her face is lost).
        var picture = await FrameAsync("[1:v]scale=240:240[p];[0:v][p]overlay=x=700:y=100");

        Assert.True(_models.CountFaces(picture, 0.75) >= 1);
    }

    [Fact]
    public async Task A_frame_without_anyone_has_no_face()
    {
        // The lower part of the photo: the suit and the flag, no head.
        var picture = await FrameAsync("[1:v]crop=512:256:0:256,scale=1280:640[p];[0:v][p]overlay=x=0:y=40");

        Assert.Equal(0, _models.CountFaces(picture, 0.75));
    }

    [Theory]
    [InlineData(10, 4, new[] { 0, 3, 6 })]
    [InlineData(8, 4, new[] { 0, 4 })]
    [InlineData(4, 4, new[] { 0 })]
    public void A_picture_is_cut_into_squares_of_its_shorter_side_spread_from_end_to_end(int width, int height, int[] starts)
    {
        var rgb = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
                rgb[((y * width) + x) * 3] = (byte)x;

        var tiles = InspectionModels.Tiles(new FacePicture(rgb, width, height)).ToList();

        Assert.Equal(starts, tiles.Select(t => (int)t.Rgb[0]));
        Assert.All(tiles, t => Assert.Equal((height, height), (t.Width, t.Height)));
        Assert.All(tiles, t => Assert.Equal(t.Rgb[0] + height - 1, t.Rgb[(((height - 1) * height) + height - 1) * 3]));

        var portrait = InspectionModels.Tiles(new FacePicture(new byte[height * width * 3], height, width)).ToList();
        Assert.Equal(starts.Length, portrait.Count);
    }

    public void Dispose()
    {
        _models.Dispose();
        if (Directory.Exists(_work))
            Directory.Delete(_work, recursive: true);
    }

    /// <summary>A grey-brown 1280×720 wall with the photo overlaid as given, as the key frame extractor hands it to the face model.</summary>
    private async Task<FacePicture> FrameAsync(string overlay)
    {
        Directory.CreateDirectory(_work);
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var video = Path.Combine(_work, Guid.NewGuid().ToString("N")[..8] + ".mp4");
        await TestFfmpeg.RunAsync(
            ["-f", "lavfi", "-i", "color=c=0x8a8070:s=1280x720:r=30:d=2", "-loop", "1", "-framerate", "30", "-i", OcrModelDirectory.AstronautPhoto,
             "-filter_complex", overlay + ",format=yuv420p", "-t", "2", "-c:v", "libx264", "-preset", "veryfast", video],
            limit.Token);
        var options = new AnalysisOptions();
        var probe = await new VideoProber(options).ProbeAsync(video, limit.Token);
        var frame = await new KeyFrameExtractor(options).ExtractAsync(video, probe.Video!, TimeSpan.FromSeconds(1), _work, limit.Token, faceSide: _models.FaceInputSize);
        return frame!.ForFaces!;
    }
}
