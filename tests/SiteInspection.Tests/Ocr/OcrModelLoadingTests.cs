using Hall.SiteInspection.Ocr;

namespace Hall.SiteInspection.Tests.Ocr;

/// <summary>A technician with a bad OCR model folder gets one exception type that says which file, what is wrong, and what to run.</summary>
public sealed class OcrModelLoadingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hall-ocr-models-").FullName;

    public OcrModelLoadingTests()
    {
        foreach (var file in (string[])[PaddleOcrModels.DetectionFile, PaddleOcrModels.RecognitionFile, PaddleOcrModels.KeysFile])
        {
            File.Copy(Path.Combine(OcrModelDirectory.Path, file), Path.Combine(_dir, file));
        }
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void The_fetched_models_load()
    {
        using var ocr = new PaddleOcr(_dir);

        Assert.Equal(_dir, ocr.ModelDirectory);
    }

    [Fact]
    public void A_missing_model_names_the_file_and_the_fetch_script()
    {
        var path = Path.Combine(_dir, PaddleOcrModels.RecognitionFile);
        File.Delete(path);

        var error = Assert.Throws<OcrModelException>(() => new PaddleOcr(_dir));

        AssertActionable(error, path, "does not exist");
    }

    [Fact]
    public void A_truncated_model_is_reported_as_damaged()
    {
        var path = Path.Combine(_dir, PaddleOcrModels.DetectionFile);
        var whole = File.ReadAllBytes(path);
        File.WriteAllBytes(path, whole[..(whole.Length / 2)]);

        var error = Assert.Throws<OcrModelException>(() => new PaddleOcr(_dir));

        AssertActionable(error, path, "damaged");
        Assert.Contains(PaddleOcrModels.DetectionSha256, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_keys_file_is_reported_as_empty()
    {
        var path = Path.Combine(_dir, PaddleOcrModels.KeysFile);
        File.WriteAllBytes(path, []);

        var error = Assert.Throws<OcrModelException>(() => new PaddleOcr(_dir));

        AssertActionable(error, path, "is empty");
    }

    [Fact]
    public void The_detector_in_the_recogniser_s_place_is_refused_by_its_hash()
    {
        var path = Path.Combine(_dir, PaddleOcrModels.RecognitionFile);
        File.Copy(Path.Combine(_dir, PaddleOcrModels.DetectionFile), path, overwrite: true);

        var error = Assert.Throws<OcrModelException>(() => new PaddleOcr(_dir));

        AssertActionable(error, path, "not the expected version");
    }

    private static void AssertActionable(OcrModelException error, string path, string what)
    {
        Assert.Equal(path, error.ModelPath);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains(what, error.Message, StringComparison.Ordinal);
        Assert.Contains("provisioning/scripts/fetch-models.sh", error.Message, StringComparison.Ordinal);
    }
}
