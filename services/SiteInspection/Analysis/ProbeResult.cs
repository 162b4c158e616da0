namespace Hall.SiteInspection.Analysis;

/// <summary>
/// The probe of one file: the video's description when ffprobe could read it, and the <c>probe</c> check. A file can be
/// readable and still fail the check (resolution too low); <see cref="Video"/> is then set so the caller can say more.
/// </summary>
public sealed record ProbeResult(VideoInfo? Video, CheckResult Check)
{
    /// <summary>Readable and passed: the analysis pass can run.</summary>
    public bool Usable => Video is not null && Check.Passed;
}
