namespace Hall.SiteInspection.Ocr;

/// <summary>
/// An OCR model file could not be used: missing, unreadable, damaged, of the wrong version, or not the model expected.
/// The message names the file, says what is wrong and how to fix it (run provisioning/scripts/fetch-models.sh).
/// </summary>
public sealed class OcrModelException : Exception
{
    public OcrModelException(string modelPath, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ModelPath = modelPath;
    }

    /// <summary>The file that was asked for.</summary>
    public string ModelPath { get; }
}
