namespace Hall.Store.Disk;

/// <summary>Recognises a write that failed because the disk is full.</summary>
public static class DiskErrors
{
    /// <summary>ENOSPC (28) on Linux; ERROR_DISK_FULL (0x70) and ERROR_HANDLE_DISK_FULL (0x27) on Windows.</summary>
    public static bool IsDiskFull(IOException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return (exception.HResult & 0xFFFF) is 28 or 0x70 or 0x27;
    }
}
