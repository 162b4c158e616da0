namespace Hall.FirmwareHost.IntegrationTests;

/// <summary>The models and test photo fetched by provisioning/scripts/fetch-models.sh into &lt;repo&gt;/.models (or $HALL_MODELS_DIR).</summary>
internal static class Models
{
    public static string Directory
    {
        get
        {
            var fromEnvironment = Environment.GetEnvironmentVariable("HALL_MODELS_DIR");
            if (!string.IsNullOrEmpty(fromEnvironment))
            {
                return fromEnvironment;
            }

            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Appliance.sln")))
                {
                    return Path.Combine(dir.FullName, ".models");
                }
            }

            throw new InvalidOperationException("No Appliance.sln above the test folder and HALL_MODELS_DIR is not set.");
        }
    }

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
