using Hall.Vision;

namespace Hall.Tests.Shared;

/// <summary>
/// Finds the fetched models: $HALL_MODELS_DIR when set, else &lt;repo&gt;/.models. A missing file fails the test
/// (CI fetches them first), naming the script that fetches it.
/// </summary>
internal static class ModelFiles
{
    public static string Directory => ModelDirectory.Find();

    public static string PathOf(BlazeFaceModel model) => Require(model.FileName, "");

    /// <summary>The astronaut photo (512×512, one face) that fetch-models.sh copies from Debian's python3-skimage.</summary>
    public static string AstronautPhoto =>
        Require(Path.Combine("test", "astronaut.png"), " (with Debian's python3-skimage installed: the photo comes from it)");

    private static string Require(string relative, string hint)
    {
        var path = Path.Combine(Directory, relative);
        if (!File.Exists(path))
        {
            Assert.Fail($"{path} is missing: run provisioning/scripts/fetch-models.sh first{hint}.");
        }

        return path;
    }
}
