namespace Hall.Store.Disk;

/// <summary>
/// A file of zeros kept in the data directory only to be deleted: when something the budget does not see (a runaway log,
/// files copied by hand, the store itself) fills the disk, deleting it gives the store room to write its journal and the
/// clean-up room to run. Written with real bytes (not a sparse length), so the room is really taken and really given back.
/// </summary>
public sealed class DiskReserveFile
{
    private const int Block = 1 << 20;

    public DiskReserveFile(string path, long bytes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        Path = path;
        Bytes = bytes;
    }

    public string Path { get; }

    public long Bytes { get; }

    public bool IsPresent => Bytes > 0 && File.Exists(Path) && new FileInfo(Path).Length == Bytes;

    /// <summary>Deletes the file; true when there was one to delete.</summary>
    public bool Release()
    {
        var existed = File.Exists(Path);
        File.Delete(Path);
        return existed;
    }

    /// <summary>
    /// Writes the file (to a temporary name, fsynced, then renamed). False, with nothing left behind, when the disk
    /// has no room for it.
    /// </summary>
    public bool TryCreate()
    {
        if (Bytes == 0 || IsPresent)
        {
            return true;
        }

        var temporary = Path + ".tmp";
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0))
            {
                var zeros = new byte[Block];
                for (long written = 0; written < Bytes; written += Block)
                {
                    file.Write(zeros, 0, (int)Math.Min(Block, Bytes - written));
                }

                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, Path, overwrite: true);
            return true;
        }
        catch (IOException)
        {
            File.Delete(temporary);
            return false;
        }
    }
}
