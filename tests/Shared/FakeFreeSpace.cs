using Hall.Store.Disk;

namespace Hall.Tests.Shared;

/// <summary>
/// A disk of a given size for the budget to measure: free space is the capacity less the files under the folder it
/// watches (so bytes an upload writes show as used, as on a real disk), less what the test says something else took.
/// </summary>
public sealed class FakeFreeSpace(long capacity, string? countFilesUnder = null, string pattern = "*") : IFreeSpace
{
    public long Capacity { get; set; } = capacity;

    /// <summary>Bytes taken by something the budget does not see (another program, a log).</summary>
    public long TakenElsewhere { get; set; }

    public long AvailableBytes(string directory)
    {
        var used = countFilesUnder is not null && Directory.Exists(countFilesUnder)
            ? new DirectoryInfo(countFilesUnder).EnumerateFiles(pattern, SearchOption.AllDirectories).Sum(f => f.Length)
            : 0;
        return Math.Max(0, Capacity - used - TakenElsewhere);
    }
}
