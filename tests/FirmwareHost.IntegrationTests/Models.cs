namespace Hall.FirmwareHost.IntegrationTests;

/// <summary>The models and test photo fetched by provisioning/scripts/fetch-models.sh into &lt;repo&gt;/.models (or $HALL_MODELS_DIR).</summary>
internal static class Models
{
    public static string Directory => Hall.Tests.Shared.ModelDirectory.Find();

    public static string AstronautPhoto
    {
        get
        {
            var path = Path.Combine(Directory, "test", "astronaut.png");
            Assert.True(File.Exists(path), $"{path} is missing: run provisioning/scripts/fetch-models.sh first (it copies the photo from Debian's python3-skimage).");
            return path;
        }
    }
}
