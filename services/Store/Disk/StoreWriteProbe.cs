using System.Globalization;
using Hall.Contract;
using Microsoft.Data.Sqlite;

namespace Hall.Store.Disk;

/// <summary>
/// Tries a real write, as the store would make one: a committed row in the store (box_meta 'write_probe'), then a
/// fsynced file of <see cref="GrowthBytes"/> in the data directory, deleted at once. The second asks whether the store
/// can still grow: SQLite reuses its journal's space for small commits, so a commit alone can pass on a disk that fails
/// the next bigger one. The last answer is kept for /healthz.
/// </summary>
public sealed class StoreWriteProbe
{
    /// <summary>What the store must be able to add: a few journal pages and a checkpoint's worth of growth.</summary>
    public const int GrowthBytes = 256 * 1024;

    private const string FileName = "write-probe.tmp";
    private const int SqliteFull = 13;

    private readonly HallDatabase _database;
    private readonly string _directory;
    private readonly TimeProvider _time;
    private StoreWriteState _last;

    public StoreWriteProbe(HallDatabase database, string directory, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(time);
        _database = database;
        _directory = directory;
        _time = time;
        _last = StoreWriteState.Unknown(time.GetUtcNow());
    }

    public StoreWriteState Last => Volatile.Read(ref _last);

    public StoreWriteState Probe()
    {
        var now = _time.GetUtcNow();
        StoreWriteState state;
        try
        {
            using (var connection = _database.Open())
            using (var write = _database.BeginWrite(connection))
            {
                using var command = connection.CreateCommand();
                command.Transaction = write.Transaction;
                command.CommandText = "INSERT INTO box_meta(key, value) VALUES ('write_probe', $now) ON CONFLICT(key) DO UPDATE SET value = excluded.value";
                command.Parameters.AddWithValue("$now", now.ToString("O", CultureInfo.InvariantCulture));
                command.ExecuteNonQuery();
                write.Commit();
            }

            state = GrowthFails(now) ?? new StoreWriteState(true, null, null, null, now);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == SqliteFull)
        {
            state = DiskFull(ex.Message, now);
        }
        catch (SqliteException ex)
        {
            state = CannotWrite(ex.Message, now);
        }

        Volatile.Write(ref _last, state);
        return state;
    }

    private static StoreWriteState DiskFull(string detail, DateTimeOffset at) => new(
        false, ErrorCodes.StoreDiskFull, "盒子的磁盘已满,数据库无法再写入,新的取号、评价和上传可能无法保存。请技术人员按运维手册清理磁盘。", detail, at);

    private static StoreWriteState CannotWrite(string detail, DateTimeOffset at) => new(
        false, ErrorCodes.StoreCannotWrite, "盒子的数据库无法写入,新的取号、评价和上传都无法保存。请技术人员查看盒子日志,检查数据目录的权限和磁盘。", detail, at);

    private StoreWriteState? GrowthFails(DateTimeOffset at)
    {
        var path = Path.Combine(_directory, FileName);
        try
        {
            using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0))
            {
                file.Write(new byte[GrowthBytes]);
                file.Flush(flushToDisk: true);
            }

            return null;
        }
        catch (IOException ex) when (DiskErrors.IsDiskFull(ex))
        {
            return DiskFull(ex.Message, at);
        }
        catch (IOException ex)
        {
            return CannotWrite(ex.Message, at);
        }
        catch (UnauthorizedAccessException ex)
        {
            return CannotWrite(ex.Message, at);
        }
        finally
        {
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
                // Left for the next probe, which writes over it.
            }
        }
    }
}
