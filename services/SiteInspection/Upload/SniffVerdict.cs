namespace Hall.SiteInspection.Upload;

internal enum SniffVerdict
{
    /// <summary>The first bytes are a video container.</summary>
    Video,

    /// <summary>They are not; <see cref="SniffResult.Description"/> says what they look like.</summary>
    NotVideo,

    /// <summary>Too few bytes yet to tell.</summary>
    NeedMore,
}
