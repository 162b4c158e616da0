using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Hall.Contract.Identity;
using Hall.Contract.Uplink;
using Hall.CountyHub;
using Hall.CountyHub.Ingest;
using Hall.CountyHub.Storage;
using Hall.FirmwareHost.IntegrationTests;
using Hall.Provisioning;
using Hall.Store.Uplink;
using Hall.Sync;
using Hall.Sync.Wire;
using Hall.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Hall.Benchmarks;

/// <summary>
/// The uplink (issue 10): bytes per event on the wire; a box's catch-up through a 1 Mbit/s link beside the floor
/// (compressed size ÷ bandwidth); the hub's ingest beside a raw batched insert of the same rows into the same
/// database, on SQLite and on PostgreSQL; 200 boxes uploading at once to one hub on PostgreSQL.
/// </summary>
internal static class UplinkBench
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static async Task<UplinkReport> RunAsync(BenchArgs options, MachineInfo machine, CancellationToken ct)
    {
        var report = new UplinkReport { Args = options, Machine = machine };
        try
        {
            Console.Error.WriteLine("[bench] uplink: catch-up through 1 Mbit/s…");
            await CatchUpAsync(report, options.Quick ? 10_000 : 50_000, ct);
            Console.Error.WriteLine("[bench] uplink: hub ingest beside raw inserts…");
            await using var postgres = new PostgresServer { Durable = true };
            await postgres.InitializeAsync();
            var events = options.Quick ? 20_000 : 100_000;
            report.Ingest.Add(await IngestAsync("SQLite", () => Task.FromResult(HubDatabase.Sqlite(Path.Combine(TempDirectory(), "hub.db"))), events, ct));
            report.Ingest.Add(await IngestAsync("PostgreSQL", async () => HubDatabase.Postgres(await postgres.CreateDatabaseAsync()), events, ct));
            Console.Error.WriteLine("[bench] uplink: 200 boxes at once on PostgreSQL…");
            report.Fleet = await FleetAsync(postgres, options.Quick ? 50 : 200, options.Quick ? 500 : 1000, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            report.Fail($"{e.GetType().Name}: {e.Message}");
        }

        return report;
    }

    /// <summary>A box with a backlog sends it all through a link throttled to 1 Mbit/s each way.</summary>
    private static async Task CatchUpAsync(UplinkReport report, int count, CancellationToken ct)
    {
        await using var hub = new HubProcess();
        await hub.StartAsync();
        await using var proxy = new FaultProxy(new IPEndPoint(IPAddress.Loopback, hub.Port)) { BytesPerSecond = UplinkReport.LinkBytesPerSecond, Refusing = true };
        await proxy.StartAsync();
        await using var box = new BoxProcess("bench-town");
        var events = Enumerable.Range(0, 60).SelectMany(d => HallDay.Generate(new DateOnly(2026, 10, 1).AddDays(d), Shanghai, new Random(d), 300)).Take(count).ToList();
        HallDay.Seed(box.Database, events);
        report.RawJsonBytes = events.Sum(e => (long)System.Text.Encoding.UTF8.GetByteCount(e.Json));

        using var output = new StringWriter(CultureInfo.InvariantCulture);
        var cli = new Cli(output, TextWriter.Null, TimeProvider.System);
        using var key = BoxKey.LoadOrCreate(Path.Combine(box.DataDirectory, BoxKey.FileName));
        cli.Run(["hub", "enroll", "--box", box.HallId, "--public-key", key.PublicKey, "--hub-url", $"https://127.0.0.1:{proxy.Port}", "--data-dir", hub.DataDirectory]);
        var settings = JsonDocument.Parse(output.ToString()).RootElement.GetProperty("settings").EnumerateObject().Select(p => $"--{p.Name}={p.Value.GetString()}");
        await box.StartAsync([.. settings, "--Sync:MinBackoff=00:00:00.020", "--Sync:MaxBackoff=00:00:00.100", "--Sync:Interval=00:00:00.050", "--Store:OutboxAckedRetention=365.00:00:00"]);

        // The link comes up with the whole backlog waiting: the clock starts now.
        var upBefore = proxy.BytesUp;
        var clock = Stopwatch.StartNew();
        proxy.Refusing = false;
        var expected = count;
        while ((await hub.ScalarAsync("SELECT count(*) FROM events")) < expected)
        {
            ct.ThrowIfCancellationRequested();
            if (clock.Elapsed > TimeSpan.FromMinutes(10))
            {
                throw new TimeoutException("The catch-up did not finish in 10 minutes.");
            }

            await Task.Delay(50, ct);
        }

        report.CatchUpEvents = count;
        report.CatchUp = clock.Elapsed;
        report.WireBytesUp = proxy.BytesUp - upBefore;
        report.WireBytesDown = proxy.BytesDown;
        report.BodyBytes = (long)await BoxMetricAsync(box, "hall_sync_bytes_sent_total");
        report.Batches = (long)await BoxMetricAsync(box, "hall_sync_batches_total{result=\"acknowledged\"}");
    }

    /// <summary>The hub's own ingest (signature, Brotli, JSON, dedupe, facts, mark) beside inserting what it stored, raw.</summary>
    private static async Task<IngestFigures> IngestAsync(string engine, Func<Task<HubDatabase>> create, int count, CancellationToken ct)
    {
        // Both ways once on a small run first, so that neither pays the JIT's first compile in its figure; then three
        // rounds, and the round with the median ratio is reported (a busy moment of the machine moves one round, not the figure).
        await MeasureIngestAsync(engine, create, 4000, ct);
        var rounds = new List<IngestFigures>();
        for (var i = 0; i < 3; i++)
        {
            rounds.Add(await MeasureIngestAsync(engine, create, count, ct));
        }

        return rounds.OrderBy(r => r.IngestTime / r.RawTime).ElementAt(1);
    }

    private static async Task<IngestFigures> MeasureIngestAsync(string engine, Func<Task<HubDatabase>> create, int count, CancellationToken ct)
    {
        using var database = await create();
        await HubMigrator.ApplyAsync(database, DateTimeOffset.UtcNow, ct);
        var directory = TempDirectory();
        using var key = BoxKey.LoadOrCreate(Path.Combine(directory, "key.pem"));
        await new BoxDirectory(database, TimeProvider.System).EnrollAsync("ingest-town", key.PublicKey, replace: false, ct);
        var requests = Requests("ingest-town", key, count, 2000, TimeProvider.System.GetUtcNow());
        var ingest = Ingest(database);

        var clock = Stopwatch.StartNew();
        foreach (var request in requests)
        {
            var outcome = await ingest.IngestAsync(request, ct);
            if (outcome.Answer is null)
            {
                throw new InvalidOperationException($"{engine}: the hub refused a batch: {outcome.Refusal?.Error.Code} {outcome.Refusal?.Error.Message}");
            }
        }

        var ingestTime = clock.Elapsed;

        // The floor: the very rows the ingest wrote, every table, inserted raw into a fresh database of the same schema,
        // in as many transactions as there were batches, with prepared (and on PostgreSQL batched) inserts.
        using var raw = await create();
        await HubMigrator.ApplyAsync(raw, DateTimeOffset.UtcNow, ct);
        var tables = await ReadTablesAsync(database, ct);
        clock.Restart();
        await InsertRawAsync(raw, tables, requests.Count, ct);
        var rawTime = clock.Elapsed;
        return new IngestFigures(engine, count, tables.Sum(t => t.Rows.Count), ingestTime, rawTime);
    }

    /// <summary>Boxes, each with its own key and the box's own uplink client, sending at once to a hub process.</summary>
    private static async Task<FleetFigures> FleetAsync(PostgresServer postgres, int boxes, int perBox, CancellationToken ct)
    {
        await using var hub = new HubProcess(await postgres.CreateDatabaseAsync());
        var fingerprint = hub.Fingerprint;
        var directory = TempDirectory();
        var keys = new List<BoxKey>();
        using (var database = hub.OpenDatabase())
        {
            await HubMigrator.ApplyAsync(database, DateTimeOffset.UtcNow, ct);
            var enrolment = new BoxDirectory(database, TimeProvider.System);
            for (var i = 0; i < boxes; i++)
            {
                var key = BoxKey.LoadOrCreate(Path.Combine(directory, $"box-{i}.pem"));
                keys.Add(key);
                await enrolment.EnrollAsync($"town-{i:000}", key.PublicKey, replace: false, ct);
            }
        }

        await hub.StartAsync();
        var options = new SyncOptions { HubUrl = hub.BaseUri.ToString(), HubCertificateSha256 = fingerprint, RequestTimeout = TimeSpan.FromMinutes(5) };
        var now = TimeProvider.System.GetUtcNow();
        var work = keys.Select((key, i) => (Box: $"town-{i:000}", Key: key, Bodies: Bodies($"town-{i:000}", perBox, 250, now))).ToList();
        var trips = new List<double>();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runs = work.Select(async w =>
        {
            using var client = new UplinkClient(options, w.Box, w.Key, TimeProvider.System);
            await start.Task;
            long nonce = 0;
            foreach (var body in w.Bodies)
            {
                nonce = HybridTime.Next(nonce, TimeProvider.System.GetUtcNow());
                var sent = Stopwatch.GetTimestamp();
                var result = await client.SendAsync(body, nonce, ct);
                var trip = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
                if (result.Answer is null)
                {
                    throw new InvalidOperationException($"{w.Box}: {result.Refusal?.Error.Code ?? result.Failure}");
                }

                lock (trips)
                {
                    trips.Add(trip);
                }
            }
        }).ToList();

        var clock = Stopwatch.StartNew();
        start.SetResult();
        await Task.WhenAll(runs);
        var elapsed = clock.Elapsed;
        foreach (var key in keys)
        {
            key.Dispose();
        }

        var stored = await hub.ScalarAsync("SELECT count(*) FROM events");
        trips.Sort();
        return new FleetFigures(boxes, stored, elapsed, Percentile(trips, 0.5), Percentile(trips, 0.99), trips.Count);
    }

    private static List<IngestRequest> Requests(string boxId, BoxKey key, int count, int perBatch, DateTimeOffset now)
    {
        var requests = new List<IngestRequest>();
        long nonce = 0;
        foreach (var body in Bodies(boxId, count, perBatch, now))
        {
            nonce++;
            requests.Add(new IngestRequest(boxId, nonce.ToString(CultureInfo.InvariantCulture), key.Sign(UplinkProtocol.SigningBytes("POST", UplinkProtocol.EventsPath, boxId, nonce, body)), body));
        }

        return requests;
    }

    /// <summary>A box's outbox of simulated hall days, encoded in batches exactly as the box sends them.</summary>
    private static List<byte[]> Bodies(string boxId, int count, int perBatch, DateTimeOffset now)
    {
        var rows = Enumerable.Range(0, 400)
            .SelectMany(d => HallDay.Generate(new DateOnly(2026, 1, 1).AddDays(d), Shanghai, new Random(d), 300))
            .Take(count)
            .Select((e, i) => new OutboxRow(i + 1, e.Type, e.At.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture), HybridTime.FromWall(e.At) + i, e.Json))
            .ToList();
        var header = new BatchHeader(boxId, "示范镇便民服务中心", "Asia/Shanghai", "0123456789abcdef", now, HybridTime.FromWall(now));
        return [.. rows.Chunk(perBatch).Select(chunk => BatchEncoder.Encode(header, new PendingBatch("0123456789abcdef", 1, count, null, chunk)))];
    }

    private static BatchIngest Ingest(HubDatabase database) => new(
        database,
        Options.Create(new HubOptions()),
        TimeProvider.System,
        new HubClock(TimeProvider.System),
        new BoxLocks(),
        new IngestCounters(),
        NullLogger<BatchIngest>.Instance);

    private static async Task<List<TableRows>> ReadTablesAsync(HubDatabase database, CancellationToken ct)
    {
        string[] names = ["boxes", "box_epochs", "events", "tickets", "calls", "services", "ratings", "bad_review_cases", "absences", "alerts", "inspection_verdicts", "evidence_packs"];
        var tables = new List<TableRows>();
        await using var connection = await database.OpenAsync(ct);
        foreach (var name in names)
        {
            await using DbCommand command = connection.CreateCommand();
            command.CommandText = "SELECT * FROM " + name;
            await using var reader = await command.ExecuteReaderAsync(ct);
            var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
            var rows = new List<object[]>();
            while (await reader.ReadAsync(ct))
            {
                var values = new object[reader.FieldCount];
                reader.GetValues(values);
                rows.Add(values);
            }

            tables.Add(new TableRows(name, columns, rows));
        }

        return tables;
    }

    private static async Task InsertRawAsync(HubDatabase database, List<TableRows> tables, int transactions, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        for (var t = 0; t < transactions; t++)
        {
            await using var tx = await connection.BeginTransactionAsync(ct);
            foreach (var table in tables)
            {
                var share = table.Rows.Skip(table.Rows.Count * t / transactions).Take((table.Rows.Count * (t + 1) / transactions) - (table.Rows.Count * t / transactions)).ToList();
                if (share.Count == 0)
                {
                    continue;
                }

                var sql = $"INSERT INTO {table.Name}({string.Join(", ", table.Columns)}) VALUES ({string.Join(", ", table.Columns.Select((_, i) => "@p" + i.ToString(CultureInfo.InvariantCulture)))})";
                if (connection is NpgsqlConnection npgsql)
                {
                    foreach (var chunk in share.Chunk(500))
                    {
                        await using var batch = new NpgsqlBatch(npgsql, (NpgsqlTransaction)tx);
                        foreach (var row in chunk)
                        {
                            var command = new NpgsqlBatchCommand(sql);
                            for (var i = 0; i < row.Length; i++)
                            {
                                command.Parameters.Add(new NpgsqlParameter("p" + i.ToString(CultureInfo.InvariantCulture), row[i]));
                            }

                            batch.BatchCommands.Add(command);
                        }

                        await batch.ExecuteNonQueryAsync(ct);
                    }
                }
                else
                {
                    await using DbCommand command = connection.CreateCommand();
                    command.Transaction = tx;
                    command.CommandText = sql;
                    for (var i = 0; i < table.Columns.Count; i++)
                    {
                        var parameter = command.CreateParameter();
                        parameter.ParameterName = "@p" + i.ToString(CultureInfo.InvariantCulture);
                        command.Parameters.Add(parameter);
                    }

                    await command.PrepareAsync(ct);
                    foreach (var row in share)
                    {
                        for (var i = 0; i < row.Length; i++)
                        {
                            command.Parameters[i].Value = row[i];
                        }

                        await command.ExecuteNonQueryAsync(ct);
                    }
                }
            }

            await tx.CommitAsync(ct);
        }
    }

    private static async Task<double> BoxMetricAsync(BoxProcess box, string sample)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var text = await http.GetStringAsync(new Uri(box.BaseUri, "metrics"));
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith(sample + " ", StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line[(sample.Length + 1)..], CultureInfo.InvariantCulture);
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static string TempDirectory()
    {
        var directory = Path.Combine(Path.GetTempPath(), "hall-bench-uplink-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        return directory;
    }

    private sealed record TableRows(string Name, List<string> Columns, List<object[]> Rows);
}
