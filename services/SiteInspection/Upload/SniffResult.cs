namespace Hall.SiteInspection.Upload;

/// <param name="Container">For a video: mp4, mov, 3gp, mkv, webm, avi or ts (the extension of the received file).</param>
/// <param name="Description">For anything else: what it looks like, in Chinese, for the refusal ("文本文件", "JPEG 照片").</param>
internal sealed record SniffResult(SniffVerdict Verdict, string? Container = null, string? Description = null)
{
    public static SniffResult NeedMore { get; } = new(SniffVerdict.NeedMore);

    public static SniffResult Video(string container) => new(SniffVerdict.Video, container);

    public static SniffResult NotVideo(string description) => new(SniffVerdict.NotVideo, Description: description);
}
