namespace Hall.Core.Tests;

/// <summary>The repository the tests run in: docs are checked against the code.</summary>
internal static class Repository
{
    public static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Appliance.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Appliance.sln not found above the test binaries.");
    }
}
