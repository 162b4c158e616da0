using Hall.Contract.Identity;
using Hall.SiteInspection.Evidence;

namespace Hall.SiteInspection.Tests.Evidence;

public sealed class SignedPackTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "hall-sign-" + Guid.NewGuid().ToString("N")[..12]);

    private static EvidencePack Pack(bool passed = true) => new()
    {
        InspectionId = "I-1",
        ApplicationId = "T-1",
        HallId = "t1",
        ItemCode = "B-SP-001",
        RuleVersion = 1,
        VideoSha256 = new string('a', 64),
        VideoBytes = 1234,
        Duration = TimeSpan.FromSeconds(90),
        Passed = passed,
        Checks = [new CheckResult(CheckNames.Probe, true, null, null, "mp4, h264, 1280×720, 30 fps, 01:30")],
        FailedCheckpoints = [],
        KeyFrames = [new KeyFrameEvidence("exterior", TimeSpan.FromSeconds(5), "AAAA", new string('b', 64))],
        CheckedAt = new DateTimeOffset(2026, 11, 23, 10, 30, 0, TimeSpan.FromHours(8)),
    };

    [Fact]
    public void A_signed_pack_verifies_and_a_changed_verdict_does_not()
    {
        using var signer = BoxKey.LoadOrCreate(Path.Combine(_directory, BoxKey.FileName));
        var signed = SignedPack.Of(Pack(), signer);

        Assert.True(signed.Verify());
        var forged = signed with { Pack = signed.Pack.Replace("\"passed\":true", "\"passed\":false", StringComparison.Ordinal) };
        Assert.NotEqual(signed.Pack, forged.Pack);
        Assert.False(forged.Verify());
    }

    [Fact]
    public void The_box_keeps_its_key_across_restarts_and_only_it_can_read_it()
    {
        var path = Path.Combine(_directory, BoxKey.FileName);
        string first;
        using (var signer = BoxKey.LoadOrCreate(path))
        {
            first = signer.KeyId;
        }

        using var again = BoxKey.LoadOrCreate(path);

        Assert.Equal(first, again.KeyId);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
