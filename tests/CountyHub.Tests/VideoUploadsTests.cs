using System.Security.Cryptography;
using Hall.Contract.Evidence;
using Hall.CountyHub.Evidence;
using Hall.CountyHub.Ingest;
using Hall.CountyHub.Storage;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Hall.CountyHub.Tests;

/// <summary>The hub's upload store on SQLite and real files: what the county ends up holding after each kind of chunk.</summary>
public sealed class VideoUploadsTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "hall-evidence-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 3, 6, 10, 0, TimeSpan.Zero));
    private readonly byte[] _video = RandomNumberGenerator.GetBytes(10_000);
    private HubDatabase _database = null!;
    private VideoUploads _uploads = null!;
    private VideoRequests _requests = null!;
    private string _requestId = null!;

    private string Sha => Convert.ToHexStringLower(SHA256.HashData(_video));

    public async Task InitializeAsync()
    {
        _database = HubDatabase.Sqlite(Path.Combine(_directory, "hub.db"));
        await HubMigrator.ApplyAsync(_database, _time.GetUtcNow());
        var hub = Options.Create(new HubOptions { DataDirectory = _directory });
        _uploads = new VideoUploads(_database, hub, Options.Create(new EvidenceOptions { MaxChunkBytes = 4096 }), _time, new BoxLocks());
        _requests = new VideoRequests(_database, _time);
        (_requestId, _, _) = await _requests.RequestAsync(null, "t1", "insp-1", CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        _database.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_video_sent_in_chunks_with_one_sent_twice_is_kept_whole()
    {
        Assert.Equal(0, (await CreateAsync()).State!.Offset);
        Assert.Equal(4000, (await AppendAsync(0, 4000)).State!.Offset);
        Assert.Equal(4000, (await AppendAsync(0, 4000)).State!.Offset);
        Assert.Equal(7000, (await AppendAsync(3000, 4000)).State!.Offset);
        Assert.Equal(10_000, (await AppendAsync(7000, 3000)).State!.Offset);

        var finished = await _uploads.FinishAsync("t1", _requestId, CancellationToken.None);
        Assert.Equal("complete", finished.State!.State);
        var view = Assert.Single(await _requests.ListAsync("t1", CancellationToken.None));
        Assert.Equal(("received", 100), (view.State, view.Percent));
        var file = await _requests.ReceivedFileAsync(_requestId, CancellationToken.None);
        Assert.Equal(Sha, Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(_uploads.FullPath(file!.Value.Path)))));
    }

    [Fact]
    public async Task A_chunk_beyond_the_offset_is_refused_with_the_offset_and_changes_nothing()
    {
        await CreateAsync();
        await AppendAsync(0, 3000);
        var refused = await AppendAsync(4000, 1000);
        Assert.Equal((409, UploadErrorCodes.BadOffset, 3000L), (refused.Status, refused.Refusal!.Error.Code, refused.Refusal.Offset));
        Assert.Equal(3000, (await _uploads.StatusAsync("t1", _requestId, CancellationToken.None)).State!.Offset);
    }

    [Fact]
    public async Task A_whole_file_with_another_hash_is_discarded_and_begins_again_from_zero()
    {
        await CreateAsync();
        _video[5] ^= 0xFF;
        await AppendAsync(0, 4000);
        await AppendAsync(4000, 4000);
        await AppendAsync(8000, 2000);
        var refused = await _uploads.FinishAsync("t1", _requestId, CancellationToken.None);
        Assert.Equal((422, UploadErrorCodes.HashMismatch), (refused.Status, refused.Refusal!.Error.Code));
        Assert.Equal(0, (await _uploads.StatusAsync("t1", _requestId, CancellationToken.None)).State!.Offset);
        Assert.Null(await _requests.ReceivedFileAsync(_requestId, CancellationToken.None));
    }

    [Fact]
    public async Task Bytes_written_past_the_stored_offset_are_cut_back_by_the_next_chunk()
    {
        await CreateAsync();
        await AppendAsync(0, 4000);

        // A chunk written to disk whose offset never committed (the hub died between the two).
        var part = Path.Combine(_directory, "evidence", "t1", _requestId + ".part");
        await File.AppendAllTextAsync(part, "garbage that was never acknowledged");
        await AppendAsync(4000, 4000);
        await AppendAsync(8000, 2000);
        Assert.Equal("complete", (await _uploads.FinishAsync("t1", _requestId, CancellationToken.None)).State!.State);
    }

    [Fact]
    public async Task Another_box_cannot_upload_to_a_request_it_was_not_asked()
    {
        var refused = await _uploads.CreateAsync("t2", new UploadCreate(_requestId, "insp-1", _video.Length, Sha), CancellationToken.None);
        Assert.Equal((404, UploadErrorCodes.UnknownRequest), (refused.Status, refused.Refusal!.Error.Code));
    }

    [Fact]
    public async Task A_nonce_is_taken_once_per_box()
    {
        Assert.Null(await _uploads.TakeNonceAsync("t1", 10, CancellationToken.None));
        Assert.Equal(10, await _uploads.TakeNonceAsync("t1", 10, CancellationToken.None));
        Assert.Null(await _uploads.TakeNonceAsync("t2", 5, CancellationToken.None));
    }

    private Task<UploadOutcome> CreateAsync() =>
        _uploads.CreateAsync("t1", new UploadCreate(_requestId, "insp-1", _video.Length, Sha), CancellationToken.None);

    private Task<UploadOutcome> AppendAsync(long offset, int length) =>
        _uploads.AppendAsync("t1", _requestId, offset, _video.AsMemory((int)offset, length), CancellationToken.None);
}
