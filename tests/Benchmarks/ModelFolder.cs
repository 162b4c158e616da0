using Hall.Vision;

namespace Hall.Benchmarks;

/// <summary>The repository's .models (where fetch-models.sh puts them), searched upwards from the program.</summary>
internal static class ModelFolder
{
    public static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, ".models");
            if (File.Exists(Path.Combine(candidate, BlazeFaceModel.Front.FileName)))
            {
                return candidate;
            }
        }

        return null;
    }
}
