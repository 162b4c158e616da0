using Hall.SiteInspection.Ocr;

namespace Hall.SiteInspection.Tests.Ocr;

public sealed class TextDetectorInputSizeTests
{
    [Theory]
    [InlineData(1280, 720, 960, 544)] // 960×540, rounded to 32
    [InlineData(1280, 200, 960, 160)] // 960×150
    [InlineData(1920, 1080, 960, 544)]
    [InlineData(640, 100, 640, 96)] // small enough: only rounded
    [InlineData(20, 10, 32, 32)] // never below 32
    public void The_detector_sees_the_longer_side_at_most_960_and_both_sides_in_multiples_of_32(int width, int height, int expectedWidth, int expectedHeight)
    {
        Assert.Equal((expectedWidth, expectedHeight), TextDetector.InputSize(width, height, 960));
    }
}
