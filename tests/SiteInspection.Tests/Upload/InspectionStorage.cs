using Hall.SiteInspection.Jobs;
using Hall.SiteInspection.Upload;
using Hall.Store;
using Hall.Store.Disk;
using Hall.Tests.Shared;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Hall.SiteInspection.Tests.Upload;

/// <summary>
/// A real SQLite file and a real upload folder in a temporary directory, deleted afterwards. Each call of
/// <see cref="NewStore"/> / <see cref="NewQueue"/> is a fresh process's view of the same disk: nothing in memory is shared.
/// </summary>
public sealed class InspectionStorage : IDisposable
{
    /// <param name="diskCapacity">The size of the disk the budget sees; what the video folder holds is taken from it.</param>
    /// <param name="disk">The budget's settings; by default a floor of 0 and caps no test here reaches.</param>
    public InspectionStorage(long maxSize = 64L * 1024 * 1024, long diskCapacity = 1L << 40, DiskOptions? disk = null)
    {
        Root = Path.Combine(Path.GetTempPath(), "hall-inspection-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Root);
        VideoDirectory = Path.Combine(Root, "videos");
        Database = new HallDatabase(Path.Combine(Root, "db", "hall.db"));
        Migrator.Apply(Database, new StoreMigrations().Migrations.Concat(new InspectionMigrations().Migrations), Time.GetUtcNow());
        UploadOptions = new UploadOptions { Directory = VideoDirectory, MaxSize = maxSize };
        Disk = new FakeFreeSpace(diskCapacity, VideoDirectory);
        DiskOptions = disk ?? new DiskOptions { StoreFloorMiB = 0, MaxUploadsPerApplication = 100, MaxUploadMiBPerApplication = 1_048_576 };
    }

    public FakeFreeSpace Disk { get; }

    public DiskOptions DiskOptions { get; }

    public string Root { get; }

    public string VideoDirectory { get; }

    public HallDatabase Database { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 3, 14, 9, 30, 0, TimeSpan.FromHours(8)));

    public UploadOptions UploadOptions { get; }

    public InspectionJobOptions JobOptions { get; } = new() { MaxAttempts = 3, RetryDelay = TimeSpan.Zero };

    public InspectionJobQueue NewQueue() => new(Database, Options.Create(JobOptions), Time);

    /// <summary>A fresh process's disk budget (reservations live in memory only).</summary>
    public DiskBudget NewBudget() => new(Disk, Root, DiskOptions, Time);

    public UploadStore NewStore(InspectionJobQueue? queue = null, DiskBudget? budget = null) =>
        new(Database, queue ?? NewQueue(), budget ?? NewBudget(), Options.Create(UploadOptions), Time, NullLogger<UploadStore>.Instance);

    /// <summary>Files left in the video folder (parts and received videos).</summary>
    public string[] FilesOnDisk() => Directory.Exists(VideoDirectory) ? Directory.GetFiles(VideoDirectory) : [];

    public long OutboxRows(string type)
    {
        using var connection = Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM outbox WHERE type = $t";
        command.Parameters.AddWithValue("$t", type);
        return (long)command.ExecuteScalar()!;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
