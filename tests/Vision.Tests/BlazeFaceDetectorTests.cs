using Hall.Tests.Shared;

namespace Hall.Vision.Tests;

/// <summary>The real models on a real photo, framed by real ffmpeg as the cameras do.</summary>
public class BlazeFaceDetectorTests
{
    public static TheoryData<string> Models => ["front", "back"];

    [Theory]
    [MemberData(nameof(Models))]
    public async Task Finds_the_astronauts_face_where_it_is_in_the_photo(string which)
    {
        var model = Spec(which);
        using var detector = new BlazeFaceDetector(ModelFiles.PathOf(model), model);
        var frame = await FfmpegFrames.LetterboxedAsync(ModelFiles.AstronautPhoto, model.InputSize);

        var faces = detector.Detect(frame);

        // The photo is square, so the letterbox adds no padding and input coordinates are photo coordinates.
        // Her face spans about x 0.34–0.54, y 0.12–0.36 of the photo; eyes near y 0.22.
        var face = Assert.Single(faces);
        Assert.InRange(face.Score, 0.75f, 1f);
        Assert.InRange(face.CenterX, 0.38f, 0.50f);
        Assert.InRange(face.CenterY, 0.17f, 0.32f);
        Assert.InRange(face.Width, 0.12f, 0.30f);
        Assert.InRange(face.Height, 0.12f, 0.30f);
        var rightEye = face[FaceKeypoint.RightEye];
        var leftEye = face[FaceKeypoint.LeftEye];
        Assert.True(face.Contains(rightEye), $"right eye {rightEye} outside {face}");
        Assert.True(face.Contains(leftEye), $"left eye {leftEye} outside {face}");
        Assert.True(rightEye.X < leftEye.X, "her right eye is on the image's left");
        Assert.InRange(rightEye.Y, 0.17f, 0.27f);
        Assert.InRange(leftEye.Y, 0.17f, 0.27f);
        Assert.True(face[FaceKeypoint.MouthCenter].Y > face[FaceKeypoint.NoseTip].Y, "mouth below the nose");
    }

    [Theory]
    [InlineData("front", "testsrc2")]
    [InlineData("front", "color=c=gray")]
    [InlineData("back", "testsrc2")]
    [InlineData("back", "color=c=gray")]
    public async Task Sees_no_face_in_an_empty_scene(string which, string source)
    {
        var model = Spec(which);
        using var detector = new BlazeFaceDetector(ModelFiles.PathOf(model), model);
        var frame = await FfmpegFrames.LavfiAsync(source, model.InputSize);

        Assert.Empty(detector.Detect(frame));
    }

    [Fact]
    public async Task Gives_the_same_faces_for_the_same_frame_again()
    {
        var model = BlazeFaceModel.Front;
        using var detector = new BlazeFaceDetector(ModelFiles.PathOf(model), model);
        var photo = await FfmpegFrames.LetterboxedAsync(ModelFiles.AstronautPhoto, model.InputSize);
        var grey = await FfmpegFrames.LavfiAsync("color=c=gray", model.InputSize);

        var first = detector.Detect(photo);
        Assert.Empty(detector.Detect(grey));
        var again = detector.Detect(photo);

        Assert.Equal(first.Single().Score, again.Single().Score);
        Assert.Equal(first.Single().Keypoints, again.Single().Keypoints);
    }

    [Fact]
    public void Refuses_a_frame_of_the_wrong_size()
    {
        var model = BlazeFaceModel.Front;
        using var detector = new BlazeFaceDetector(ModelFiles.PathOf(model), model);

        var error = Assert.Throws<ArgumentException>(() => detector.Detect(new byte[256 * 256 * 3]));
        Assert.Contains("128x128", error.Message, StringComparison.Ordinal);
        Assert.Equal(128, detector.InputWidth);
        Assert.Equal(128, detector.InputHeight);
    }

    private static BlazeFaceModel Spec(string which) => which == "front" ? BlazeFaceModel.Front : BlazeFaceModel.Back;
}
