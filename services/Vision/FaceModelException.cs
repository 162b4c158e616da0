namespace Hall.Vision;

/// <summary>
/// A face model file could not be used: missing, unreadable, damaged, or not the expected version. The message
/// names the file, says what is wrong and how to fix it (run provisioning/scripts/fetch-models.sh).
/// </summary>
public sealed class FaceModelException : Exception
{
    public FaceModelException(string modelPath, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ModelPath = modelPath;
    }

    /// <summary>The model file that was asked for.</summary>
    public string ModelPath { get; }
}
