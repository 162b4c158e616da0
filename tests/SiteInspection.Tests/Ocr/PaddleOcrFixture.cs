using Hall.SiteInspection.Ocr;

namespace Hall.SiteInspection.Tests.Ocr;

/// <summary>One reader for a test class: loading the two models takes about a second.</summary>
public sealed class PaddleOcrFixture : IDisposable
{
    public PaddleOcr Ocr { get; } = new(OcrModelDirectory.Path);

    public void Dispose() => Ocr.Dispose();
}
