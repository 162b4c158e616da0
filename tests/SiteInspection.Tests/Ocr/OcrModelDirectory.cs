using Hall.SiteInspection.Ocr;

namespace Hall.SiteInspection.Tests.Ocr;

/// <summary>
/// The fetched OCR models and test photo: $HALL_MODELS_DIR when set, else &lt;repo&gt;/.models. A missing file fails the
/// test (CI fetches them first), naming the script that fetches it.
/// </summary>
internal static class OcrModelDirectory
{
    public static string Path
    {
        get
        {
            var directory = Hall.Tests.Shared.ModelDirectory.Find();
            foreach (var file in (string[])[PaddleOcrModels.DetectionFile, PaddleOcrModels.RecognitionFile, PaddleOcrModels.KeysFile])
            {
                Require(System.IO.Path.Combine(directory, file), "");
            }

            return directory;
        }
    }

    /// <summary>The astronaut photo (512×512) that fetch-models.sh copies from Debian's python3-skimage: a photo-like background.</summary>
    public static string AstronautPhoto =>
        Require(
            System.IO.Path.Combine(Hall.Tests.Shared.ModelDirectory.Find(), "test", "astronaut.png"),
            " (with Debian's python3-skimage installed: the photo comes from it)");

    private static string Require(string path, string hint)
    {
        if (!File.Exists(path))
        {
            Assert.Fail($"{path} is missing: run provisioning/scripts/fetch-models.sh first{hint}.");
        }

        return path;
    }
}
