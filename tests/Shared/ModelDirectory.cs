namespace Hall.Tests.Shared;

/// <summary>
/// Where provisioning/scripts/fetch-models.sh put the models and the test face photo: $HALL_MODELS_DIR when set,
/// else &lt;repo&gt;/.models. Linked into each test project that needs it.
/// </summary>
internal static class ModelDirectory
{
    public static string Find()
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

        throw new InvalidOperationException($"No Appliance.sln above {AppContext.BaseDirectory} and HALL_MODELS_DIR is not set: cannot find the models.");
    }
}
