namespace Hall.FirmwareHost.IntegrationTests;

/// <summary>A test that mounts a filesystem: it runs as root (as CI here does) and is skipped, saying why, otherwise.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            Skip = "Needs root: it mounts a small tmpfs as the box's data directory to fill a real disk.";
        }
    }
}
