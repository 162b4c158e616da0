namespace Hall.Store.Disk;

/// <summary>The filesystem's free space as the budget sees it: the seam tests fake to fill a disk on demand.</summary>
public interface IFreeSpace
{
    /// <summary>Bytes an unprivileged writer can still write on the filesystem that holds <paramref name="directory"/>.</summary>
    long AvailableBytes(string directory);
}
