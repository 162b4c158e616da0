namespace Hall.Display;

/// <summary>A rendered announcement's file, or why there is none.</summary>
public sealed record SpeechResult(SpeechStatus Status, string Key, string? FilePath = null, string? Error = null)
{
    public static SpeechResult Ready(string key, string filePath) => new(SpeechStatus.Ready, key, filePath);

    public static SpeechResult Unknown(string key) => new(SpeechStatus.UnknownKey, key, Error: $"No announcement is known under '{key}'.");

    public static SpeechResult Failed(string key, string error) => new(SpeechStatus.Failed, key, Error: error);
}
