using Hall.SiteInspection.Jobs;
using Hall.SiteInspection.Upload;
using Hall.Store;
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
    public InspectionStorage(long maxSize = 64L * 1024 * 1024, long freeSpaceReserve = 0)
    {
        Root = Path.Combine(Path.GetTempPath(), "hall-inspection-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Root);
        VideoDirectory = Path.Combine(Root, "videos");
        Database = new HallDatabase(Path.Combine(Root, "db", "hall.db"));
        Migrator.Apply(Database, new StoreMigrations().Migrations.Concat(new InspectionMigrations().Migrations), Time.GetUtcNow());
        UploadOptions = new UploadOptions { Directory = VideoDirectory, MaxSize = maxSize, FreeSpaceReserve = freeSpaceReserve };
    }

    public string Root { get; }

    public string VideoDirectory { get; }

    public HallDatabase Database { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 3, 14, 9, 30, 0, TimeSpan.FromHours(8)));

    public UploadOptions UploadOptions { get; }

    public InspectionJobOptions JobOptions { get; } = new() { MaxAttempts = 3, RetryDelay = TimeSpan.Zero };

    public InspectionJobQueue NewQueue() => new(Database, Options.Create(JobOptions), Time);

    public UploadStore NewStore(InspectionJobQueue? queue = null) =>
        new(Database, queue ?? NewQueue(), Options.Create(UploadOptions), Time, NullLogger<UploadStore>.Instance);

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
