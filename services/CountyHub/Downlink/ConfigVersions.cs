using System.Globalization;
using Hall.Contract;
using Hall.Contract.Downlink;
using Hall.CountyHub.Storage;

namespace Hall.CountyHub.Downlink;

/// <summary>
/// The county configuration's versions (table <c>config_versions</c>): each stored whole and never edited; a new one
/// is the latest with a change, checked by every section's validator before it is stored. Also what each hall runs.
/// </summary>
public sealed class ConfigVersions
{
    private readonly HubDatabase _database;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();

    // Versions never change once stored: the last one read is kept parsed for the polls.
    private ConfigVersion? _cached;

    public ConfigVersions(HubDatabase database, TimeProvider time)
    {
        _database = database;
        _time = time;
    }

    /// <summary>Publishes <see cref="CountyConfigDefaults.First"/> as version 1 when the hub has no version yet.</summary>
    public async Task EnsureFirstAsync(CancellationToken cancellationToken = default)
    {
        if (await LatestNumberAsync(cancellationToken) == 0)
        {
            await PublishAsync(_ => CountyConfigDefaults.First, 0, "县级中心初始配置(2026 年节假日安排与示例事项目录)", null, null, cancellationToken);
        }
    }

    public async Task<long> LatestNumberAsync(CancellationToken cancellationToken = default)
    {
        long latest = 0;
        await ReadAsync(s => s.QueryAsync("SELECT MAX(version) FROM config_versions", r => latest = r.IsDBNull(0) ? 0 : Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture), cancellationToken), cancellationToken);
        return latest;
    }

    public async Task<ConfigVersion?> LatestAsync(CancellationToken cancellationToken = default)
    {
        var latest = await LatestNumberAsync(cancellationToken);
        return latest == 0 ? null : await GetAsync(latest, cancellationToken);
    }

    public async Task<ConfigVersion?> GetAsync(long version, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_cached?.Version == version)
            {
                return _cached;
            }
        }

        ConfigVersion? found = null;
        await ReadAsync(
            s => s.QueryAsync(
                "SELECT version, published_at, published_by, note, config FROM config_versions WHERE version = @v",
                r => found = new ConfigVersion(
                    Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture),
                    s.Dialect.ReadTime(r, 1),
                    r.IsDBNull(2) ? null : r.GetString(2),
                    r.IsDBNull(3) ? null : r.GetString(3),
                    HallJson.Deserialize<CountyConfig>(r.GetString(4))!),
                cancellationToken,
                ("@v", version)),
            cancellationToken);
        if (found is not null)
        {
            lock (_gate)
            {
                if (_cached is null || found.Version >= _cached.Version)
                {
                    _cached = found;
                }
            }
        }

        return found;
    }

    /// <summary>Every version, newest first, without its content.</summary>
    public async Task<IReadOnlyList<(long Version, DateTimeOffset PublishedAt, string? PublishedBy, string? Note)>> ListAsync(CancellationToken cancellationToken = default)
    {
        var list = new List<(long, DateTimeOffset, string?, string?)>();
        await ReadAsync(
            s => s.QueryAsync(
                "SELECT version, published_at, published_by, note FROM config_versions ORDER BY version DESC",
                r => list.Add((Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture), s.Dialect.ReadTime(r, 1), r.IsDBNull(2) ? null : r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3))),
                cancellationToken),
            cancellationToken);
        return list;
    }

    /// <summary>
    /// Publishes the latest version changed by <paramref name="change"/> as the next version, when the latest is still
    /// <paramref name="basedOn"/> (else <see cref="HubErrorCodes.ConfigConflict"/>) and the result passes every check (else
    /// <see cref="DownlinkErrorCodes.Invalid"/> with the problems). Nothing is stored on a refusal.
    /// </summary>
    /// <param name="record">Run in the same transaction before the commit (the audit log's entry of the change).</param>
    public async Task<PublishResult> PublishAsync(
        Func<CountyConfig, CountyConfig> change, long basedOn, string? note, string? by, Func<Statements, ConfigVersion, ValueTask>? record = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        var d = _database.Dialect;
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var tx = await HubDatabase.BeginWriteAsync(connection, cancellationToken);
        await using var s = new Statements(connection, tx, d);
        if (d.Engine == DatabaseEngine.Postgres)
        {
            // Two admins publishing at once: the second waits here, then sees the first's version and is told so.
            await s.ExecuteAsync("LOCK TABLE config_versions IN EXCLUSIVE MODE", cancellationToken);
        }

        long latest = 0;
        string? latestJson = null;
        await s.QueryAsync(
            "SELECT version, config FROM config_versions ORDER BY version DESC LIMIT 1",
            r => (latest, latestJson) = (Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture), r.GetString(1)),
            cancellationToken);
        if (latest != basedOn)
        {
            return PublishResult.Refused(
                HubErrorCodes.ConfigConflict,
                string.Create(CultureInfo.InvariantCulture, $"配置已被他人更新为第 {latest} 版,本次修改基于第 {basedOn} 版,未发布;请刷新后重新修改"));
        }

        var previous = latestJson is null ? new CountyConfig() : HallJson.Deserialize<CountyConfig>(latestJson)!;
        var next = change(previous);
        var problems = next.Validate();
        if (problems.Count > 0)
        {
            return PublishResult.Refused(DownlinkErrorCodes.Invalid, "配置有误,未发布:" + string.Join(";", problems.Take(5)), problems);
        }

        var now = _time.GetUtcNow();
        var version = new ConfigVersion(latest + 1, now, by, string.IsNullOrWhiteSpace(note) ? null : note.Trim(), next);
        await s.ExecuteAsync(
            "INSERT INTO config_versions(version, published_at, published_by, note, config) VALUES (@v, @at, @by, @note, @config)",
            cancellationToken,
            ("@v", version.Version), ("@at", d.TimeValue(now)), ("@by", by), ("@note", version.Note), ("@config", HallJson.SerializeToString(next)));
        if (record is not null)
        {
            await record(s, version);
            await s.FlushAsync(cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
        return new PublishResult(version, null, []);
    }

    /// <summary>
    /// Publishes a change of one part of the configuration (a hall's village points, its revocations) on whatever the
    /// latest version is, trying again when another version came in between. For parts of the hub that change one
    /// thing and need the boxes to get it (the next version carries it).
    /// </summary>
    public async Task<PublishResult> PublishOnLatestAsync(
        Func<CountyConfig, CountyConfig> change, string? note, string? by, Func<Statements, ConfigVersion, ValueTask>? record = null, CancellationToken cancellationToken = default)
    {
        PublishResult result = PublishResult.Refused(HubErrorCodes.ConfigConflict, "配置正被他人同时修改,请稍后再试");
        for (var attempt = 0; attempt < 5; attempt++)
        {
            result = await PublishAsync(change, await LatestNumberAsync(cancellationToken), note, by, record, cancellationToken);
            if (result.Error?.Code != HubErrorCodes.ConfigConflict)
            {
                return result;
            }
        }

        return result;
    }

    /// <summary>Every enrolled hall with the version it runs, since when, and its last refusal.</summary>
    public async Task<IReadOnlyList<HallConfigState>> HallsAsync(CancellationToken cancellationToken = default)
    {
        var halls = new List<HallConfigState>();
        await ReadAsync(
            s => s.QueryAsync(
                """
                SELECT b.box_id, b.hall_name, b.time_zone, c.running_version, c.applied_at, c.refused_version, c.refused_code, c.refused_message, c.refused_at, b.last_contact_at
                FROM boxes b LEFT JOIN box_config c ON c.box_id = b.box_id WHERE b.revoked_at IS NULL ORDER BY b.box_id
                """,
                r => halls.Add(new HallConfigState(
                    r.GetString(0),
                    r.IsDBNull(1) ? null : r.GetString(1),
                    r.IsDBNull(2) ? null : r.GetString(2),
                    r.IsDBNull(3) ? null : Convert.ToInt64(r.GetValue(3), CultureInfo.InvariantCulture),
                    s.Dialect.ReadTimeOrNull(r, 4),
                    r.IsDBNull(5) ? null : Convert.ToInt64(r.GetValue(5), CultureInfo.InvariantCulture),
                    r.IsDBNull(6) ? null : r.GetString(6),
                    r.IsDBNull(7) ? null : r.GetString(7),
                    s.Dialect.ReadTimeOrNull(r, 8),
                    s.Dialect.ReadTimeOrNull(r, 9))),
                cancellationToken),
            cancellationToken);
        return halls;
    }

    private async Task ReadAsync(Func<Statements, Task> read, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var tx = await HubDatabase.BeginReadAsync(connection, cancellationToken);
        await using var s = new Statements(connection, tx, _database.Dialect);
        await read(s);
    }
}
