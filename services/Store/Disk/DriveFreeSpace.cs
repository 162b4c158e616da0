namespace Hall.Store.Disk;

/// <summary>Free space from the filesystem itself (statvfs on Linux).</summary>
public sealed class DriveFreeSpace : IFreeSpace
{
    public long AvailableBytes(string directory)
    {
        Directory.CreateDirectory(directory);
        return new DriveInfo(directory).AvailableFreeSpace;
    }
}
