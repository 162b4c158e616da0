using Hall.CountyHub.Evidence;

namespace Hall.CountyHub.Tests;

/// <summary>The resumable upload's rules, plain: where a chunk may start, what a chunk sent again does, when a file is kept.</summary>
public sealed class UploadRulesTests
{
    private const long Max = 1000;

    [Fact]
    public void A_chunk_at_the_held_offset_is_written_whole()
    {
        Assert.Equal(new ChunkDecision(ChunkAction.Write, 0), UploadRules.Chunk(false, 400, 2000, 400, 500, Max));
    }

    [Fact]
    public void A_chunk_sent_again_is_answered_with_the_offset_and_writes_nothing()
    {
        Assert.Equal(ChunkAction.AlreadyHeld, UploadRules.Chunk(false, 900, 2000, 400, 500, Max).Action);
        Assert.Equal(ChunkAction.AlreadyHeld, UploadRules.Chunk(false, 900, 2000, 0, 900, Max).Action);
    }

    [Fact]
    public void A_chunk_that_overlaps_the_held_bytes_writes_only_its_new_tail()
    {
        Assert.Equal(new ChunkDecision(ChunkAction.Write, 300), UploadRules.Chunk(false, 700, 2000, 400, 500, Max));
    }

    [Fact]
    public void A_chunk_beyond_the_held_offset_is_refused()
    {
        Assert.Equal(ChunkAction.BeyondOffset, UploadRules.Chunk(false, 400, 2000, 401, 10, Max).Action);
        Assert.Equal(ChunkAction.BeyondOffset, UploadRules.Chunk(false, 400, 2000, -1, 10, Max).Action);
    }

    [Fact]
    public void A_chunk_past_the_declared_size_or_over_the_limit_is_refused()
    {
        Assert.Equal(ChunkAction.BeyondEnd, UploadRules.Chunk(false, 1900, 2000, 1900, 101, Max).Action);
        Assert.Equal(ChunkAction.TooLarge, UploadRules.Chunk(false, 0, 5000, 0, 1001, Max).Action);
    }

    [Fact]
    public void Nothing_is_appended_to_a_complete_upload()
    {
        Assert.Equal(ChunkAction.Complete, UploadRules.Chunk(true, 2000, 2000, 1000, 10, Max).Action);
    }

    [Fact]
    public void Finish_keeps_the_file_only_when_whole_and_its_hash_matches()
    {
        var sha = new string('a', 64);
        Assert.Equal(FinishAction.Incomplete, UploadRules.Finish(false, 1999, 2000, sha, string.Empty));
        Assert.Equal(FinishAction.Complete, UploadRules.Finish(false, 2000, 2000, sha, sha.ToUpperInvariant()));
        Assert.Equal(FinishAction.Discard, UploadRules.Finish(false, 2000, 2000, sha, new string('b', 64)));
        Assert.Equal(FinishAction.AlreadyComplete, UploadRules.Finish(true, 2000, 2000, sha, string.Empty));
    }

    [Fact]
    public void A_create_for_the_same_file_resumes_and_for_another_begins_again()
    {
        var sha = new string('c', 64);
        Assert.True(UploadRules.SameFile(2000, sha, 2000, sha));
        Assert.False(UploadRules.SameFile(2000, sha, 2001, sha));
        Assert.False(UploadRules.SameFile(2000, sha, 2000, new string('d', 64)));
        Assert.False(UploadRules.SameFile(-1, null, 2000, sha));
    }
}
