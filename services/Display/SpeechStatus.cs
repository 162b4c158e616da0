namespace Hall.Display;

/// <summary>Outcome of asking for an announcement's audio.</summary>
public enum SpeechStatus
{
    /// <summary>The WAV file is on disk.</summary>
    Ready,

    /// <summary>The box never announced anything with this key.</summary>
    UnknownKey,

    /// <summary>espeak-ng is missing or failed; the call is shown without sound.</summary>
    Failed,
}
